// Keeps 4 MiB arrays reachable until the heap, capped at the problem's memory limit by -Xmx, is full.
// Expected: MLE (java.lang.OutOfMemoryError, or the resident memory limit, whichever comes first).
fun main() {
    val blocks = ArrayList<IntArray>()
    var i = 0
    while (true) {
        val block = IntArray(1 shl 20)
        block[i % block.size] = i++
        blocks.add(block)
    }
}
