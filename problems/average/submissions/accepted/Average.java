import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Average {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        StringTokenizer grades = new StringTokenizer(in.readLine());
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Long.parseLong(grades.nextToken());
        }
        // printf with %f would use the default locale's decimal separator; Locale.ROOT keeps a dot.
        System.out.println(String.format(java.util.Locale.ROOT, "%.9f", (double) sum / n));
    }
}
