/**
 * A test dispatcher whose temporary directory is a private, otherwise empty folder, so that a test can
 * prove an upload wrote nothing anywhere: after each upload the folder must be empty again (no extracted
 * files, no leftover `juez-upload-*`), and the traversal targets placed around it must not exist.
 *
 *   base/            ← `../../../x` from the extraction directory lands here
 *   base/tmp/        ← TMPDIR of this worker: juez-upload-XXXX/extracted/ is made here
 *   base/outside/    ← an empty folder symlinks try to write through
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { type ApiResponse, startTestDispatcher, type TestDispatcher } from '../integration/dispatcher/dispatcher-test-kit.js';

/** How an upload must be refused. */
export interface Refusal {
  status: number;
  code: string;
  reason?: string;
  message: RegExp;
}

export interface GuardedDispatcher {
  t: TestDispatcher;
  base: string;
  outside: string;
  teacher: string;
  /** POSTs `body` as a new version of `problemId` (course c1). */
  upload(body: Buffer, contentType: string, problemId?: string): Promise<ApiResponse>;
  /**
   * Asserts the upload was refused as described, with no server path or stack in the answer, and that
   * no problem was created.
   */
  expectRefused(response: ApiResponse, refusal: Refusal, problemId?: string): Promise<void>;
  /** Asserts nothing is left in the private temporary folder and nothing appeared around it. */
  expectNothingWritten(): Promise<void>;
  close(): Promise<void>;
}

/** Archive limits of the guarded dispatcher: small, so bombs are cheap to build. */
export const LIMITS = { archiveBytes: 1024 * 1024, entries: 50, uncompressedBytes: 2 * 1024 * 1024 };

export async function startGuardedDispatcher(): Promise<GuardedDispatcher> {
  const base = await mkdtemp(path.join(tmpdir(), 'juez-hostile-'));
  const privateTmp = path.join(base, 'tmp');
  const outside = path.join(base, 'outside');
  await mkdir(privateTmp);
  await mkdir(outside);
  const previousTmp = process.env.TMPDIR;
  const restore = async (): Promise<void> => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    await rm(base, { recursive: true, force: true });
  };
  // os.tmpdir() reads TMPDIR on every call: the in-process dispatcher makes its upload folders here.
  process.env.TMPDIR = privateTmp;
  let t: TestDispatcher;
  try {
    t = await startTestDispatcher({
      JUEZ_MAX_ARCHIVE_BYTES: String(LIMITS.archiveBytes),
      JUEZ_MAX_ARCHIVE_ENTRIES: String(LIMITS.entries),
      JUEZ_MAX_ARCHIVE_UNCOMPRESSED_BYTES: String(LIMITS.uncompressedBytes),
    });
  } catch (error) {
    await restore();
    throw error;
  }
  const teacher = t.token('tina', 'instructor', ['c1']);
  return {
    t,
    base,
    outside,
    teacher,
    upload: (body, contentType, problemId = 'evil') =>
      t.call('POST', `/api/v1/problems/${problemId}/versions?courseId=c1`, { token: teacher, body, contentType }),
    expectRefused: async (response, refusal, problemId = 'evil') => {
      expect(response.status, response.text).toBe(refusal.status);
      expect(response.body?.error?.code, response.text).toBe(refusal.code);
      if (refusal.reason !== undefined) expect(response.body.error.details?.reason, response.text).toBe(refusal.reason);
      expect(response.body.error.message).toMatch(refusal.message);
      // Names from the archive may be quoted back; the server's own folders never.
      expect(response.text).not.toContain(privateTmp);
      expect(response.text).not.toMatch(/juez-upload-|extracted\/|\n\s+at /);
      const problem = await t.call('GET', `/api/v1/problems/${problemId}`, { token: teacher });
      expect(problem.status).toBe(404);
    },
    expectNothingWritten: async () => {
      expect(await readdir(privateTmp), 'left in the temporary folder').toEqual([]);
      expect((await readdir(base)).sort(), 'written next to the temporary folder').toEqual(['outside', 'tmp']);
      expect(await readdir(outside), 'written through a link').toEqual([]);
    },
    close: async () => {
      await t.close();
      await restore();
    },
  };
}
