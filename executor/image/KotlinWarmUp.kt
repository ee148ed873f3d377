// Compiled once while the runtime image is built, with the JVM recording the classes kotlinc loads: a typical
// submission (input, collections, lambdas, a class, string templates), so that the archive holds what a
// typical compile needs. Never run.
import java.io.BufferedReader
import java.io.InputStreamReader

data class Edge(val from: Int, val to: Int, val weight: Long)

class Graph(private val size: Int) {
    private val adjacency = Array(size) { mutableListOf<Edge>() }

    fun add(edge: Edge) {
        adjacency[edge.from].add(edge)
    }

    fun shortest(source: Int): LongArray {
        val distance = LongArray(size) { Long.MAX_VALUE }
        val queue = java.util.PriorityQueue<Pair<Long, Int>>(compareBy { it.first })
        distance[source] = 0
        queue.add(0L to source)
        while (queue.isNotEmpty()) {
            val (d, node) = queue.poll()
            if (d > distance[node]) continue
            for (edge in adjacency[node]) {
                val next = d + edge.weight
                if (next < distance[edge.to]) {
                    distance[edge.to] = next
                    queue.add(next to edge.to)
                }
            }
        }
        return distance
    }
}

fun main() {
    val reader = BufferedReader(InputStreamReader(System.`in`))
    val (n, m) = reader.readLine().trim().split(" ").map { it.toInt() }
    val graph = Graph(n)
    repeat(m) {
        val parts = reader.readLine()!!.split(' ').filter { it.isNotEmpty() }
        graph.add(Edge(parts[0].toInt(), parts[1].toInt(), parts[2].toLong()))
    }
    val words = mutableMapOf<String, Int>()
    readLine()?.split(" ")?.forEach { words[it] = (words[it] ?: 0) + 1 }
    val sorted = words.entries.sortedByDescending { it.value }.take(3).joinToString(", ") { "${it.key}=${it.value}" }
    val result = StringBuilder()
    graph.shortest(0).forEachIndexed { i, d -> result.append(if (d == Long.MAX_VALUE) "-1" else "$i:$d").append('\n') }
    print(result)
    println(sorted)
    println(String.format("%.3f", n.toDouble() / maxOf(1, m)))
}
