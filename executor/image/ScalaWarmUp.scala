// Compiled once while the runtime image is built, with the JVM recording the classes scalac loads: a typical
// submission (input, collections, pattern matching, a case class), so that the archive holds what a typical
// compile needs. Never run.
import scala.collection.mutable

case class Edge(from: Int, to: Int, weight: Long)

object ScalaWarmUp {
  def shortest(size: Int, edges: Seq[Edge], source: Int): Array[Long] = {
    val adjacency = Array.fill(size)(mutable.ArrayBuffer[Edge]())
    edges.foreach(e => adjacency(e.from) += e)
    val distance = Array.fill(size)(Long.MaxValue)
    val queue = mutable.PriorityQueue[(Long, Int)]()(Ordering.by[(Long, Int), Long](-_._1))
    distance(source) = 0
    queue.enqueue((0L, source))
    while (queue.nonEmpty) {
      val (d, node) = queue.dequeue()
      if (d <= distance(node)) {
        for (edge <- adjacency(node)) {
          val next = d + edge.weight
          if (next < distance(edge.to)) {
            distance(edge.to) = next
            queue.enqueue((next, edge.to))
          }
        }
      }
    }
    distance
  }

  def main(args: Array[String]): Unit = {
    val lines = scala.io.Source.stdin.getLines()
    val Array(n, m) = lines.next().trim.split("\\s+").map(_.toInt)
    val edges = (1 to m).map { _ =>
      lines.next().trim.split("\\s+") match {
        case Array(a, b, w) => Edge(a.toInt, b.toInt, w.toLong)
        case other => throw new IllegalArgumentException(other.mkString(" "))
      }
    }
    val counts = lines.take(1).flatMap(_.split(" ")).toList.groupBy(identity).mapValues(_.size)
    val out = new StringBuilder
    shortest(n, edges, 0).zipWithIndex.foreach { case (d, i) => out.append(if (d == Long.MaxValue) "-1" else s"$i:$d").append('\n') }
    print(out)
    println(counts.toSeq.sortBy(-_._2).take(3).map { case (k, v) => s"$k=$v" }.mkString(", "))
    println(f"${n.toDouble / math.max(1, m)}%.3f")
  }
}
