import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Guess {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        long lo = 1, hi = 1_000_000_000;
        while (lo <= hi) {
            long mid = (lo + hi) / 2;
            System.out.println(mid);
            System.out.flush();
            String answer = in.readLine();
            if (answer == null || answer.equals("=")) return;
            if (answer.equals("<")) hi = mid - 1; else lo = mid + 1;
        }
    }
}
