// Spins forever without printing anything. Expected: TLE (the 1 s of CPU time runs out).
object BusyLoop {
  @volatile var counter = 0L

  def main(args: Array[String]): Unit = while (true) counter += 1
}
