// Adds in 32-bit Ints: right on group 1 (30 points), wrong on group 2, whose values do not fit.
// Expected: WA with a score of 30.
// @EXPECTED_SCORE@: 30
object Int32 {
  def main(args: Array[String]): Unit = {
    val lines = scala.io.Source.stdin.getLines()
    val t = lines.next().trim.toInt
    for (_ <- 1 to t) {
      val Array(a, b) = lines.next().trim.split("\\s+").map(_.toLong.toInt)
      println(a + b)
    }
  }
}
