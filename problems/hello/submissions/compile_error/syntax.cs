// A C# syntax error (a missing semicolon). Expected: CE, with mcs's message.
using System;

class Syntax
{
    static void Main()
    {
        Console.WriteLine("Hello, World!")
    }
}
