/**
 * The dispatcher accepts only languages some live executor serves, and GET /api/v1/languages says which
 * they are, with the versions the executors read from their images (issue 11). Real Redis and RabbitMQ;
 * the executor is the real service around a fake judge.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLanguages } from '../../../common/languages.js';
import { loadExecutorConfig } from '../../../executor/service/config.js';
import { ExecutorService } from '../../../executor/service/executor-service.js';
import { FAKE_PACKAGES, FakeJudge, silentLog } from '../executor/executor-test-kit.js';
import { AMQP_URL, REDIS_URL, startTestDispatcher, type TestDispatcher } from './dispatcher-test-kit.js';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

let t: TestDispatcher;
let student: string;
const run = (languageId: string, name = 'a.py') =>
  t.call('POST', '/api/v1/runs', { token: student, json: { languageId, files: [{ name, content: 'print(1)\n' }], stdin: '' } });

/** The dispatcher's snapshot of the executors' languages is at most a second old: wait it out. */
const SNAPSHOT_AGE_MS = 1_100;

beforeEach(async () => {
  t = await startTestDispatcher();
  student = t.token('alice', 'student');
  await t.advertise(undefined); // no seeded executor: these tests advertise their own
});

afterEach(async () => {
  await t?.close();
});

describe('languages and executors', () => {
  it('lists every language, available with the version the executors advertise, the others without one', async () => {
    await t.advertise({ python: '3.11.2', c: '12.2.0' }, 'exec-a');
    await t.advertise({ python: '3.11.2', java: '17.0.19' }, 'exec-b');
    const response = await t.call('GET', '/api/v1/languages', { token: student });
    expect(response.status).toBe(200);
    const items = response.body.items as { id: string; available: boolean; version?: string }[];
    expect(items.map((item) => item.id)).toEqual(loadLanguages().map((language) => language.id));
    expect(items.find((item) => item.id === 'python')).toEqual({ id: 'python', name: 'Python 3', extensions: ['.py'], available: true, version: '3.11.2' });
    expect(items.find((item) => item.id === 'java')).toMatchObject({ available: true, version: '17.0.19' });
    const rust = items.find((item) => item.id === 'rust');
    expect(rust).toMatchObject({ available: false });
    expect(rust).not.toHaveProperty('version');
    expect(items.filter((item) => item.available).map((item) => item.id).sort()).toEqual(['c', 'java', 'python']);
  });

  it('refuses a run or a submission in a language no executor serves with 409 language_unavailable, naming the available ones', async () => {
    await t.advertise({ python: '3.11.2', c: '12.2.0' }, 'exec-a');
    const refused = await run('rust', 'a.rs');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'language_unavailable', details: { languageId: 'rust', available: ['c', 'python'] } });
    expect(refused.body.error.message).toContain('available: c, python');
    // Of a problem that exists: the problem is checked first (unknown_problem is a refusal for good).
    const { dir, remove } = await tempDir();
    await writeSimplePackage(dir);
    const teacher = t.token('tina', 'instructor');
    expect((await t.call('POST', '/api/v1/problems/echo/versions?courseId=c1', { token: teacher, body: await tarGzOf(dir), contentType: 'application/gzip' })).status).toBe(201);
    await remove();
    const submission = await t.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'echo', languageId: 'rust', files: [{ name: 'a.rs', content: 'fn main() {}' }] },
    });
    expect(submission.status).toBe(409);
    expect(submission.body.error.code).toBe('language_unavailable');
    // A language juez does not know keeps its own code.
    const unknown = await run('cobol', 'a.cob');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_language');
    expect((await run('python')).status).toBe(202);
  });

  it('with no executor at all, says so', async () => {
    const refused = await run('python');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'language_unavailable', details: { languageId: 'python', available: [] } });
    expect(refused.body.error.message).toContain('no executor is running');
  });

  it('rejudges only the submissions in languages some executor serves now; the others keep their verdict', async () => {
    await t.advertise({ python: '3.11.2', c: '12.2.0' }, 'exec-a');
    const teacher = t.token('tina', 'instructor');
    const { dir, remove } = await tempDir();
    await writeSimplePackage(dir);
    expect((await t.call('POST', '/api/v1/problems/echo/versions?courseId=c1', { token: teacher, body: await tarGzOf(dir), contentType: 'application/gzip' })).status).toBe(201);
    const submit = async (languageId: string, name: string) =>
      (await t.call('POST', '/api/v1/submissions', { token: student, json: { problemId: 'echo', languageId, files: [{ name, content: 'x' }] } })).body.id as string;
    const inPython = await submit('python', 'a.py');
    const inC = await submit('c', 'a.c');
    const executor = new FakeExecutor(t.redis, t.keys);
    await executor.finish(inPython, sampleResult('WA'));
    await executor.finish(inC, sampleResult('WA'));
    await t.advertise(undefined, 'exec-a');
    await t.advertise({ python: '3.11.2' }, 'exec-b');
    await sleep(SNAPSHOT_AGE_MS);

    const report = await t.call('POST', '/api/v1/problems/echo/rejudge', { token: teacher });
    await remove();
    expect(report.status).toBe(202);
    expect(report.body).toMatchObject({ matched: 2, queued: 1, skipped: 0, unavailable: 1 });
    const read = async (id: string) => (await t.call('GET', `/api/v1/submissions/${id}`, { token: student })).body;
    expect(await read(inPython)).toMatchObject({ status: 'queued', round: 1 });
    expect(await read(inC)).toMatchObject({ status: 'done', round: 0, result: { verdict: 'WA' } });
  });

  it('follows a real executor: its languages appear when it starts and disappear when it stops', async () => {
    const service = await startPythonExecutor(t);
    let stopped = false;
    try {
      const listed = await t.call('GET', '/api/v1/languages', { token: student });
      expect(listed.body.items.find((item: { id: string }) => item.id === 'python')).toMatchObject({ available: true, version: '3.11.2' });
      // Accepted, and judged by the executor at once (200 when it is done before the answer is sent).
      const accepted = await run('python');
      expect([200, 202]).toContain(accepted.status);
      await service.stop();
      stopped = true;
      await sleep(SNAPSHOT_AGE_MS);
      const after = await t.call('GET', '/api/v1/languages', { token: student });
      expect(after.body.items.find((item: { id: string }) => item.id === 'python')).toEqual({ id: 'python', name: 'Python 3', extensions: ['.py'], available: false });
      expect((await run('python')).body.error.code).toBe('language_unavailable');
    } finally {
      if (!stopped) await service.stop();
    }
  });

  it('keeps accepting a language its executor served within JUEZ_LANGUAGE_GRACE_S: restarting it turns nobody away', async () => {
    await t.close();
    t = await startTestDispatcher({ JUEZ_LANGUAGE_GRACE_S: '3' });
    student = t.token('alice', 'student');
    await t.advertise(undefined);
    const service = await startPythonExecutor(t);
    await service.stop();
    await sleep(SNAPSHOT_AGE_MS);
    // No executor runs: the run is accepted and waits in the queue for the next one.
    const during = await run('python');
    expect(during.status, during.text).toBe(202);
    const listed = await t.call('GET', '/api/v1/languages', { token: student });
    expect(listed.body.items.find((item: { id: string }) => item.id === 'python')).toMatchObject({ available: true, version: '3.11.2' });
    await sleep(3_000);
    expect((await run('python')).body.error.code).toBe('language_unavailable');
  });
});

