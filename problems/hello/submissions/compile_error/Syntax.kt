// A Kotlin syntax error (an unclosed call). Expected: CE, with kotlinc's message.
fun main() {
    println("Hello, World!"
}
