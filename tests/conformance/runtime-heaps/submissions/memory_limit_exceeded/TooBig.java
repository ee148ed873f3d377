// Holds 160 MiB under a 128 MiB limit: MLE (the JVM's OutOfMemoryError, or the sandbox's limit).
public class TooBig {
    public static void main(String[] args) {
        byte[] data = new byte[160 * 1024 * 1024];
        for (int i = 0; i < data.length; i += 4096) data[i] = 1;
        System.out.println(data[4096]);
    }
}
