fun main() {
    readLine()
    println(readLine()!!.split(' ').filter { it.isNotEmpty() }.map { it.toLong() }.sum())
}
