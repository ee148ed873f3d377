// A Scala type error (a String where an Int is expected). Expected: CE, with scalac's message.
object TypeError {
  def main(args: Array[String]): Unit = {
    val n: Int = "Hello, World!"
    println(n)
  }
}
