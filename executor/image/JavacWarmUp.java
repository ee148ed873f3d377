// Compiled once while the runtime image is built, so that javac loads the classes it needs for what
// students write (I/O, collections, generics, lambdas and streams, records, switch expressions, inner
// classes, exceptions, string concatenation); the Dockerfile archives them for every later javac.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.*;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class JavacWarmUp {
    record Edge(int from, int to, long weight) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge other) {
            return Long.compare(weight, other.weight);
        }
    }

    enum Kind { SMALL, LARGE }

    interface Shape {
        double area();

        default String describe() {
            return getClass().getSimpleName() + " of area " + area();
        }
    }

    static final class Square implements Shape {
        private final double side;

        Square(double side) {
            this.side = side;
        }

        public double area() {
            return side * side;
        }
    }

    private static int[] parent;

    static int find(int x) {
        return parent[x] == x ? x : (parent[x] = find(parent[x]));
    }

    static <T extends Comparable<T>> T largest(List<T> items) {
        T best = null;
        for (T item : items) if (best == null || item.compareTo(best) > 0) best = item;
        return best;
    }

    static long sum(int... values) {
        long total = 0;
        for (int v : values) total += v;
        return total;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        PrintWriter out = new PrintWriter(System.out);
        StringTokenizer tokens = new StringTokenizer(Objects.requireNonNullElse(in.readLine(), "3 2"));
        int n = Integer.parseInt(tokens.nextToken());
        Scanner scanner = new Scanner("1 2 3 4");
        List<Edge> edges = new ArrayList<>();
        while (scanner.hasNextInt()) edges.add(new Edge(0, scanner.nextInt(), scanner.nextInt() * 2L));
        Collections.sort(edges);
        parent = IntStream.range(0, n).toArray();
        Map<Kind, List<Integer>> byKind = new EnumMap<>(Kind.class);
        PriorityQueue<long[]> queue = new PriorityQueue<>(Comparator.comparingLong(a -> a[0]));
        Deque<Integer> stack = new ArrayDeque<>();
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Kind kind = switch (i % 3) {
                case 0 -> Kind.SMALL;
                default -> Kind.LARGE;
            };
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(i);
            queue.add(new long[] {i, find(i)});
            stack.push(i);
            counts.merge("k" + i, 1, Integer::sum);
        }
        String joined = byKind.values().stream().flatMap(List::stream).map(String::valueOf).collect(Collectors.joining(","));
        Function<Integer, Integer> square = x -> x * x;
        Optional<Edge> heaviest = Optional.ofNullable(largest(edges));
        Shape shape = new Square(2);
        try {
            out.printf(Locale.ROOT, "%s %d %.2f %s%n", joined, square.apply(n) + sum(1, 2, 3), shape.area(), heaviest.map(Edge::toString).orElse("none"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        } finally {
            out.println(shape.describe() + " " + counts.firstKey() + " " + stack.peek());
            out.flush();
        }
        switch (args.length > 0 ? args[0] : "none") {
            case "none":
                break;
            default:
                System.err.println(Arrays.toString(args));
        }
    }
}
