import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { startTestDispatcher, takeTask, type TestDispatcher } from './dispatcher-test-kit.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

let t: TestDispatcher;
let executor: FakeExecutor;
const files = [{ name: 'echo.py', content: 'print(input())\n' }];
let alice: string;
let bob: string;
let teacher: string;
let lms: string;
let admin: string;

beforeAll(async () => {
  t = await startTestDispatcher();
  executor = new FakeExecutor(t.redis, t.keys);
  alice = t.token('alice', 'student', ['c1']);
  bob = t.token('bob', 'student', ['c1']);
  teacher = t.token('tina', 'instructor', ['c1']);
  lms = t.token('moodle', 'service', ['c1']);
  admin = t.token('root', 'admin', []);
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  const upload = await t.call('POST', '/api/v1/problems/echo/versions?courseId=c1', {
    token: teacher,
    body: await tarGzOf(dir),
    contentType: 'application/gzip',
  });
  await remove();
  expect(upload.status, upload.text).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

async function submit(token: string, extra: Record<string, unknown> = {}) {
  return t.call('POST', '/api/v1/submissions', { token, json: { problemId: 'echo', languageId: 'python', files, ...extra } });
}

describe('creating submissions', () => {
  it('answers 202 with the queued submission and puts a valid task on the submission lane', async () => {
    const created = await submit(alice);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', userId: 'alice', courseId: 'c1', problemId: 'echo', problemVersion: 1, round: 0 });
    expect(created.headers.get('location')).toBe(`/api/v1/submissions/${created.body.id}`);
    const task = await takeTask(t.queuePrefix, 'submission');
    expect(task).toMatchObject({ v: 1, kind: 'submission', lane: 'submission', id: created.body.id, round: 0, problemId: 'echo', files });
    expect(task?._properties).toMatchObject({ deliveryMode: 2, contentType: 'application/json' });
  });

  it('returns the first submission with 200 when a client retries with the same externalId', async () => {
    const first = await submit(lms, { userId: 'alice', externalId: 'attempt-1' });
    const again = await submit(lms, { userId: 'alice', externalId: 'attempt-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.externalId).toBe('attempt-1');
    // Another client may use the same externalId for its own submission.
    const other = await submit(alice, { externalId: 'attempt-1' });
    expect(other.status).toBe(202);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('requires service clients to name the user, and refuses students submitting for others', async () => {
    const noUser = await submit(lms);
    expect(noUser.status).toBe(400);
    expect(noUser.body.error.code).toBe('validation_failed');
    expect(noUser.body.error.details.fields).toContainEqual({ in: 'body', field: 'userId', message: 'is required for service clients' });
    expect((await submit(alice, { userId: 'bob' })).status).toBe(403);
  });

  it('answers validation errors per field with stable codes', async () => {
    const invalid = await t.call('POST', '/api/v1/submissions', {
      token: alice,
      json: { problemId: 'Echo!', files: [{ name: '../x.py', content: 1 }], extra: true },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
    const fields = invalid.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['languageId', 'problemId', 'files.0.name', 'files.0.content', 'extra']));

    const badJson = await t.call('POST', '/api/v1/submissions', { token: alice, body: '{"problemId":', contentType: 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_json');

    const wrongType = await t.call('POST', '/api/v1/submissions', { token: alice, body: 'x', contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('unsupported_media_type');

    expect((await submit(alice, { languageId: 'cobol' })).body.error.code).toBe('unknown_language');
    const unknownProblem = await t.call('POST', '/api/v1/submissions', {
      token: alice,
      json: { problemId: 'nope', languageId: 'python', files },
    });
    expect(unknownProblem.status).toBe(404);
    expect(unknownProblem.body.error.code).toBe('unknown_problem');

    const duplicate = await submit(alice, { files: [files[0], files[0]] });
    expect(duplicate.status).toBe(400);
    const huge = await submit(alice, { files: [{ name: 'big.py', content: 'x'.repeat(300 * 1024) }] });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('source_too_large');
    // Within the installation's source limit but over the problem's limits.code (default 128 KiB).
    const overCode = await submit(alice, { files: [{ name: 'big.py', content: 'x'.repeat(128 * 1024 + 1) }] });
    expect(overCode.status).toBe(413);
    expect(overCode.body.error).toMatchObject({ code: 'code_too_large', details: { problemId: 'echo', bytes: 128 * 1024 + 1, limitKb: 128 } });
  });

  it('checks callback URLs and keeps them from students', async () => {
    const student = await submit(alice, { callbackUrl: 'http://127.0.0.1:9/hook' });
    expect(student.status).toBe(403);
    const bad = await submit(lms, { userId: 'alice', callbackUrl: 'ftp://lms.example/hook' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_callback_url');
  });
});

describe('reading submissions', () => {
  it('hides hidden test details from students and shows them to staff', async () => {
    const created = await submit(alice);
    const id = created.body.id as string;
    await executor.startJudging(id);
    await executor.progress(id, 1, 3);
    const judging = await t.call('GET', `/api/v1/submissions/${id}`, { token: alice });
    expect(judging.body).toMatchObject({ status: 'judging', progress: { done: 1, total: 3 } });

    expect(await executor.finish(id, sampleResult('WA'))).toBe('stored');
    const mine = await t.call('GET', `/api/v1/submissions/${id}`, { token: alice });
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('done');
    expect(mine.body.result.verdict).toBe('WA');
    const [sample, hidden1, hidden2] = mine.body.result.tests;
    expect(sample).toMatchObject({ name: 'sample/1', output: 'Hello World!\n' });
    expect(hidden1).toEqual({ index: 1, group: 'secret', verdict: 'AC', cpuMs: 12, wallMs: 15, memoryKb: 2048 });
    expect(hidden2).toEqual({ index: 2, group: 'secret', verdict: 'WA', cpuMs: 20, wallMs: 25, memoryKb: 2048 });
    expect(mine.text).not.toContain('secret output');
    expect(mine.text).not.toContain('huge');

    const staff = await t.call('GET', `/api/v1/submissions/${id}`, { token: teacher });
    expect(staff.body.result.tests[2]).toMatchObject({ name: 'secret/huge-2', message: 'expected 42 got 41', expected: '42' });

    const other = await t.call('GET', `/api/v1/submissions/${id}`, { token: bob });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const outsider = await t.call('GET', `/api/v1/submissions/${id}`, { token: t.token('ian', 'instructor', ['c2']) });
    expect(outsider.status).toBe(403);
    expect((await t.call('GET', `/api/v1/submissions/${id}?sources=true`, { token: alice })).body.files).toEqual(files);
    expect((await t.call('GET', '/api/v1/submissions/doesnotexist', { token: admin })).body.error.code).toBe('unknown_submission');
  });
});

describe('cancelling', () => {
  it('cancels a queued submission and refuses once judging started', async () => {
    const queued = (await submit(alice)).body.id as string;
    const cancelled = await t.call('POST', `/api/v1/submissions/${queued}/cancel`, { token: alice });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await t.call('POST', `/api/v1/submissions/${queued}/cancel`, { token: alice });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'not_cancellable', details: { status: 'cancelled' } });

    const started = (await submit(alice)).body.id as string;
    await executor.startJudging(started);
    const late = await t.call('POST', `/api/v1/submissions/${started}/cancel`, { token: alice });
    expect(late.status).toBe(409);
    expect(late.body.error.details.status).toBe('judging');
    // A finish after a cancel is refused by the transition table.
    const byBob = (await submit(bob)).body.id as string;
    expect((await t.call('POST', `/api/v1/submissions/${byBob}/cancel`, { token: alice })).status).toBe(403);
    await t.call('POST', `/api/v1/submissions/${byBob}/cancel`, { token: bob });
    expect(await executor.finish(byBob, sampleResult('AC'))).toBe('cancelled');
  });
});

describe('listing', () => {
  it('pages newest first with a cursor and applies filters and scopes', async () => {
    const local = await startTestDispatcher();
    try {
      const { dir, remove } = await tempDir();
      await writeSimplePackage(dir);
      const archive = await tarGzOf(dir);
      await remove();
      const instructor = local.token('tina', 'instructor', ['c1', 'c2']);
      for (const [problem, course] of [['p1', 'c1'], ['p2', 'c2']] as const) {
        const up = await local.call('POST', `/api/v1/problems/${problem}/versions?courseId=${course}`, {
          token: instructor,
          body: archive,
          contentType: 'application/gzip',
        });
        expect(up.status).toBe(201);
      }
      const student = local.token('sam', 'student', ['c1', 'c2']);
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const problemId = i % 2 === 0 ? 'p1' : 'p2';
        const r = await local.call('POST', '/api/v1/submissions', { token: student, json: { problemId, languageId: 'python', files } });
        expect(r.status).toBe(202);
        ids.push(r.body.id);
      }
      await local.call('POST', '/api/v1/submissions', { token: local.token('other', 'student', ['c1']), json: { problemId: 'p1', languageId: 'python', files } });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await local.call('GET', `/api/v1/submissions?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: student });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor !== undefined);
      expect(seen).toEqual([...ids].reverse());

      const p2 = await local.call('GET', '/api/v1/submissions?problem=p2', { token: instructor });
      expect(p2.body.items.map((item: { id: string }) => item.id)).toEqual([ids[5], ids[3], ids[1]]);
      const byCourse = await local.call('GET', '/api/v1/submissions?course=c1&user=other', { token: instructor });
      expect(byCourse.body.items).toHaveLength(1);
      const c2Only = await local.call('GET', '/api/v1/submissions', { token: local.token('ian', 'instructor', ['c2']) });
      expect(c2Only.body.items).toHaveLength(3);

      await local.call('POST', `/api/v1/submissions/${ids[0]}/cancel`, { token: student });
      const cancelled = await local.call('GET', '/api/v1/submissions?status=cancelled', { token: student });
      expect(cancelled.body.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
      const future = await local.call('GET', `/api/v1/submissions?from=${new Date(Date.now() + 60_000).toISOString()}`, { token: student });
      expect(future.body.items).toEqual([]);
      expect((await local.call('GET', '/api/v1/submissions?user=other', { token: student })).status).toBe(403);
      expect((await local.call('GET', '/api/v1/submissions?cursor=garbage', { token: student })).body.error.code).toBe('invalid_cursor');
      expect((await local.call('GET', '/api/v1/submissions?status=bogus', { token: student })).body.error.code).toBe('validation_failed');
    } finally {
      await local.close();
    }
  });
});

describe('waiting and following', () => {
  it('holds the create response for the verdict with wait, or answers 202 when it does not come', async () => {
    const pending = await submit(alice, { wait: 1 });
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('queued');

    const started = Date.now();
    const waiting = submit(alice, { wait: 10 });
    // Find the new submission and finish it while the request waits.
    let id: string | undefined;
    for (let i = 0; i < 100 && id === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const list = await t.call('GET', '/api/v1/submissions?limit=1', { token: alice });
      const newest = list.body.items[0];
      if (newest !== undefined && newest.id !== pending.body.id && newest.status === 'queued') id = newest.id;
    }
    expect(id).toBeDefined();
    await executor.finish(id as string, sampleResult('AC'));
    const answered = await waiting;
    expect(answered.status).toBe(200);
    expect(answered.body.result.verdict).toBe('AC');
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('streams the current state, progress and the final verdict over SSE, then closes', async () => {
    const id = (await submit(alice)).body.id as string;
    const response = await fetch(`${t.url}/api/v1/submissions/${id}/events`, { headers: { authorization: `Bearer ${alice}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil('event: state');
    await executor.startJudging(id);
    await executor.progress(id, 1, 3);
    await readUntil('event: progress');
    await readUntil(': heartbeat');
    await executor.finish(id, sampleResult('WA'));
    await readUntil('event: final');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    const events = text.split('\n\n').filter((block) => block.startsWith('event:'));
    expect(events.map((block) => block.split('\n')[0])).toEqual([
      'event: state',
      'event: status',
      'event: progress',
      'event: final',
    ]);
    const final = JSON.parse((events[3] as string).split('\n')[1]?.slice('data: '.length) as string);
    expect(final.result.verdict).toBe('WA');
    expect(JSON.stringify(final)).not.toContain('expected 42');
    expect(JSON.parse((events[2] as string).split('\n')[1]?.slice(6) as string)).toEqual({ done: 1, total: 3, round: 0, tests: [] });
  });

  it('sends the final state at once and closes for a finished submission', async () => {
    const id = (await submit(alice)).body.id as string;
    await executor.finish(id, sampleResult('AC'));
    const response = await fetch(`${t.url}/api/v1/submissions/${id}/events`, { headers: { authorization: `Bearer ${alice}` } });
    const text = await response.text();
    expect(text).toMatch(/^event: state\ndata: /);
    expect(text).toContain('"status":"done"');
  });
});
