import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { startTestDispatcher, takeTask, type TestDispatcher } from './dispatcher-test-kit.js';
import { TcpProxy } from './tcp-proxy.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

const files = [{ name: 'a.py', content: 'print(1)\n' }];

async function uploadEcho(t: TestDispatcher): Promise<void> {
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  const response = await t.call('POST', '/api/v1/problems/echo/versions?courseId=c1', {
    token: t.token('tina', 'instructor'),
    body: await tarGzOf(dir),
    contentType: 'application/gzip',
  });
  await remove();
  expect(response.status).toBe(201);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('when the broker is unreachable', () => {
  let good: TestDispatcher;
  let broken: TestDispatcher;

  beforeAll(async () => {
    good = await startTestDispatcher();
    await uploadEcho(good);
    // Same Redis data, but the publisher points at a closed port.
    broken = await startTestDispatcher({
      JUEZ_AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
      JUEZ_REDIS_PREFIX: good.keys.prefix,
      JUEZ_QUEUE_PREFIX: good.queuePrefix,
    });
  });

  afterAll(async () => {
    await broken?.dispatcher.close();
    await good?.close();
  });

  it('answers 503 queue_unavailable and leaves no submission behind', async () => {
    const student = broken.token('sam', 'student');
    const response = await broken.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'echo', languageId: 'python', files, externalId: 'x1' },
    });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('queue_unavailable');
    expect(response.headers.get('retry-after')).toBe('5');
    const leftovers: string[] = [];
    for await (const batch of good.redis.scanIterator({ MATCH: `${good.keys.prefix}sub:*` })) leftovers.push(...batch);
    for await (const batch of good.redis.scanIterator({ MATCH: `${good.keys.prefix}ext:*` })) leftovers.push(...batch);
    expect(leftovers).toEqual([]);
    expect((await broken.call('GET', '/api/v1/submissions', { token: student })).body.items).toEqual([]);
    // The same externalId can be retried once the broker is back.
    const retried = await good.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'echo', languageId: 'python', files, externalId: 'x1' },
    });
    expect(retried.status).toBe(202);
  });

  it('answers 503 for runs too, and /ready says why', async () => {
    const run = await broken.call('POST', '/api/v1/runs', { token: broken.token('sam', 'student'), json: { languageId: 'python', files } });
    expect(run.status).toBe(503);
    const ready = await broken.call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ code: 'not_ready', details: { checks: { redis: 'ok', rabbitmq: 'not connected' } } });
    expect((await good.call('GET', '/ready')).status).toBe(200);
  });

  it('puts a rejudged submission back as it was when its task cannot be published', async () => {
    const id = (await good.call('POST', '/api/v1/submissions', { token: good.token('sam', 'student'), json: { problemId: 'echo', languageId: 'python', files } })).body.id as string;
    await new FakeExecutor(good.redis, good.keys).finish(id, sampleResult('WA'));
    const response = await broken.call('POST', '/api/v1/problems/echo/rejudge', { token: broken.token('tina', 'instructor') });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('queue_unavailable');
    const record = await good.call('GET', `/api/v1/submissions/${id}`, { token: good.token('tina', 'instructor') });
    expect(record.body).toMatchObject({ status: 'done', round: 0, lane: 'submission', result: { verdict: 'WA' } });
  });
});

describe('broker connection loss', () => {
  let proxy: TcpProxy;
  let t: TestDispatcher;

  beforeAll(async () => {
    proxy = new TcpProxy(5672);
    const port = await proxy.start();
    t = await startTestDispatcher({ JUEZ_AMQP_URL: `amqp://guest:guest@127.0.0.1:${port}`, JUEZ_PUBLISH_TIMEOUT_MS: '500' });
    await eventually(async () => (await t.call('GET', '/ready')).status === 200);
    await uploadEcho(t);
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
  });

  const submit = () =>
    t.call('POST', '/api/v1/submissions', { token: t.token('sam', 'student'), json: { problemId: 'echo', languageId: 'python', files } });

  it('reconnects by itself after the connection is cut or the broker restarts', async () => {
    expect((await submit()).status).toBe(202);
    proxy.cut();
    await eventually(async () => (await submit()).status === 202);

    await proxy.stop();
    await eventually(async () => (await t.call('GET', '/ready')).status === 503);
    expect((await submit()).status).toBe(503);
    await proxy.start();
    await eventually(async () => (await t.call('GET', '/ready')).status === 200);
    expect((await submit()).status).toBe(202);
    let tasks = 0;
    while ((await takeTask(t.queuePrefix, 'submission')) !== undefined) tasks += 1;
    expect(tasks).toBeGreaterThanOrEqual(3);
  });

  it('answers 503 when the broker does not confirm in time, and forgets the submission', async () => {
    proxy.stalled = true;
    try {
      const response = await submit();
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('queue_unavailable');
    } finally {
      proxy.stalled = false;
      proxy.cut();
    }
    const listed = await t.call('GET', '/api/v1/submissions?limit=100', { token: t.token('sam', 'student') });
    const statuses = listed.body.items.map((item: { status: string }) => item.status);
    expect(statuses.every((status: string) => status === 'queued')).toBe(true);
    await eventually(async () => (await submit()).status === 202);
  });
});
