// Probes an uncaught exception: prints the right answer, then loops one word too far and dies with
// ArrayIndexOutOfBoundsException, so the JVM exits with status 1.
// Expected: RE (a non-zero exit code fails the test even though the output is right).
public class OutOfBounds {
    public static void main(String[] args) {
        String[] words = {"Hello,", "World!"};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i <= words.length; i++) {
            if (i == words.length - 1) {
                System.out.println(line.append(words[i]));
            } else {
                line.append(words[i]).append(' ');
            }
        }
    }
}
