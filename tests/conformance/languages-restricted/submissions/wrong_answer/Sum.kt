// Would be WA (prints the first number only), but Kotlin is not allowed here: skipped, not judged.
fun main() {
    println(readLine()!!.trim().split(" ").first())
}
