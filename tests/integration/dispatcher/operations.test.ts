import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { startTestDispatcher, TEST_VERSION, type TestDispatcher } from './dispatcher-test-kit.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

let t: TestDispatcher;
let admin: string;
const files = [{ name: 'a.py', content: 'print(1)\n' }];

beforeAll(async () => {
  t = await startTestDispatcher();
  admin = t.token('root', 'admin', []);
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  const archive = await tarGzOf(dir);
  await remove();
  for (const [problem, course] of [['p1', 'c1'], ['p2', 'c2']]) {
    const response = await t.call('POST', `/api/v1/problems/${problem}/versions?courseId=${course}`, { token: admin, body: archive, contentType: 'application/gzip' });
    expect(response.status).toBe(201);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('operations', () => {
  it('answers health and readiness, and echoes the request id', async () => {
    const health = await t.call('GET', '/health', { headers: { 'x-request-id': 'req-123' } });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toBe('req-123');
    expect((await t.call('GET', '/health')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await t.call('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ redis: 'ok', rabbitmq: 'ok' });
  });

  it('answers unknown routes and wrong methods with JSON errors', async () => {
    const missing = await t.call('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const wrongMethod = await t.call('PUT', '/api/v1/submissions', { token: admin, json: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toContain('POST');
  });

  it('lists languages from the language file, with the versions the executors advertise', async () => {
    const response = await t.call('GET', '/api/v1/languages', { token: t.token('s', 'student') });
    expect(response.status).toBe(200);
    expect(response.body.items).toContainEqual({ id: 'python', name: 'Python 3', extensions: ['.py'], available: true, version: TEST_VERSION });
    expect(Object.keys(response.body.items[0]).sort()).toEqual(['available', 'extensions', 'id', 'name', 'version']);
  });

  it('reports queue depth, rates, verdicts and executor pools as metrics and stats', async () => {
    const student = t.token('alice', 'student', ['c1', 'c2']);
    const ids: string[] = [];
    for (const problemId of ['p1', 'p1', 'p2']) {
      ids.push((await t.call('POST', '/api/v1/submissions', { token: student, json: { problemId, languageId: 'python', files } })).body.id);
    }
    const now = Date.now();
    await t.redis.hSet(t.keys.executor('exec-1'), { name: 'exec-1', poolSize: '4', busy: '1', startedAt: String(now - 60_000), lastSeen: String(now) });
    await t.redis.zAdd(t.keys.executors(), { score: now, value: 'exec-1' });
    const executor = new FakeExecutor(t.redis, t.keys, 'exec-1');
    await executor.finish(ids[0] as string, sampleResult('AC'), 0, { responseMs: 2000 });
    await executor.finish(ids[1] as string, sampleResult('WA'), 0, { responseMs: 4000 });

    const metrics = await t.call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(/juez_queue_depth\{lane="submission"\} 3/);
    expect(metrics.text).toMatch(/juez_arrival_rate\{lane="submission"\} 0\.05/);
    expect(metrics.text).toMatch(/juez_service_rate\{lane="submission"\} 0\.0333/);
    expect(metrics.text).toMatch(/juez_executor_busy\{executor="exec-1"\} 1/);
    expect(metrics.text).toMatch(/juez_executor_pool_size\{executor="exec-1"\} 4/);
    expect(metrics.text).toMatch(/juez_verdicts_total\{outcome="WA",kind="submission"\} 1/);
    expect(metrics.text).toMatch(/juez_judging_seconds_count\{lane="submission"\} 2/);
    expect(metrics.text).toMatch(/juez_tasks_published_total\{lane="submission"\} 3/);

    const stats = await t.call('GET', '/api/v1/stats', { token: admin });
    expect(stats.status).toBe(200);
    expect(stats.body.lanes.submission.queueDepth).toBe(3);
    expect(stats.body.lanes.submission.windows['1m']).toMatchObject({ arrivals: 3, arrivalRate: 0.05, completed: 2, meanResponseMs: 3000 });
    expect(stats.body.lanes.submission.windows['15m'].arrivals).toBe(3);
    expect(stats.body.lanes.run.windows['5m']).toMatchObject({ arrivals: 0, completed: 0, meanResponseMs: null });
    expect(stats.body.executors['exec-1']).toMatchObject({ poolSize: 4, busy: 1 });
    expect(stats.body.executors['exec-1'].windows['5m'].completed).toBe(2);
  });

  it('reports usage per user and course, scoped to the instructor courses', async () => {
    const usage = await t.call('GET', '/api/v1/usage', { token: admin });
    expect(usage.status).toBe(200);
    expect(usage.body.courses).toEqual([
      { courseId: 'c1', submissions: 2, runs: 0, cpuSeconds: 0.084 },
      { courseId: 'c2', submissions: 1, runs: 0, cpuSeconds: 0 },
    ]);
    expect(usage.body.users).toContainEqual({ userId: 'alice', courseId: 'c1', submissions: 2, runs: 0, cpuSeconds: 0.084 });
    const instructor = t.token('tina', 'instructor', ['c2']);
    const scoped = await t.call('GET', '/api/v1/usage', { token: instructor });
    expect(scoped.body.courses.map((c: { courseId: string }) => c.courseId)).toEqual(['c2']);
    expect((await t.call('GET', '/api/v1/usage?courseId=c1', { token: instructor })).status).toBe(403);
    const past = await t.call('GET', '/api/v1/usage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z', { token: admin });
    expect(past.body.users).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document covering every route, and a docs page', async () => {
    const doc = await t.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    const mounted = t.dispatcher.deps ? (await import('../../../dispatcher/app.js')).createApp(t.dispatcher.deps).routes : [];
    expect(operations).toHaveLength(mounted.length);
    for (const route of mounted) {
      expect(operations).toContain(`${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')} ${route.operationId}`);
    }
    const create = doc.body.paths['/api/v1/submissions'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['problemId', 'languageId', 'files']);
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(doc.body.paths['/api/v1/submissions/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });

    const docs = await t.call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).toContain('/api/v1/submissions/{id}/events');
    // Self-contained: no scripts, no stylesheets or images from elsewhere (the machines have no internet).
    expect(docs.text).not.toMatch(/<script|<link|src="http/);
  });
});
