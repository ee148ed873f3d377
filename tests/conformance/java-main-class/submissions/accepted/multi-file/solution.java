// Not public (javac would want it in Start.java): the class with main is app.Start.
package app;

final class Start {
    public static void main(String[] args) {
        System.out.println(Reader.sumOfInput());
    }
}
