// Prints the right answer, then throws an exception nobody catches: Mono exits with status 1.
// Expected: RE.
using System;

class Unhandled
{
    static void Main()
    {
        Console.WriteLine("Hello, World!");
        Console.Out.Flush();
        throw new InvalidOperationException("thrown on purpose");
    }
}
