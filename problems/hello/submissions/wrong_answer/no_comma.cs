// Forgets the comma: "Hello" and "Hello," are different tokens.
using System;

class NoComma
{
    static void Main()
    {
        Console.WriteLine("Hello World!");
    }
}
