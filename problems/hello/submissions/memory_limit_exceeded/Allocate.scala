// Keeps 4 MiB arrays reachable until the heap, capped at the problem's memory limit by -Xmx, is full.
// Expected: MLE (java.lang.OutOfMemoryError, or the resident memory limit, whichever comes first).
object Allocate {
  def main(args: Array[String]): Unit = {
    val blocks = scala.collection.mutable.ArrayBuffer[Array[Int]]()
    var i = 0
    while (true) {
      val block = new Array[Int](1 << 20)
      block(i % block.length) = i
      i += 1
      blocks += block
    }
  }
}
