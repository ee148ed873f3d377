/**
 * Uploading a problem's test data into a container that dies half-way (dockerd killed): the pipelined
 * PUTs reject while the next input file is still being read from disk. The upload must fail with the
 * sandbox's error, and no rejection may be left unhandled: the executor exits on one (executor/main.ts),
 * and vitest fails this file if it sees one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SandboxError } from '../../executor/judging/sandbox-error.js';
import type { SandboxSession } from '../../executor/judging/sandbox-session.js';
import { stageProblemData, type ProblemData } from '../../executor/judging/problem-data.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'juez-stage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('fails with the sandbox error, leaving no rejection unhandled, when the container dies during the upload', async () => {
  const tests = [];
  for (let n = 0; n < 4; n++) {
    const inputFile = path.join(dir, `${n}.in`);
    await writeFile(inputFile, `input ${n}\n`.repeat(10_000));
    tests.push({
      test: { name: `secret/${n}`, group: 'secret', inputFile, answerFile: inputFile, isSample: false },
      inputPath: `/judge/p/abc/${n}.in`,
      answerPath: `/judge/p/abc/${n}.ans`,
      answer: Buffer.from('answer\n'),
    });
  }
  const data: ProblemData = { hash: 'abc', dir: '/judge/p/abc', tests };
  const died = new SandboxError('supervisor stream closed (container stopped)', 'sandbox');
  // Like SupervisorClient on a dead stream: every pending call rejects, a moment after it was made.
  const session = {
    getFile: async () => undefined,
    putFile: () => new Promise<void>((_resolve, reject) => setImmediate(() => reject(died))),
  } as unknown as SandboxSession;

  await expect(stageProblemData(session, data)).rejects.toBe(died);
  // Give a stray rejection the chance to surface before the test ends.
  await new Promise((resolve) => setTimeout(resolve, 50));
});
