// Spins forever without printing anything. Expected: TLE (the 1 s of CPU time runs out).
@Volatile var counter = 0L

fun main() {
    while (true) counter++
}
