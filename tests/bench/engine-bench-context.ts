/** What the engine benchmarks share: the warm pool, the naive baseline, and small helpers. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Judge } from '../../executor/judge.js';
import type { Submission } from '../../executor/judging/check-submission.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import type { ContainerPool } from '../../executor/sandbox/container-pool.js';
import type { CleanupStack } from './bench-cleanup.js';
import type { LoadWindow } from './bench-load.js';
import { readReferenceSubmission, repoPath } from './bench-repo.js';
import type { NaiveDockerJudge } from './naive-docker-judge.js';
import { writeTempProblem } from './temp-problem.js';

// Generic helpers that first lived here, re-exported for the benchmarks that import them from this file.
export type { BenchOutcome } from './bench-figure.js';
export { readReferenceSubmission, repoPath } from './bench-repo.js';

export interface EngineBenchContext {
  docker: Docker;
  image: string;
  pool: ContainerPool;
  judge: Judge;
  naive: NaiveDockerJudge;
  cleanup: CleanupStack;
  /** Progress for people: stderr, so that stdout carries only the report. */
  log: (line: string) => void;
  /** Runs a measurement while watching the machine's load (others' tests share these 2 cores). */
  watchLoad<T>(measure: () => Promise<T>): Promise<{ result: T; load: LoadWindow }>;
}

/**
 * Runs `job(0) … job(total − 1)` with at most `concurrency` in flight, and returns the wall time of the
 * whole, ms. The first failure rejects (after the jobs in flight finished).
 */
export async function runConcurrently(total: number, concurrency: number, job: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) await job(next++);
  };
  const workers = Array.from({ length: Math.min(concurrency, total) }, worker);
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return performance.now() - start;
}

/** A hello-world job: problems/hello's limits and reference submissions, with one test case. */
export interface HelloProblem {
  /** problems/hello with only its secret test (it also has a sample): compile + 1 test per submission. */
  problem: ProblemPackage;
  /** The accepted submission of problems/hello in a language. */
  submissionIn(languageId: string): Promise<Submission>;
}

/** Writes the one-test copy of problems/hello (removed by the context's cleanup). */
export async function prepareHelloProblem(ctx: EngineBenchContext): Promise<HelloProblem> {
  const dir = repoPath('problems', 'hello');
  const hello = await readProblemPackage(dir);
  const temp = await writeTempProblem('hello', await readFile(path.join(dir, 'problem.yaml'), 'utf8'), [
    {
      name: 'secret/1',
      input: await readFile(path.join(dir, 'data/secret/1.in')),
      answer: await readFile(path.join(dir, 'data/secret/1.ans')),
    },
  ]);
  ctx.cleanup.defer('removing the one-test hello problem', temp.remove);
  return { problem: temp.problem, submissionIn: (languageId) => readReferenceSubmission(hello, languageId) };
}
