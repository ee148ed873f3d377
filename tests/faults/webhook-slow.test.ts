/**
 * An LMS's webhook receiver that is slow, next to a healthy one. The slow receiver accepts the connection
 * and then answers far too late (10 × the delivery timeout), never, or trickles its status line a byte at a
 * time; or answers 200 at once and trickles the body.
 *
 * Expected: every attempt ends within the delivery timeout (3 s here) whatever the receiver does; the ones
 * that got no answer are retried with backoff (≤ JUEZ_WEBHOOK_MAX_DELAY_MS apart), with the same
 * `webhook-id` and body every time, and delivered once the receiver answers; a 200 whose body trickles is
 * delivered (the receiver said yes) without waiting for the body; and meanwhile the healthy receiver's
 * webhooks arrive within a fraction of the timeout: a slow receiver delays nobody else.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebhookAttemptLogEntry } from '../../dispatcher/store/redis-webhook-store.js';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { WebhookReceiver, type SlowAnswer } from '../support/webhook-receiver.js';
import { SLOW_HELLO, sleepingHello } from './fault-kit.js';

const TIMEOUT_MS = 3_000;
/** The harness's JUEZ_WEBHOOK_MAX_DELAY_MS: the longest pause between two attempts. */
const MAX_DELAY_MS = 1_000;
/** A healthy receiver's webhook must not wait for a slow one's attempt: well under the timeout. */
const HEALTHY_LATENCY_MS = 750;
const HEALTHY = 6;

/** How the slow receiver answers each submission's webhook (chosen by its externalId). */
const SLOW: Record<string, SlowAnswer> = {
  'slow-late': { mode: 'late', status: 204, delayMs: 10 * TIMEOUT_MS },
  'slow-never': { mode: 'never', status: 204, delayMs: 0 },
  'slow-trickle': { mode: 'trickle', status: 204, delayMs: 400 },
  'slow-body': { mode: 'trickle-body', status: 200, delayMs: 400, bodyBytes: 200 },
};

let system: JuezSystem;
let slow: WebhookReceiver;
let healthy: WebhookReceiver;
let redis: ReturnType<typeof createClient>;

beforeAll(async () => {
  system = await startJuezSystem({ executors: 1, poolSize: 2, dispatcherEnv: { JUEZ_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) } });
  [slow, healthy] = await Promise.all([WebhookReceiver.reserve(), WebhookReceiver.reserve()]);
  await slow.up((request) => SLOW[JSON.parse(request.body).data.externalId] ?? 500);
  await healthy.up();
  redis = createClient({ url: system.redisUrl });
  await redis.connect();
});

afterAll(async () => {
  await Promise.all([slow?.down(), healthy?.down()]);
  redis?.destroy();
  await system?.stop();
});

it('times out and retries a slow receiver with a stable webhook-id, and delays no other receiver', async () => {
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const lms = system.token({ sub: 'lms', role: 'service' });
  const submit = async (externalId: string, callbackUrl: string): Promise<string> => {
    const answer = await system.submit(lms, { problemId, languageId: 'python', files: sleepingHello(0), userId: 'student-1', externalId, callbackUrl });
    expect(answer.status).toBe(202);
    return String(answer.body.id);
  };
  const delivery = (id: string): Promise<Record<string, string>> => redis.hGetAll(system.keys.webhook(`${id}.0`));
  const attemptLog = async (id: string): Promise<WebhookAttemptLogEntry[]> =>
    (await redis.lRange(system.keys.webhookLog(), 0, -1))
      .map((entry) => JSON.parse(entry) as WebhookAttemptLogEntry)
      .filter((entry) => entry.deliveryId === `${id}.0`)
      .reverse();

  const slowIds = new Map<string, string>();
  for (const externalId of Object.keys(SLOW)) slowIds.set(externalId, await submit(externalId, slow.url));
  await pollUntil(() => slow.received.length >= slowIds.size, { what: 'every slow webhook to be attempted' });

  // While the slow receiver holds attempts open, the healthy one's webhooks go out at once.
  const healthyIds: string[] = [];
  for (let n = 1; n <= HEALTHY; n++) healthyIds.push(await submit(`healthy-${n}`, healthy.url));
  for (const id of [...slowIds.values(), ...healthyIds]) {
    expect(await system.waitForFinal(id), `submission ${id}`).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  }
  await pollUntil(async () => (await Promise.all(healthyIds.map(delivery))).every((d) => d.status === 'delivered'), {
    what: 'the healthy deliveries',
  });
  for (const id of healthyIds) {
    const requests = healthy.received.filter((request) => request.headers['webhook-id'] === `${id}.0`);
    expect(requests, `requests of ${id}`).toHaveLength(1);
    const latency = (requests[0]?.receivedAt ?? Infinity) - Number((await delivery(id)).createdAt);
    expect(latency, `webhook of ${id}: verdict to receiver, ms`).toBeLessThan(HEALTHY_LATENCY_MS);
  }

  // The slow ones: two attempts at least, each given up at the timeout; then the receiver recovers.
  const failing = ['slow-late', 'slow-never', 'slow-trickle'].map((externalId) => slowIds.get(externalId) ?? '');
  await pollUntil(async () => (await Promise.all(failing.map(attemptLog))).every((log) => log.filter((e) => e.outcome === 'retry').length >= 2), {
    timeoutMs: 40_000,
    what: 'two timed-out attempts per failing delivery',
  });
  slow.answerWith(() => 204);
  await pollUntil(async () => (await Promise.all([...slowIds.values()].map(delivery))).every((d) => d.status === 'delivered'), {
    timeoutMs: 30_000,
    what: 'every slow delivery',
    explain: async () => JSON.stringify(await Promise.all([...slowIds.values()].map(delivery))),
  });

  for (const id of failing) {
    const log = await attemptLog(id);
    const timedOut = log.filter((entry) => entry.outcome === 'retry');
    expect(timedOut.length).toBeGreaterThanOrEqual(2);
    for (const entry of timedOut) {
      expect(entry).toMatchObject({ status: 0, error: `no response within ${TIMEOUT_MS} ms` });
      expect(entry.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(entry.durationMs).toBeLessThan(TIMEOUT_MS + 1_500);
      const pause = Date.parse(entry.nextAttemptAt ?? '') - Date.parse(entry.at);
      expect(pause).toBeGreaterThanOrEqual(0);
      expect(pause).toBeLessThanOrEqual(MAX_DELAY_MS);
    }
    expect(log.at(-1)).toMatchObject({ outcome: 'delivered', status: 204 });
    const requests = slow.received.filter((request) => request.headers['webhook-id'] === `${id}.0`);
    expect(requests.length).toBe(log.length);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    // The client hung up at the timeout: it did not wait for the late answer or the trickle to finish.
    for (const request of requests.filter((r) => r.slow !== undefined)) {
      expect((request.closedAt ?? Infinity) - request.receivedAt).toBeLessThan(TIMEOUT_MS + 1_500);
    }
  }
  const trickledBody = slowIds.get('slow-body') ?? '';
  expect(await attemptLog(trickledBody)).toEqual([expect.objectContaining({ outcome: 'delivered', status: 200 })]);
  expect((await attemptLog(trickledBody))[0]?.durationMs).toBeLessThan(TIMEOUT_MS + 1_500);
  // Nothing else was sent anywhere: one request per attempt, each to its own receiver.
  expect(healthy.received).toHaveLength(HEALTHY);
}, 120_000);
