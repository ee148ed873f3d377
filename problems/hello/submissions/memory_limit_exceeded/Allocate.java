// Probes the memory limit for Java: keeps 4 MiB arrays reachable until the heap, capped at the
// problem's memory limit by -Xmx, is full.
// Expected: MLE (java.lang.OutOfMemoryError, or the resident memory limit, whichever comes first).
import java.util.ArrayList;
import java.util.List;

public class Allocate {
    public static void main(String[] args) {
        List<int[]> blocks = new ArrayList<>();
        for (int i = 0;; i++) {
            int[] block = new int[1 << 20];
            block[i % block.length] = i;
            blocks.add(block);
        }
    }
}
