// Right, but in a language problem.yaml does not allow: verify lists it as skipped, never judges it.
import java.util.Scanner;

public class Sum {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long total = 0;
        while (in.hasNextLong()) total += in.nextLong();
        System.out.println(total);
    }
}
