// Prints the right answer, then throws: the JVM exits with status 1. Expected: RE.
object Throw {
  def main(args: Array[String]): Unit = {
    println("Hello, World!")
    throw new IllegalStateException("thrown on purpose")
  }
}
