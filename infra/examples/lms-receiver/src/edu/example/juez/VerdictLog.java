package edu.example.juez;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdicts received, once each: in memory, and appended to a JSON-lines file (one delivery per line) that
 * is read back at start, so that a retry arriving after a restart is still recognised.
 *
 * <p>Why deduplicate: juez delivers <em>at least once</em>. It retries whenever it did not get a 2xx in time
 * (your answer was lost, you were restarting, a proxy timed out), for up to 24 hours, and an administrator may
 * redeliver by hand. Every retry of one delivery carries the same {@code webhook-id}, so the first one is
 * recorded and every later one is acknowledged (2xx, so that juez stops retrying) without being recorded again.
 *
 * <p>In a real LMS, store the webhook-id in the same database transaction as the grade, under a unique
 * constraint: that is what makes the deduplication hold across restarts and across several Tomcat nodes.
 */
public final class VerdictLog {

    /** The first field of every line we write: {@code {"webhookId":"<id>",...}}. */
    private static final Pattern WEBHOOK_ID = Pattern.compile("^\\{\"webhookId\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path file;
    /** webhook-id → its line, in arrival order. */
    private final Map<String, String> lines = new LinkedHashMap<>();

    /** Opens (and reads back) {@code file}; it is created by the first verdict. */
    public VerdictLog(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher match = WEBHOOK_ID.matcher(line);
                if (match.find()) lines.put(unescape(match.group(1)), line);
            }
        }
    }

    /**
     * Records a verified delivery unless one with the same webhook-id was recorded before.
     *
     * <p>The line is written before this returns, and the caller answers 2xx only after that: juez retries
     * anything that was not acknowledged, so failing here (500) is safe, while acknowledging a verdict that was
     * then lost is not.
     *
     * @param webhookId the webhook-id header (already verified)
     * @param body      the verified JSON payload
     * @return true when it was recorded now, false when it is a duplicate
     */
    public synchronized boolean recordOnce(String webhookId, byte[] body, Instant receivedAt) throws IOException {
        if (lines.containsKey(webhookId)) return false;
        // JSON never needs a raw line break (inside strings they are escaped), so joining lines keeps the
        // payload intact and the file one delivery per line.
        String payload = new String(body, StandardCharsets.UTF_8).replace('\r', ' ').replace('\n', ' ');
        String line = "{\"webhookId\":\"" + escape(webhookId) + "\",\"receivedAt\":\"" + receivedAt + "\",\"payload\":" + payload + "}";
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.put(webhookId, line);
        return true;
    }

    /** Every recorded delivery as a JSON array. */
    public synchronized String toJsonArray() {
        return "[" + String.join(",", new ArrayList<>(lines.values())) + "]";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
            } else if (text.charAt(i + 1) == 'u' && i + 5 < text.length()) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(++i));
            }
        }
        return out.toString();
    }
}
