import java.util.Scanner;

// Not public, and not named after its file: javac accepts it, and it is what runs.
class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long sum = 0;
        while (in.hasNextLong()) sum += in.nextLong();
        System.out.println(sum);
    }
}
