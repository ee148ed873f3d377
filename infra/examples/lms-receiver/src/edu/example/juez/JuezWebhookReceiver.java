package edu.example.juez;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An LMS's endpoint for juez verdicts, with nothing but the JDK: the same steps a Tomcat servlet's
 * {@code doPost} takes.
 *
 * <pre>
 *   POST /juez/webhook   a juez delivery: verified (401 if forged or stale), recorded once, acknowledged
 *   GET  /verdicts       every verdict recorded, as a JSON array
 * </pre>
 *
 * Options (arguments win over the environment):
 * <pre>
 *   --port N          LMS_RECEIVER_PORT    default 8090 (0: any free port; the port chosen is printed)
 *   --host H          LMS_RECEIVER_HOST    default 127.0.0.1
 *   --secret whsec_…  JUEZ_WEBHOOK_SECRET  required; prefer the environment (arguments show up in ps)
 *   --verdicts FILE   LMS_VERDICTS_FILE    default verdicts.jsonl
 * </pre>
 */
public final class JuezWebhookReceiver {

    /** A verdict payload is a few hundred bytes; anything much larger is not from juez. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final WebhookVerifier verifier;
    private final VerdictLog verdicts;

    public JuezWebhookReceiver(WebhookVerifier verifier, VerdictLog verdicts) {
        this.verifier = verifier;
        this.verdicts = verdicts;
    }

    public static void main(String[] args) throws IOException {
        String host;
        int port;
        WebhookVerifier verifier;
        Path file;
        try {
            Map<String, String> options = parseArguments(args);
            host = option(options, "host", "LMS_RECEIVER_HOST", "127.0.0.1");
            port = parsePort(option(options, "port", "LMS_RECEIVER_PORT", "8090"));
            String secret = option(options, "secret", "JUEZ_WEBHOOK_SECRET", null);
            if (secret == null) throw new IllegalArgumentException("set JUEZ_WEBHOOK_SECRET (or --secret) to the juez dispatcher's webhook secret");
            verifier = new WebhookVerifier(secret);
            file = Path.of(option(options, "verdicts", "LMS_VERDICTS_FILE", "verdicts.jsonl"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -cp build edu.example.juez.JuezWebhookReceiver [--port N] [--host H] [--secret whsec_...] [--verdicts FILE]");
            System.exit(2);
            return;
        }

        JuezWebhookReceiver receiver = new JuezWebhookReceiver(verifier, new VerdictLog(file));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/juez/webhook", receiver::handleWebhook);
        server.createContext("/verdicts", receiver::handleVerdicts);
        // A few threads: one slow client must not hold up juez's deliveries (it gives up after 5 s and retries).
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            threads.shutdown();
        }));
        System.out.println("listening on http://" + host + ":" + server.getAddress().getPort() + " (verdicts in " + file + ")");
    }

    /** POST /juez/webhook. */
    void handleWebhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/juez/webhook")) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "{\"error\":\"use POST\"}");
                return;
            }
            // 1. The raw bytes, exactly as signed (a servlet: request.getInputStream(), never getParameter()).
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
            if (body == null) {
                send(exchange, 413, "{\"error\":\"body too large\"}");
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");

            // 2. Verify before anything else: a forged request must not even mark its id as seen.
            try {
                verifier.verify(
                        id,
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body,
                        Instant.now().getEpochSecond());
            } catch (WebhookVerifier.InvalidWebhookException e) {
                // 401, not 2xx: juez treats it as a failed attempt, so a misconfigured secret shows up in its
                // delivery log instead of verdicts silently vanishing.
                System.out.println("refused a delivery from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": " + e.getMessage());
                send(exchange, 401, "{\"error\":\"" + e.getMessage() + "\"}");
                return;
            }

            // 3. Record once per webhook-id, durably, then acknowledge. A duplicate (a retry whose first answer
            //    was lost, or a redelivery) is acknowledged too, or juez would keep retrying it.
            boolean recorded;
            try {
                recorded = verdicts.recordOnce(id, body, Instant.now());
            } catch (IOException e) {
                System.err.println("could not store delivery " + id + ": " + e.getMessage());
                send(exchange, 500, "{\"error\":\"not stored; retry later\"}");
                return;
            }
            String payload = new String(body, StandardCharsets.UTF_8);
            if (recorded) {
                System.out.println("recorded " + id + ": verdict " + field(payload, "verdict") + " for externalId " + field(payload, "externalId"));
                send(exchange, 200, "{\"status\":\"recorded\"}");
            } else {
                System.out.println("duplicate " + id + ": acknowledged, not recorded again");
                send(exchange, 200, "{\"status\":\"duplicate\"}");
            }
        }
    }

    /** GET /verdicts. */
    void handleVerdicts(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "{\"error\":\"use GET\"}");
                return;
            }
            send(exchange, 200, verdicts.toJsonArray());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    /**
     * A string field of the payload, for the log line only ("-" when absent or null). Real code parses the
     * payload with its JSON library (Jackson, Gson, JSON-B) into
     * {@code {type, timestamp, data: {submissionId, externalId, userId, problemId, problemVersion, verdict, score, maxScore}}}.
     */
    private static String field(String json, String name) {
        Matcher match = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return match.find() ? match.group(1) : "-";
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.matches("--(port|host|secret|verdicts)") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument: " + name);
            }
            options.put(name.substring(2), args[i + 1]);
        }
        return options;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port must be a number, got " + text);
        }
    }

    private static String option(Map<String, String> options, String name, String variable, String fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
