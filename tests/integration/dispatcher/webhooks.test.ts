import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../dispatcher/webhooks/sign-webhook.js';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { startTestDispatcher, type TestDispatcher, WEBHOOK_SECRET } from './dispatcher-test-kit.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An LMS endpoint answering with the statuses queued in `replies` (then 200). */
class Receiver {
  readonly received: Received[] = [];
  replies: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
        const status = this.replies.shift() ?? 200;
        response.writeHead(status, status >= 300 && status < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {});
        response.end();
      });
    });
    await new Promise<void>((resolve) => (this.server as Server).listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${((this.server as Server).address() as AddressInfo).port}/hook`;
  }

  forId(id: string): Received[] {
    return this.received.filter((r) => r.headers['webhook-id'] === id);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let t: TestDispatcher;
let receiver: Receiver;
let executor: FakeExecutor;
let lms: string;
let admin: string;
const files = [{ name: 'a.py', content: 'print(1)\n' }];

async function uploadEcho(target: TestDispatcher): Promise<void> {
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  const response = await target.call('POST', '/api/v1/problems/echo/versions?courseId=c1', {
    token: target.token('tina', 'instructor'),
    body: await tarGzOf(dir),
    contentType: 'application/gzip',
  });
  await remove();
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
  t = await startTestDispatcher({ JUEZ_WEBHOOK_URLS: `registered-lms=${receiver.url}?registered=1` });
  executor = new FakeExecutor(t.redis, t.keys);
  lms = t.token('moodle', 'service', ['c1']);
  admin = t.token('root', 'admin', []);
  await uploadEcho(t);
});

afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

async function judgedSubmission(token: string, extra: Record<string, unknown>, verdict: 'AC' | 'WA' = 'AC'): Promise<string> {
  const created = await t.call('POST', '/api/v1/submissions', {
    token,
    json: { problemId: 'echo', languageId: 'python', files, userId: 'alice', ...extra },
  });
  expect(created.status).toBe(202);
  expect(await executor.finish(created.body.id, sampleResult(verdict))).toBe('stored');
  return created.body.id as string;
}

describe('webhooks', () => {
  it('signs the verdict (Standard Webhooks) and retries after a 500 with the same webhook-id and body', async () => {
    receiver.replies = [500];
    const id = await judgedSubmission(lms, { callbackUrl: receiver.url, externalId: 'moodle-7' }, 'WA');
    const deliveryId = `${id}.0`;
    await eventually(() => receiver.forId(deliveryId).length >= 2);
    const [first, second] = receiver.forId(deliveryId) as [Received, Received];
    expect(first.body).toBe(second.body);
    for (const attempt of [first, second]) {
      const timestamp = Number(attempt.headers['webhook-timestamp']);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      expect(attempt.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(verifyWebhook(WEBHOOK_SECRET, deliveryId, timestamp, attempt.body, String(attempt.headers['webhook-signature']))).toBe(true);
      expect(verifyWebhook(WEBHOOK_SECRET, deliveryId, timestamp, `${attempt.body} `, String(attempt.headers['webhook-signature']))).toBe(false);
      expect(attempt.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(first.body)).toEqual({
      type: 'submission.judged',
      timestamp: expect.any(String),
      data: {
        submissionId: id,
        externalId: 'moodle-7',
        userId: 'alice',
        problemId: 'echo',
        problemVersion: 1,
        verdict: 'WA',
        score: 0,
        maxScore: 1,
      },
    });
    await eventually(async () => (await t.call('GET', `/api/v1/webhooks/deliveries/${deliveryId}`, { token: admin })).body.status === 'delivered');

    const log = await t.call('GET', '/api/v1/webhooks/deliveries', { token: admin });
    const attempts = log.body.items.filter((entry: { deliveryId: string }) => entry.deliveryId === deliveryId);
    expect(attempts.map((entry: { status: number; outcome: string; attempt: number }) => [entry.attempt, entry.status, entry.outcome])).toEqual([
      [2, 200, 'delivered'],
      [1, 500, 'retry'],
    ]);
    expect((await t.call('GET', '/api/v1/webhooks/deliveries', { token: lms })).status).toBe(403);

    const redelivered = await t.call('POST', `/api/v1/webhooks/deliveries/${deliveryId}/redeliver`, { token: admin });
    expect(redelivered.status).toBe(202);
    await eventually(() => receiver.forId(deliveryId).length === 3);
    expect(receiver.forId(deliveryId)[2]?.body).toBe(first.body);
    expect((await t.call('POST', '/api/v1/webhooks/deliveries/nope.0/redeliver', { token: admin })).body.error.code).toBe('unknown_delivery');
  });

  it("uses the service client's registered URL when the submission names none, and treats a redirect as a failure", async () => {
    receiver.replies = [302];
    const registered = t.token('registered-lms', 'service', ['c1']);
    const id = await judgedSubmission(registered, {});
    await eventually(() => receiver.forId(`${id}.0`).length >= 2);
    const delivery = await t.call('GET', `/api/v1/webhooks/deliveries/${id}.0`, { token: admin });
    expect(delivery.body.url).toBe(`${receiver.url}?registered=1`);
    const log = await t.call('GET', '/api/v1/webhooks/deliveries', { token: admin });
    const first = log.body.items.find((entry: { deliveryId: string; attempt: number }) => entry.deliveryId === `${id}.0` && entry.attempt === 1);
    expect(first).toMatchObject({ status: 302, outcome: 'retry', error: 'HTTP 302' });
  });

  it('sends nothing for submissions without a callback', async () => {
    const before = receiver.received.length;
    const id = await judgedSubmission(lms, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(before);
    expect(await t.redis.exists(t.keys.webhook(`${id}.0`))).toBe(0);
  });

  it('gives up after the retry window and marks the delivery failed', async () => {
    const short = await startTestDispatcher({ JUEZ_WEBHOOK_RETRY_WINDOW_S: '1' });
    try {
      await uploadEcho(short);
      receiver.replies = Array.from({ length: 100 }, () => 503);
      const created = await short.call('POST', '/api/v1/submissions', {
        token: short.token('moodle', 'service'),
        json: { problemId: 'echo', languageId: 'python', files, userId: 'alice', callbackUrl: receiver.url },
      });
      await new FakeExecutor(short.redis, short.keys).finish(created.body.id, sampleResult('AC'));
      const deliveryId = `${created.body.id}.0`;
      await eventually(async () => (await short.redis.hGet(short.keys.webhook(deliveryId), 'status')) === 'failed', 8000);
      expect(await short.redis.zScore(short.keys.webhooksDue(), deliveryId)).toBeNull();
      expect(receiver.forId(deliveryId).length).toBeGreaterThanOrEqual(2);
    } finally {
      receiver.replies = [];
      await short.close();
    }
  });

  it('never sends the same attempt from two dispatchers', async () => {
    const second = await startTestDispatcher({ JUEZ_REDIS_PREFIX: t.keys.prefix, JUEZ_QUEUE_PREFIX: t.queuePrefix });
    try {
      receiver.replies = [];
      const ids: string[] = [];
      for (let i = 0; i < 15; i += 1) ids.push(await judgedSubmission(lms, { callbackUrl: receiver.url }));
      await eventually(() => ids.every((id) => receiver.forId(`${id}.0`).length >= 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const id of ids) expect(receiver.forId(`${id}.0`)).toHaveLength(1);
    } finally {
      await second.dispatcher.close();
    }
  });

  it('refuses callback URLs on private networks unless allowed', async () => {
    const strict = await startTestDispatcher({ JUEZ_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    try {
      await uploadEcho(strict);
      for (const callbackUrl of [receiver.url, 'http://169.254.169.254/latest', 'http://[::1]:8080/', 'http://localhost/hook']) {
        const response = await strict.call('POST', '/api/v1/submissions', {
          token: strict.token('moodle', 'service'),
          json: { problemId: 'echo', languageId: 'python', files, userId: 'alice', callbackUrl },
        });
        expect(response.status, callbackUrl).toBe(400);
        expect(response.body.error.code).toBe('invalid_callback_url');
      }
    } finally {
      await strict.close();
    }
  });
});
