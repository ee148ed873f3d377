// A Java syntax error (an unclosed method body). Expected: CE, with javac's message.
public class Syntax {
    public static void main(String[] args) {
        System.out.println("Hello, World!");
}
