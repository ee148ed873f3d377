package app;

import java.util.Scanner;

class Reader {
    static long sumOfInput() {
        Scanner in = new Scanner(System.in);
        long sum = 0;
        while (in.hasNextLong()) sum += in.nextLong();
        return sum;
    }
}
