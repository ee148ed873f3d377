import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProblemPackage, TestCase } from '../../common/problem/problem.js';
import type { SandboxSession } from './sandbox-session.js';
import { SandboxError } from './sandbox-error.js';
import { testOrder } from './score-groups.js';
import { settleAll } from './settle-all.js';

/** Where every container keeps the problem data it has been given, one folder per content hash. */
export const PROBLEM_DATA_ROOT = '/judge/p';

/** One test case as it lives in the container, with its answer kept on the host for default validation. */
export interface StagedTestCase {
  test: TestCase;
  /** Container paths (root:validator 0640: validators read them, the program does not). */
  inputPath: string;
  answerPath: string;
  answer: Buffer;
}

/**
 * A problem's test data, hashed and ready to be put into containers. Computed once per ProblemPackage
 * object and reused for every submission.
 */
export interface ProblemData {
  /** sha256 of every test's name, input and answer and of the output validator's sources. */
  hash: string;
  /** `/judge/p/<hash>`. */
  dir: string;
  /** Every test case in judging order (samples first). */
  tests: StagedTestCase[];
}

const cache = new WeakMap<ProblemPackage, Promise<ProblemData>>();

/** Reads and hashes a package's test data; the promise is shared by every caller for the same package. */
export function loadProblemData(problem: ProblemPackage): Promise<ProblemData> {
  let data = cache.get(problem);
  if (data === undefined) {
    data = readProblemData(problem);
    // A failed read (a file deleted under us) must not poison the cache for good.
    data.catch(() => cache.delete(problem));
    cache.set(problem, data);
  }
  return data;
}

async function readProblemData(problem: ProblemPackage): Promise<ProblemData> {
  const tests = testOrder(problem);
  const hash = createHash('sha256');
  const answers: Buffer[] = [];
  for (const test of tests) {
    const [input, answer] = await Promise.all([readFile(test.inputFile), readFile(test.answerFile)]);
    hashField(hash, test.name);
    hashField(hash, input);
    hashField(hash, answer);
    answers.push(answer);
  }
  const validator = problem.outputValidator;
  for (const file of [...(validator?.files ?? []), ...(validator?.extraFiles ?? [])]) {
    hashField(hash, path.basename(file));
    hashField(hash, await readFile(file));
  }
  const digest = hash.digest('hex');
  const dir = `${PROBLEM_DATA_ROOT}/${digest}`;
  // Files are named by position, not by test name: test names may hold characters the protocol forbids.
  const staged = tests.map((test, i) => ({
    test,
    inputPath: `${dir}/${i}.in`,
    answerPath: `${dir}/${i}.ans`,
    answer: answers[i] ?? Buffer.alloc(0),
  }));
  return { hash: digest, dir, tests: staged };
}

/** Length-prefixed, so that ("ab","c") and ("a","bc") hash differently. */
function hashField(hash: ReturnType<typeof createHash>, value: string | Buffer): void {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  hash.update(`${bytes.length}:`);
  hash.update(bytes);
}

/**
 * Makes sure the container holds the problem's data. A container keeps it across submissions, so
 * usually this is one GET of the completion marker. The marker is written only after every file arrived:
 * a container that died half-way never passes for complete.
 */
export async function stageProblemData(session: SandboxSession, data: ProblemData): Promise<void> {
  const marker = `${data.dir}/complete`;
  if ((await session.getFile(marker)) !== undefined) return;
  try {
    await uploadProblemData(session, data);
  } catch (error) {
    if (!isOutOfSpace(error)) throw error;
    // /judge is a small tmpfs; evict every cached problem and try once more with the space to ourselves.
    await session.removePath(PROBLEM_DATA_ROOT);
    await uploadProblemData(session, data);
  }
  await session.putFile(marker, '', 'root', 0o640);
}

/** Bytes of test data read and queued before waiting for the container to take them. */
const UPLOAD_WINDOW_BYTES = 64 * 1024 * 1024;

async function uploadProblemData(session: SandboxSession, data: ProblemData): Promise<void> {
  // Issued together so that the session pipelines them, but in windows: a package's data can be far
  // larger than what the host should hold in memory at once.
  let puts: Promise<void>[] = [];
  let queued = 0;
  for (const staged of data.tests) {
    const input = await readFile(staged.test.inputFile);
    const pair = [session.putFile(staged.inputPath, input, 'root', 0o640), session.putFile(staged.answerPath, staged.answer, 'root', 0o640)];
    // Handled at once: when the container dies (Docker restarting) they reject while we await the next
    // file's read, and an unhandled rejection would end the executor; settleAll still reports the failure.
    for (const put of pair) put.catch(() => {});
    puts.push(...pair);
    queued += input.length + staged.answer.length;
    if (queued >= UPLOAD_WINDOW_BYTES) {
      await settleAll(puts);
      puts = [];
      queued = 0;
    }
  }
  await settleAll(puts);
}

function isOutOfSpace(error: unknown): boolean {
  return error instanceof SandboxError && /ENOSPC|no space left/i.test(error.message);
}
