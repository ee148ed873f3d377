// Compiles, but no class declares public static void main(String[]): nothing to run.
class Main {
    static void main(String[] args) {
        System.out.println(0);
    }
}
