import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExecutor } from './fake-executor.js';
import { startTestDispatcher, type TestDispatcher } from './dispatcher-test-kit.js';
import { TcpProxy } from './tcp-proxy.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

const files = [{ name: 'a.py', content: 'print(1)\n' }];

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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

describe('when Redis goes away', () => {
  let proxy: TcpProxy;
  let t: TestDispatcher;

  beforeAll(async () => {
    proxy = new TcpProxy(6379);
    const port = await proxy.start();
    t = await startTestDispatcher({ JUEZ_REDIS_URL: `redis://127.0.0.1:${port}` });
    await uploadEcho(t);
  });

  afterAll(async () => {
    await proxy?.start();
    await t?.close();
    await proxy?.stop();
  });

  it('answers 503 store_unavailable (not 500), reports not ready, and recovers', async () => {
    const token = t.token('sam', 'student');
    await proxy.stop();
    await eventually(async () => (await t.call('GET', '/ready')).status === 503);
    const submit = await t.call('POST', '/api/v1/submissions', { token, json: { problemId: 'echo', languageId: 'python', files } });
    expect(submit.status).toBe(503);
    expect(submit.body.error.code).toBe('store_unavailable');
    expect(submit.text).not.toMatch(/ECONNREFUSED|stack|at /);
    await proxy.start(proxy.port);
    await eventually(async () => (await t.call('GET', '/ready')).status === 200);
    expect((await t.call('POST', '/api/v1/submissions', { token, json: { problemId: 'echo', languageId: 'python', files } })).status).toBe(202);
  });
});

describe('graceful shutdown', () => {
  it('ends event streams and waits, finishes in-flight requests, then stops listening', async () => {
    const t = await startTestDispatcher();
    let closed = false;
    try {
      await uploadEcho(t);
      const token = t.token('sam', 'student');
      const id = (await t.call('POST', '/api/v1/submissions', { token, json: { problemId: 'echo', languageId: 'python', files } })).body.id as string;
      const stream = await fetch(`${t.url}/api/v1/submissions/${id}/events`, { headers: { authorization: `Bearer ${token}` } });
      const streamText = stream.text();
      const waiting = t.call('POST', '/api/v1/submissions', { token, json: { problemId: 'echo', languageId: 'python', files, wait: 30 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await t.dispatcher.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await streamText).toContain('event: state');
      const answered = await waiting;
      expect(answered.status).toBe(202);
      await expect(fetch(`${t.url}/health`)).rejects.toThrow();
      // The submission accepted during shutdown is safely stored and queued.
      await new FakeExecutor(t.redis, t.keys).finish(answered.body.id, {
        verdict: 'AC',
        score: 1,
        maxScore: 1,
        tests: [],
        cpuMs: 1,
        maxMemoryKb: 1,
      });
    } finally {
      if (!closed) await t.dispatcher.close();
      await t.close();
    }
  });
});
