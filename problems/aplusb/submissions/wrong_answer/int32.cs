// Adds in 32-bit ints: right on group 1 (30 points), wrong on group 2, whose values do not fit.
// Expected: WA with a score of 30.
// @EXPECTED_SCORE@: 30
using System;

class Int32Sum
{
    static void Main()
    {
        int t = int.Parse(Console.ReadLine().Trim());
        for (int i = 0; i < t; i++)
        {
            string[] parts = Console.ReadLine().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine(unchecked((int)long.Parse(parts[0]) + (int)long.Parse(parts[1])));
        }
    }
}
