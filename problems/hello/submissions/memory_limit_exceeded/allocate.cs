// Keeps 1 MiB arrays reachable and writes every element, so the memory is really resident.
// Expected: MLE (Mono's heap, capped at the memory limit, runs out: OutOfMemoryException; or the
// resident memory limit, whichever comes first).
using System.Collections.Generic;

class Allocate
{
    static void Main()
    {
        var blocks = new List<int[]>();
        while (true)
        {
            var block = new int[1 << 18];
            for (int i = 0; i < block.Length; i++) block[i] = i;
            blocks.Add(block);
        }
    }
}
