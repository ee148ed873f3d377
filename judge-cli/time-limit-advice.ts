import type { ProblemLimits } from '../common/problem/problem.js';
import { computeTimeLimit } from '../common/problem/time-limit.js';
import type { Verdict } from '../common/verdict.js';

/** What verify knows of a judged reference submission, as far as time limits go. */
export interface AcceptedRun {
  verdict: Verdict;
  expected?: readonly Verdict[];
  /** CPU time of its slowest test case, ms. */
  slowestTestMs: number;
}

/**
 * A package that gives no time limit gets one from problemtools, derived from its slowest accepted
 * submission (common/problem/time-limit.ts); juez judges it with the default instead, so say what the
 * format would set, for the author to write into problem.yaml.
 */
export function adviseTimeLimit(limits: ProblemLimits, outcomes: readonly AcceptedRun[]): string | undefined {
  if (limits.timeSource !== 'default') return undefined;
  const accepted = outcomes.filter((o) => o.verdict === 'AC' && o.expected?.length === 1 && o.expected[0] === 'AC');
  if (accepted.length === 0) return undefined;
  const slowest = Math.max(...accepted.map((o) => o.slowestTestMs));
  const derived = computeTimeLimit(limits.timeMultipliers, slowest);
  if (derived.timeMs === limits.timeMs) return undefined;
  return `problem.yaml: gives no time limit; juez uses ${limits.timeMs / 1000} s, the format would derive ` +
    `${derived.timeMs / 1000} s from the slowest accepted test (${slowest} ms × ${limits.timeMultipliers.acToTimeLimit}): ` +
    'set limits.time_limit to be sure';
}
