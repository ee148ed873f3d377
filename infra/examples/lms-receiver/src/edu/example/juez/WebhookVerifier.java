package edu.example.juez;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook really comes from juez and is fresh (Standard Webhooks, https://www.standardwebhooks.com).
 *
 * <p>juez sends three headers with every delivery:
 * <pre>
 *   webhook-id:        sQk3v0cW1d2h5o7YpZx9.0          the delivery; the same on every retry
 *   webhook-timestamp: 1767225600                      when this attempt was signed, seconds since the epoch
 *   webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
 * </pre>
 * and the signature is {@code base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))}, where the key is
 * the base64 part of the shared secret {@code whsec_<base64>}.
 *
 * <p>What to verify, and why:
 * <ol>
 *   <li><b>The signature, over the raw body bytes.</b> Anyone can POST to your URL; only juez knows the secret.
 *       Verify the bytes exactly as received, before any JSON parsing: re-serialising changes spaces or key
 *       order and the signature no longer matches. In a servlet, read {@code request.getInputStream()}
 *       yourself, never {@code request.getParameter()}.</li>
 *   <li><b>In constant time.</b> {@link MessageDigest#isEqual} takes as long for a near-miss as for a
 *       complete miss; {@code Arrays.equals} or {@code String.equals} stop at the first difference and let an
 *       attacker guess a valid signature byte by byte by timing your answers.</li>
 *   <li><b>Against every signature in the header.</b> It may hold several, separated by spaces (the standard
 *       allows it so that a secret can be rotated without downtime); one match is enough.</li>
 *   <li><b>The timestamp, within a tolerance (5 minutes).</b> The signature covers the timestamp, so an
 *       attacker who captured a genuine request cannot change it; refusing old ones stops them from
 *       replaying it later. Keep your server's clock synchronised (NTP).</li>
 * </ol>
 * Deduplication by {@code webhook-id} is the caller's job (see {@link VerdictLog}): a genuine retry is valid
 * here, and must be acknowledged without being recorded twice.
 */
public final class WebhookVerifier {

    /** How far the webhook-timestamp may be from our clock, in either direction. */
    public static final long TOLERANCE_SECONDS = 5 * 60;

    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;

    /**
     * @param secret the secret configured in juez as JUEZ_WEBHOOK_SECRET, {@code whsec_<base64>}
     * @throws IllegalArgumentException when it is not of that form
     */
    public WebhookVerifier(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("the webhook secret must look like whsec_<base64>");
        }
        this.key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        if (key.length == 0) throw new IllegalArgumentException("the webhook secret holds no key");
    }

    /** Why a request was refused; the message is safe to send back and to log. */
    public static final class InvalidWebhookException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidWebhookException(String message) {
            super(message);
        }
    }

    /**
     * Accepts a request only if its signature matches and its timestamp is fresh.
     *
     * @param id              the webhook-id header
     * @param timestamp       the webhook-timestamp header
     * @param signatureHeader the webhook-signature header
     * @param body            the request body exactly as received
     * @param nowSeconds      our clock, seconds since the epoch
     * @throws InvalidWebhookException when the request must be answered with 401 and ignored
     */
    public void verify(String id, String timestamp, String signatureHeader, byte[] body, long nowSeconds)
            throws InvalidWebhookException {
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatureHeader)) {
            throw new InvalidWebhookException("missing webhook-id, webhook-timestamp or webhook-signature header");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new InvalidWebhookException("webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(nowSeconds - sentAt) > TOLERANCE_SECONDS) {
            throw new InvalidWebhookException("webhook-timestamp is more than 5 minutes away from our clock (replay?)");
        }
        byte[] expected = sign(id, timestamp.trim(), body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            // "v1,<base64>"; other schemes (v1a: asymmetric) are skipped, not errors.
            if (!candidate.startsWith("v1,")) continue;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) return;
        }
        throw new InvalidWebhookException("no valid signature");
    }

    /** HMAC-SHA256 of {@code id.timestamp.body}: the bytes a v1 signature encodes. */
    private byte[] sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
