using System;
using System.Text;

class AplusB
{
    static void Main()
    {
        int t = int.Parse(Console.ReadLine().Trim());
        var output = new StringBuilder();
        for (int i = 0; i < t; i++)
        {
            string[] parts = Console.ReadLine().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            output.Append(long.Parse(parts[0]) + long.Parse(parts[1])).Append('\n');
        }
        Console.Write(output);
    }
}
