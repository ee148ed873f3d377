/**
 * What the throughput benchmarks share — jobsPerSecond through the service (service-jobs-per-second.ts) and
 * the engine alone (engine-jobs-per-second.ts): the languages, the goals, the sizes, and the
 * baseline both are compared with, the naive judge (one `docker run --rm` per submission) at the same
 * concurrency.
 */
import type { Submission } from '../../executor/judging/check-submission.js';
import type { LanguageFamily } from '../../common/language.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { summarize, type Distribution } from './bench-stats.js';
import { runConcurrently } from './engine-bench-context.js';
import type { NaiveDockerJudge } from './naive-docker-judge.js';

export type ThroughputLanguage = 'c' | 'python' | 'java';

/**
 * The throughput goals (issue 11) on a 2-core machine, by family (common/language.ts's LanguageFamily):
 * jobsPerSecond holds C, Python and Java to them, the languages benchmark every language.
 */
export const LANGUAGE_GOALS: Record<LanguageFamily, number> = { interpreted: 20, compiled: 9, 'jvm-mono-ghc': 1.5 };

export interface JobsPerSecondOptions {
  /** Measured jobs per language (after a warm-up of one job per slot in flight). */
  jobs: Record<ThroughputLanguage, number>;
  /** The goals, jobs/s. */
  goals: Record<ThroughputLanguage, number>;
  /** Jobs of the naive baseline per language (a few seconds each). */
  naiveJobs: number;
  languages: readonly ThroughputLanguage[];
}

export const JOBS_PER_SECOND_DEFAULTS: JobsPerSecondOptions = {
  jobs: { c: 60, python: 120, java: 16 },
  goals: { c: LANGUAGE_GOALS.compiled, python: LANGUAGE_GOALS.interpreted, java: LANGUAGE_GOALS['jvm-mono-ghc'] },
  naiveJobs: 10,
  languages: ['c', 'python', 'java'],
};

/**
 * Submissions in flight per sandbox container. Two keep every container busy: while one job is judged,
 * the next is already waiting for it, so that the pool never waits for a client.
 */
export const IN_FLIGHT_PER_CONTAINER = 2;

/** `jobs` submissions judged `concurrency` at a time: how fast, and how long each took. */
export interface Throughput {
  jobs: number;
  concurrency: number;
  /** First job started → last job judged, ms. */
  wallMs: number;
  jobsPerSecond: number;
  /** Each job's own time, submitted → judged. */
  latencyMs: Distribution;
  /** Jobs not accepted, described (the figure is invalid when there is any). */
  wrong: string[];
}

/** The naive baseline: `jobs` submissions, each in its own `docker run --rm`, `concurrency` at a time. */
export async function measureNaiveThroughput(
  naive: NaiveDockerJudge,
  problem: ProblemPackage,
  submission: Submission,
  jobs: number,
  concurrency: number,
): Promise<Throughput> {
  const latencies: number[] = [];
  const wrong: string[] = [];
  const wallMs = await runConcurrently(jobs, concurrency, async () => {
    const judged = await naive.judge(problem, submission);
    latencies.push(judged.ms);
    if (!judged.accepted) wrong.push(`naive: ${judged.why ?? 'not accepted'}`);
  });
  return { jobs, concurrency, wallMs, jobsPerSecond: jobs / (wallMs / 1000), latencyMs: summarize(latencies), wrong };
}