/** The real executor service around a fake judge, serving python (3.11.2), on `dispatcher`'s queues and keys. */
function startPythonExecutor(dispatcher: TestDispatcher): Promise<ExecutorService> {
  const dispatcherConfig = dispatcher.dispatcher.deps.config;
  return ExecutorService.start({
    config: loadExecutorConfig({
      JUEZ_EXECUTOR_NAME: 'python-only',
      JUEZ_POOL_SIZE: '1',
      JUEZ_AMQP_URL: AMQP_URL,
      JUEZ_REDIS_URL: REDIS_URL,
      JUEZ_QUEUE_PREFIX: dispatcherConfig.queuePrefix,
      JUEZ_REDIS_PREFIX: dispatcherConfig.redisPrefix,
      JUEZ_HEARTBEAT_S: '1',
      JUEZ_SHUTDOWN_GRACE_S: '1',
    }),
    log: silentLog,
    judge: new FakeJudge(),
    runner: { run: async () => ({ status: 'ok', stdout: '1\n', stderr: '', exitCode: 0, signal: null, cpuMs: 1, wallMs: 1, memoryKb: 1 }) },
    readPackage: async () => {
      throw new Error('the fake package source reads nothing');
    },
    imageTag: 'juez-runtime:test',
    languages: { python: '3.11.2' },
    packages: FAKE_PACKAGES,
  });
}
