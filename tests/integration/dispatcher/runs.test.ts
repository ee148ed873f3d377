import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../common/run-result.js';
import { FakeExecutor } from './fake-executor.js';
import { startTestDispatcher, takeTask, type TestDispatcher } from './dispatcher-test-kit.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

let t: TestDispatcher;
let executor: FakeExecutor;
let alice: string;
const files = [{ name: 'rev.py', content: 'print(input()[::-1])\n' }];
const result: RunResult = { status: 'ok', stdout: 'olleh\n', stderr: '', exitCode: 0, signal: null, cpuMs: 17, wallMs: 30, memoryKb: 9000 };

beforeAll(async () => {
  t = await startTestDispatcher({ JUEZ_RUN_TTL_S: '600' });
  executor = new FakeExecutor(t.redis, t.keys);
  alice = t.token('alice', 'student', ['c1']);
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  const response = await t.call('POST', '/api/v1/problems/echo/versions?courseId=c1', {
    token: t.token('tina', 'instructor'),
    body: await tarGzOf(dir),
    contentType: 'application/gzip',
  });
  await remove();
  expect(response.status).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('runs', () => {
  it('queues a run on the run lane with the default limits package, and shows its output once done', async () => {
    const created = await t.call('POST', '/api/v1/runs', { token: alice, json: { languageId: 'python', files, stdin: 'hello\n' } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', userId: 'alice', languageId: 'python' });
    const id = created.body.id as string;
    const task = await takeTask(t.queuePrefix, 'run');
    expect(task).toMatchObject({ kind: 'run', lane: 'run', id, round: 0, problemId: 'juez-default-run', problemVersion: 1, stdin: 'hello\n', files });
    // The default package is stored like any other, by hash.
    expect(await t.redis.exists(t.keys.packageArchive(task?.packageHash as string))).toBe(1);
    const ttl = await t.redis.ttl(t.keys.run(id));
    expect(ttl).toBeGreaterThan(500);

    await executor.finishRun(id, result);
    const done = await t.call('GET', `/api/v1/runs/${id}`, { token: alice });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'ok', stdout: 'olleh\n', stderr: '', timeMs: 17, memoryKb: 9000 });
    expect((await t.call('GET', `/api/v1/runs/${id}`, { token: t.token('bob', 'student') })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/runs/rnope', { token: alice })).body.error.code).toBe('unknown_run');
  });

  it('uses a problem’s limits when asked, within the caller’s courses', async () => {
    const created = await t.call('POST', '/api/v1/runs', { token: alice, json: { languageId: 'python', files, problemId: 'echo' } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ problemId: 'echo', problemVersion: 1 });
    const problem = await t.call('GET', '/api/v1/problems/echo', { token: t.token('tina', 'instructor') });
    expect(await takeTask(t.queuePrefix, 'run')).toMatchObject({ problemId: 'echo', packageHash: problem.body.packageHash, stdin: '' });
    const outsider = await t.call('POST', '/api/v1/runs', { token: t.token('x', 'student', ['c9']), json: { languageId: 'python', files, problemId: 'echo' } });
    expect(outsider.status).toBe(403);
  });

  it('waits for the output with wait', async () => {
    const pending = t.call('POST', '/api/v1/runs', { token: alice, json: { languageId: 'python', files, stdin: 'abc\n', wait: 10 } });
    let task: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && task === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      task = await takeTask(t.queuePrefix, 'run');
    }
    await executor.finishRun(task?.id as string, { ...result, stdout: 'cba\n' });
    const answered = await pending;
    expect(answered.status).toBe(200);
    expect(answered.body.stdout).toBe('cba\n');
    const read = await t.call('GET', `/api/v1/runs/${task?.id as string}?wait=1`, { token: alice });
    expect(read.status).toBe(200);
  });

  it('validates stdin and source limits', async () => {
    const tooLong = await t.call('POST', '/api/v1/runs', { token: alice, json: { languageId: 'python', files, stdin: 'x'.repeat(300 * 1024) } });
    expect(tooLong.status).toBe(413);
    const noFiles = await t.call('POST', '/api/v1/runs', { token: alice, json: { languageId: 'python', files: [] } });
    expect(noFiles.status).toBe(400);
    expect(noFiles.body.error.details.fields[0]).toMatchObject({ in: 'body', field: 'files' });
  });
});
