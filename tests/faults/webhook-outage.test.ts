/**
 * An LMS's webhook receiver that is down (connection refused), then up but failing (503), then working:
 * every verdict's webhook arrives in the end, every attempt carries the same `webhook-id` and the same
 * body, and every signature is a valid Standard Webhooks signature (checked here from the spec, not with
 * juez's own signing code).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';
import { SLOW_HELLO, sleepingHello } from './fault-kit.js';

const SUBMISSIONS = 3;

let system: JuezSystem;
let receiver: WebhookReceiver;
let redis: ReturnType<typeof createClient>;

beforeAll(async () => {
  // Retries every 200 ms – 1 s (full jitter), so that an outage of a few seconds means several attempts.
  system = await startJuezSystem({ executors: 1, poolSize: 2 });
  receiver = await WebhookReceiver.reserve();
  redis = createClient({ url: system.redisUrl });
  await redis.connect();
});

afterAll(async () => {
  await receiver?.down();
  redis?.destroy();
  await system?.stop();
});

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256, keyed with the base64 secret after `whsec_`, of `id.timestamp.body`. */
function hasValidSignature(secret: string, request: ReceivedWebhook): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64')}`);
  return String(request.headers['webhook-signature'])
    .split(' ')
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), expected));
}

it('delivers every webhook after the receiver comes back, with a stable webhook-id and valid signatures', async () => {
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const lms = system.token({ sub: 'lms', role: 'service' });
  const ids: string[] = [];
  for (let n = 1; n <= SUBMISSIONS; n++) {
    const answer = await system.submit(lms, {
      problemId,
      languageId: 'python',
      files: sleepingHello(0),
      userId: `student-${n}`,
      externalId: `attempt-${n}`,
      callbackUrl: receiver.url,
    });
    expect(answer.status).toBe(202);
    ids.push(answer.body.id);
  }
  for (const id of ids) expect(await system.waitForFinal(id)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });

  const delivery = (id: string): Promise<Record<string, string>> => redis.hGetAll(system.keys.webhook(`${id}.0`));
  // Down: each delivery is attempted (and refused) at least twice.
  await pollUntil(async () => (await Promise.all(ids.map(delivery))).every((d) => Number(d.attempts) >= 2 && d.lastStatus === '0'), {
    what: 'two refused attempts per delivery',
  });
  expect(receiver.received).toEqual([]);

  // Up, but the first attempt of each delivery fails with 503; later ones succeed.
  await receiver.up((request, earlier) => (earlier.some((seen) => seen.headers['webhook-id'] === request.headers['webhook-id']) ? 204 : 503));
  await pollUntil(async () => (await Promise.all(ids.map(delivery))).every((d) => d.status === 'delivered'), {
    what: 'every delivery to be delivered',
    explain: async () => JSON.stringify(await Promise.all(ids.map(delivery))),
  });

  const deliveryIds = ids.map((id) => `${id}.0`);
  expect(receiver.received.every((request) => deliveryIds.includes(String(request.headers['webhook-id'])))).toBe(true);
  for (const [index, id] of ids.entries()) {
    const requests = receiver.received.filter((request) => request.headers['webhook-id'] === `${id}.0`);
    expect(requests.map((request) => request.status)).toEqual([503, 204]);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    for (const request of requests) {
      expect(hasValidSignature(system.webhookSecret, request), `signature of ${id}`).toBe(true);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - request.receivedAt / 1000)).toBeLessThan(300);
    }
    expect(JSON.parse(requests[0]?.body ?? '')).toMatchObject({
      type: 'submission.judged',
      data: { submissionId: id, externalId: `attempt-${index + 1}`, userId: `student-${index + 1}`, problemId, verdict: 'AC' },
    });
    const stored = await delivery(id);
    // Every attempt was counted: the refused ones (at least one had ended refused when the receiver came up;
    // a second may still have been on its way, and reached it) and the two that reached the receiver.
    expect(Number(stored.attempts)).toBeGreaterThanOrEqual(3);
    expect(await redis.zScore(system.keys.webhooksDue(), `${id}.0`)).toBeNull();
  }
});
