// Holds an 88 MiB array under a 128 MiB limit: the JVM's young generation must not make that an OutOfMemoryError.
public class Big {
    public static void main(String[] args) {
        byte[] data = new byte[88 * 1024 * 1024];
        for (int i = 0; i < data.length; i += 4096) data[i] = 1;
        System.out.println(data[4096]);
    }
}
