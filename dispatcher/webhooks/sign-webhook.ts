import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC key of a Standard Webhooks secret `whsec_<base64>`. */
export function webhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * The `webhook-signature` header value (Standard Webhooks): `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`.
 * `timestampS` is the `webhook-timestamp` header (seconds since epoch).
 */
export function signWebhook(secret: string, id: string, timestampS: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestampS}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * What a receiver does (here for tests and as a reference for LMS developers): true when one of the
 * space-separated signatures in `signatureHeader` matches. Receivers should also refuse timestamps more
 * than a few minutes away from their clock (replays).
 */
export function verifyWebhook(secret: string, id: string, timestampS: number, body: string, signatureHeader: string): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestampS, body));
  return signatureHeader.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
