object AplusB {
  def main(args: Array[String]): Unit = {
    val lines = scala.io.Source.stdin.getLines()
    val t = lines.next().trim.toInt
    val out = new StringBuilder
    for (_ <- 1 to t) {
      val Array(a, b) = lines.next().trim.split("\\s+").map(_.toLong)
      out.append(a + b).append('\n')
    }
    print(out)
  }
}
