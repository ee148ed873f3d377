// Prints the right answer, then throws: the JVM exits with status 1.
// Expected: RE (a non-zero exit code fails the test even though the output is right).
fun main() {
    println("Hello, World!")
    throw IllegalStateException("thrown on purpose")
}
