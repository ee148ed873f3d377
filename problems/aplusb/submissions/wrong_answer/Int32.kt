// Adds in 32-bit Ints: right on group 1 (30 points), wrong on group 2, whose values do not fit.
// Expected: WA with a score of 30.
// @EXPECTED_SCORE@: 30
fun main() {
    val t = readLine()!!.trim().toInt()
    repeat(t) {
        val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong().toInt() }
        println(a + b)
    }
}
