package se.juez.sums;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/** A helper class comes first; the class with main is se.juez.sums.Adder. */
class Tokens {
    static long sum(BufferedReader reader) throws IOException {
        long sum = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            for (String token : line.trim().split("\\s+")) if (!token.isEmpty()) sum += Long.parseLong(token);
        }
        return sum;
    }
}

class Adder {
    // "public static void main(String[] args)" in a comment or a string does not count.
    static final String NOTE = "public static void main(String[] args)";

    public static void main(String... args) throws IOException {
        System.out.println(Tokens.sum(new BufferedReader(new InputStreamReader(System.in))));
    }
}
