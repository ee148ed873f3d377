/** What the service benchmarks share: cleanup, progress, the problem they submit to, and the load around them. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import type { JuezSystem } from '../support/juez-system.js';
import type { CleanupStack } from './bench-cleanup.js';
import type { BenchOutcome } from './bench-figure.js';
import { watchLoad, type LoadWindow } from './bench-load.js';
import { repoPath } from './bench-repo.js';
import type { RssFigures } from './service-process-stats.js';
import { writeTempProblem } from './temp-problem.js';

export interface ServiceBenchContext {
  docker: Docker;
  cleanup: CleanupStack;
  /** Progress for people: stderr, so that stdout carries only the report. */
  log: (line: string) => void;
  /** problems/hello with only its secret test, written once per run (the engine benchmark's warm path judges the same). */
  hello: ProblemPackage;
  /** Container pools that are the benchmark's own (label `juez.pool` prefixes), not someone else's load. */
  ownPools: string[];
  /** Labels (`key=value`) of other containers that are the benchmark's own: the naive judge's. */
  ownLabels: string[];
}

/** What a service benchmark reports besides its figures: memory of the services, and lines for people. */
export interface ServiceOutcome extends BenchOutcome {
  rss: Record<string, RssFigures>;
  /** Printed under the table: where the CPU went, how the time splits. */
  notes: string[];
}

/** The body benchmark submissions carry: problems/hello's accepted solution in a language (Python unless said). */
export interface HelloSubmission {
  problemId: string;
  languageId: string;
  files: { name: string; content: string }[];
}

/**
 * The dispatcher's settings in the benchmarks, on top of the harness's: the rate limit is counted on every
 * submission as in production (one Redis MULTI), with a limit no benchmark reaches.
 */
export const BENCH_DISPATCHER_ENV: Record<string, string> = {
  JUEZ_RATE_LIMIT_SUBMISSIONS: '1000000000',
  JUEZ_RATE_LIMIT_REQUESTS: '1000000000',
};

/** Writes the one-test copy of problems/hello (removed by the cleanup). Its directory is named `hello`. */
export async function writeOneTestHello(cleanup: CleanupStack): Promise<ProblemPackage> {
  const dir = repoPath('problems', 'hello');
  const temp = await writeTempProblem('hello', await readFile(path.join(dir, 'problem.yaml'), 'utf8'), [
    {
      name: 'secret/1',
      input: await readFile(path.join(dir, 'data/secret/1.in')),
      answer: await readFile(path.join(dir, 'data/secret/1.ans')),
    },
  ]);
  cleanup.defer('removing the one-test hello problem', temp.remove);
  return temp.problem;
}

/** problems/hello's accepted solution in `languageId` (hello.py by default) as a submission body for `problemId`. */
export async function helloSubmission(problemId: string, languageId = 'python'): Promise<HelloSubmission> {
  const hello = await readProblemPackage(repoPath('problems', 'hello'));
  const reference = hello.submissions.find((s) => s.category === 'accepted' && s.languageId === languageId);
  if (reference === undefined) throw new Error(`problems/hello has no accepted submission in ${languageId}`);
  const files = await Promise.all(
    reference.files.map(async (file) => ({ name: path.basename(file), content: await readFile(file, 'utf8') })),
  );
  return { problemId, languageId, files };
}

/** The pool label prefix of a harness system's executors (executor/main.ts names them juez-executor-<name>). */
export function systemPoolPrefix(system: JuezSystem): string {
  return `juez-executor-${system.keyPrefix.split(':')[1] ?? ''}-`;
}

/** Tells the benchmark's own containers (its pools', its naive judge's) from someone else's load. */
export function isOwnContainer(ctx: Pick<ServiceBenchContext, 'ownPools' | 'ownLabels'>): (labels: Record<string, string>) => boolean {
  return (labels) =>
    ctx.ownPools.some((prefix) => (labels['juez.pool'] ?? '').startsWith(prefix)) ||
    ctx.ownLabels.some((label) => {
      const [key = '', value] = label.split('=');
      return labels[key] === value;
    });
}

/** Runs a measurement while watching the machine's load, the benchmark's own containers not counted. */
export function watchServiceLoad<T>(ctx: ServiceBenchContext, measure: () => Promise<T>): Promise<{ result: T; load: LoadWindow }> {
  return watchLoad(ctx.docker, isOwnContainer(ctx), measure);
}
