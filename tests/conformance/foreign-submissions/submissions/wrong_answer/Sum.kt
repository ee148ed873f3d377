fun main() { println(0) }
