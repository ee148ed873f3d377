import { cp } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExecutor, sampleResult } from './fake-executor.js';
import { startTestDispatcher, takeTask, type TestDispatcher } from './dispatcher-test-kit.js';
import { handMadeZip, tarGzOf, tempDir, writeSimplePackage, zipOf } from './test-packages.js';

let t: TestDispatcher;
let teacher: string;
let student: string;
let archive: Buffer;
const files = [{ name: 'a.py', content: 'print(1)\n' }];

beforeAll(async () => {
  t = await startTestDispatcher({
    JUEZ_MAX_ARCHIVE_BYTES: String(2 * 1024 * 1024),
    // Small limits so the hostile archives below trip them; problems/hello (some 140 files: a reference
    // submission of each kind in every language) stays under them.
    JUEZ_MAX_ARCHIVE_ENTRIES: '300',
    JUEZ_MAX_ARCHIVE_UNCOMPRESSED_BYTES: String(1024 * 1024),
  });
  teacher = t.token('tina', 'instructor', ['c1']);
  student = t.token('sam', 'student', ['c1']);
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  archive = await tarGzOf(dir);
  await remove();
});

afterAll(async () => {
  await t?.close();
});

function upload(problemId: string, body: Buffer, contentType = 'application/gzip', query = '?courseId=c1', token = teacher) {
  return t.call('POST', `/api/v1/problems/${problemId}/versions${query}`, { token, body, contentType });
}

describe('uploading packages', () => {
  it('stores each upload as a new immutable version, identical content under the same hash', async () => {
    const first = await upload('echo', archive);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ id: 'echo', courseId: 'c1', version: 1, latestVersion: 1, name: 'Echo', secretTestCount: 2 });
    expect(first.body.packageHash).toMatch(/^[a-f0-9]{64}$/);
    const second = await upload('echo', archive, 'application/gzip', '');
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.packageHash).toBe(first.body.packageHash);
    const stored = await t.redis.exists(t.keys.packageArchive(first.body.packageHash));
    expect(stored).toBe(1);
  });

  it('accepts a zip with the package inside one folder (problems/hello)', async () => {
    const { dir, remove } = await tempDir();
    try {
      const copy = path.join(dir, 'hello');
      await cp(path.resolve('problems/hello'), copy, { recursive: true });
      const zipped = await zipOf(copy);
      const response = await upload('hello', zipped, 'application/zip');
      expect(response.status, response.text).toBe(201);
      expect(response.body.name).toBe('Hello World');
      expect(response.body.samples.length).toBeGreaterThan(0);
      expect(response.body.statement.format).toBe('markdown');
    } finally {
      await remove();
    }
  });

  it('lists every problem of an invalid package', async () => {
    const { dir, remove } = await tempDir();
    try {
      await writeSimplePackage(dir);
      const { writeFile, rm } = await import('node:fs/promises');
      await writeFile(path.join(dir, 'problem.yaml'), 'limits:\n  memory: lots\n  bogus: 1\n');
      await rm(path.join(dir, 'data', 'secret', '2.ans'));
      const response = await upload('broken', await tarGzOf(dir));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_problem_package');
      const problems: string[] = response.body.error.details.problems;
      expect(problems.length).toBeGreaterThanOrEqual(2);
      expect(problems.some((p) => p.startsWith('problem.yaml'))).toBe(true);
      expect(problems.some((p) => p.includes('2.in'))).toBe(true);
      expect(response.text).not.toContain('/tmp/');
      expect((await t.call('GET', '/api/v1/problems/broken', { token: teacher })).status).toBe(404);
    } finally {
      await remove();
    }
  });

  it('refuses zip-slip, links, bombs and oversized archives with clear 4xx codes', async () => {
    const slip = await upload('evil', handMadeZip([{ name: 'problem.yaml', data: Buffer.from('') }, { name: '../../evil.txt', data: Buffer.from('x') }]), 'application/zip');
    expect(slip.status).toBe(400);
    expect(slip.body.error).toMatchObject({ code: 'invalid_archive', details: { reason: 'unsafe_path' } });

    const absolute = await upload('evil', handMadeZip([{ name: '/etc/cron.d/evil', data: Buffer.from('x') }]), 'application/zip');
    expect(absolute.body.error.details.reason).toBe('unsafe_path');

    const link = await upload('evil', handMadeZip([{ name: 'data', data: Buffer.from('/etc'), mode: 0o120777 }]), 'application/zip');
    expect(link.status).toBe(400);
    expect(link.body.error.details.reason).toBe('unsupported_entry');

    const bomb = await upload('evil', handMadeZip([{ name: 'zeros', data: Buffer.alloc(8 * 1024 * 1024), deflate: true }]), 'application/zip');
    expect(bomb.status).toBe(413);
    expect(bomb.body.error).toMatchObject({ code: 'archive_too_large', details: { reason: 'uncompressed_too_large' } });

    const gzipBomb = await upload('evil', gzipSync(Buffer.alloc(16 * 1024 * 1024)));
    expect(gzipBomb.status).toBe(413);
    expect(gzipBomb.body.error.details.reason).toBe('uncompressed_too_large');

    const many = handMadeZip(Array.from({ length: 360 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect((await upload('evil', many, 'application/zip')).body.error.details.reason).toBe('too_many_entries');

    const tooBig = await upload('evil', Buffer.alloc(3 * 1024 * 1024, 1), 'application/zip');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');

    const wrongType = await upload('evil', archive, 'text/plain');
    expect(wrongType.status).toBe(415);
    const mismatch = await upload('evil', archive, 'application/zip');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.code).toBe('invalid_archive');
    expect((await t.call('GET', '/api/v1/problems/evil', { token: teacher })).status).toBe(404);
  });

  it('keeps uploads to the staff of the course', async () => {
    expect((await upload('mine', archive, 'application/gzip', '?courseId=c1', student)).status).toBe(403);
    expect((await upload('mine', archive, 'application/gzip', '?courseId=c9')).status).toBe(403);
    const noCourse = await upload('mine', archive, 'application/gzip', '');
    expect(noCourse.status).toBe(400);
    expect(noCourse.body.error.details.fields[0]).toMatchObject({ in: 'query', field: 'courseId' });
    await upload('mine', archive);
    const moved = await upload('mine', archive, 'application/gzip', '?courseId=c2', t.token('root', 'admin'));
    expect(moved.status).toBe(409);
  });
});

