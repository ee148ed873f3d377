// Spins forever without printing anything. Expected: TLE (the 1 s of CPU time runs out).
class BusyLoop
{
    static volatile int counter;

    static void Main()
    {
        while (true) counter++;
    }
}
