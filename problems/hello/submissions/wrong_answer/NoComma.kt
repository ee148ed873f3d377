// Forgets the comma: "Hello" and "Hello," are different tokens.
fun main() {
    println("Hello World!")
}
