/**
 * WebhookWorker's scheduling, over an in-memory store and sender: attempts run side by side and polling
 * goes on while a slow one runs. Against real receivers: tests/faults/webhook-slow.test.ts.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDeliveryFields } from '../../../common/webhook-delivery.js';
import type { AttemptOutcome, RedisWebhookStore } from '../../../dispatcher/store/redis-webhook-store.js';
import type { SendOutcome } from '../../../dispatcher/webhooks/send-webhook.js';
import { WebhookWorker } from '../../../dispatcher/webhooks/webhook-worker.js';

/** Deliveries due now, claimed in order; completions recorded. */
class MemoryStore {
  readonly due: WebhookDeliveryFields[] = [];
  readonly completed = new Map<string, AttemptOutcome['kind']>();

  add(id: string, url: string): void {
    const now = String(Date.now());
    const snapshot = { userId: 'u', externalId: '', problemId: 'p', problemVersion: '1', verdict: 'AC', score: '1', maxScore: '1' };
    this.due.push({ id, submissionId: id, round: '0', url, ...snapshot, createdAt: now, status: 'pending', attempts: '0', nextAttemptAt: now });
  }

  async claimDue(_now: number, limit: number): Promise<WebhookDeliveryFields[]> {
    return this.due.splice(0, limit).map((delivery) => ({ ...delivery, attempts: String(Number(delivery.attempts) + 1), retryFrom: delivery.createdAt }));
  }

  async complete(delivery: WebhookDeliveryFields, _token: string, outcome: AttemptOutcome): Promise<boolean> {
    this.completed.set(delivery.id, outcome.kind);
    return true;
  }
}

let worker: WebhookWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

function startWorker(store: MemoryStore, send: (url: string) => Promise<SendOutcome>, maxInFlight?: number): WebhookWorker {
  const started = new WebhookWorker({
    store: store as unknown as RedisWebhookStore,
    secret: `whsec_${Buffer.from('secret').toString('base64')}`,
    log: pino({ level: 'silent' }),
    timeoutMs: 1_000,
    retryWindowMs: 60_000,
    initialDelayMs: 100,
    maxDelayMs: 1_000,
    pollMs: 20,
    allowPrivateTargets: true,
    send: (url) => send(url),
    ...(maxInFlight !== undefined && { maxInFlight }),
  });
  started.start();
  return started;
}

describe('WebhookWorker', () => {
  it('sends to a healthy receiver while an attempt to a slow one is still running', async () => {
    const store = new MemoryStore();
    let answerSlow!: (outcome: SendOutcome) => void;
    const sentAt = new Map<string, number>();
    worker = startWorker(store, (url) => {
      sentAt.set(url, Date.now());
      return url.includes('slow') ? new Promise((resolve) => (answerSlow = resolve)) : Promise.resolve({ status: 204 });
    });
    store.add('slow-1', 'http://slow.example/hook');
    await expect.poll(() => sentAt.has('http://slow.example/hook')).toBe(true);
    store.add('healthy-1', 'http://healthy.example/hook');
    await expect.poll(() => store.completed.get('healthy-1'), { timeout: 1_000 }).toBe('delivered');
    expect(store.completed.has('slow-1')).toBe(false); // still waiting for its answer
    answerSlow({ status: 0, error: 'no response within 1000 ms' });
    await expect.poll(() => store.completed.get('slow-1')).toBe('retry');
  });

  it('claims no more than maxInFlight attempts at once, and waits for them on stop', async () => {
    const store = new MemoryStore();
    const pending: ((outcome: SendOutcome) => void)[] = [];
    worker = startWorker(store, () => new Promise((resolve) => pending.push(resolve)), 3);
    for (let n = 0; n < 5; n++) store.add(`d${n}`, 'http://slow.example/hook');
    await expect.poll(() => pending.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pending.length).toBe(3);
    expect(store.due).toHaveLength(2);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    for (const answer of pending) answer({ status: 204 });
    await stopping;
    expect([...store.completed.values()]).toEqual(['delivered', 'delivered', 'delivered']);
  });
});
