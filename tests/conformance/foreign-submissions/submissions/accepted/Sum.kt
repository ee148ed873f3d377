fun main() {
    readLine()
    println(readLine()!!.split(' ').filter { it.isNotEmpty() }.sumOf { it.toLong() })
}
