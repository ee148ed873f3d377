// Forgets the comma: "Hello" and "Hello," are different tokens.
object NoComma {
  def main(args: Array[String]): Unit = println("Hello World!")
}
