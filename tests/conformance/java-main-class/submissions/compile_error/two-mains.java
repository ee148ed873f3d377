// Both classes declare main: which one to run cannot be told, so it is CE (with a message saying so).
class First {
    public static void main(String[] args) {
        System.out.println(0);
    }
}

class Second {
    public static void main(String[] args) {
        System.out.println(1);
    }
}