describe('reading problems', () => {
  it('shows students the statement, limits and samples but never secret data', async () => {
    const response = await t.call('GET', '/api/v1/problems/echo', { token: student });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'echo', version: 2, limits: { timeMs: 2000, memoryMb: 128, codeKb: 128 } });
    expect(response.body.samples).toEqual([{ name: 'sample/1', input: 'sample input\n', answer: 'sample input\n', truncated: false }]);
    expect(response.body.statement.text).toContain('Print the input');
    expect(response.text).not.toContain('TOP SECRET');
    expect(response.body.packageHash).toBeUndefined();
    expect((await t.call('GET', '/api/v1/problems/echo', { token: t.token('x', 'student', ['c2']) })).status).toBe(403);
    const list = await t.call('GET', '/api/v1/problems', { token: student });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['echo', 'hello']));
  });

  it('lets staff download a version archive, normalized', async () => {
    const version = await t.call('GET', '/api/v1/problems/echo?version=1', { token: teacher });
    const response = await fetch(`${t.url}/api/v1/problems/echo/versions/1/archive`, { headers: { authorization: `Bearer ${teacher}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('etag')).toBe(`"${version.body.packageHash}"`);
    const tar = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('latin1');
    expect(tar).toContain('TOP SECRET ANSWER');
    expect(tar).toContain('data/secret/1.ans');
    const denied = await t.call('GET', '/api/v1/problems/echo/versions/1/archive', { token: student });
    expect(denied.status).toBe(403);
    expect((await t.call('GET', '/api/v1/problems/echo/versions/9/archive', { token: teacher })).body.error.code).toBe('unknown_problem_version');
  });
});

describe('deleting and rejudging', () => {
  it('soft-deletes: hidden from lists, new submissions get 410', async () => {
    await upload('gone', archive);
    expect((await t.call('DELETE', '/api/v1/problems/gone', { token: student })).status).toBe(403);
    expect((await t.call('DELETE', '/api/v1/problems/gone', { token: teacher })).status).toBe(204);
    const list = await t.call('GET', '/api/v1/problems', { token: student });
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain('gone');
    const submit = await t.call('POST', '/api/v1/submissions', { token: student, json: { problemId: 'gone', languageId: 'python', files } });
    expect(submit.status).toBe(410);
    expect(submit.body.error.code).toBe('problem_deleted');
    expect((await t.call('GET', '/api/v1/problems/gone', { token: student })).status).toBe(410);
    expect((await t.call('GET', '/api/v1/problems/gone', { token: teacher })).body.deleted).toBe(true);
  });

  it('rejudges matching done submissions on the rejudge lane with round + 1, against the latest version', async () => {
    await upload('rj', archive);
    const executor = new FakeExecutor(t.redis, t.keys);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await t.call('POST', '/api/v1/submissions', { token: student, json: { problemId: 'rj', languageId: 'python', files } });
      ids.push(r.body.id);
    }
    while ((await takeTask(t.queuePrefix, 'submission')) !== undefined) {
      // drain: these tasks were "judged" by the fake executor below
    }
    await executor.finish(ids[0] as string, sampleResult('WA'));
    await executor.finish(ids[1] as string, sampleResult('AC'));
    // ids[2] stays queued: not rejudgeable.
    const { dir, remove } = await tempDir();
    await writeSimplePackage(dir, { secretAnswer: 'fixed answer' });
    const v2 = await upload('rj', await tarGzOf(dir));
    await remove();
    expect(v2.body.version).toBe(2);

    const filtered = await t.call('POST', '/api/v1/problems/rj/rejudge', { token: teacher, json: { verdict: ['WA'] } });
    expect(filtered.status).toBe(202);
    expect(filtered.body).toEqual({ problemId: 'rj', problemVersion: 2, matched: 1, queued: 1, skipped: 0, unavailable: 0 });
    const task = await takeTask(t.queuePrefix, 'rejudge');
    expect(task).toMatchObject({ id: ids[0], lane: 'rejudge', kind: 'submission', round: 1, problemVersion: 2, packageHash: v2.body.packageHash, files });
    const record = await t.call('GET', `/api/v1/submissions/${ids[0]}`, { token: student });
    expect(record.body).toMatchObject({ status: 'queued', round: 1, lane: 'rejudge', problemVersion: 2 });
    expect(record.body.result).toBeUndefined();
    // The executor finishing the old round is refused; the new round is stored.
    expect(await executor.finish(ids[0] as string, sampleResult('AC'), 0)).toBe('stale');
    expect(await executor.finish(ids[0] as string, sampleResult('AC'), 1)).toBe('stored');

    const all = await t.call('POST', '/api/v1/problems/rj/rejudge', { token: teacher });
    expect(all.body).toMatchObject({ matched: 3, queued: 2, skipped: 1 });
    expect((await t.call('POST', '/api/v1/problems/rj/rejudge', { token: student })).status).toBe(403);
  });
});
