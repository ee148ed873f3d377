/** What the submissions of one phase came to: verdicts against the expected ones, problems, response times. */
import { round, summarize } from '../bench/bench-stats.js';
import type { ProblemKind, SubmissionOutcome } from './soak-client.js';

export interface OutcomeSummary {
  submissions: number;
  /** Final with the expected verdict. */
  ok: number;
  problems: Record<ProblemKind, number>;
  /** The first problems, for people to start from. */
  examples: { index: number; reference: string; client: string; id?: string; kind: ProblemKind; detail: string }[];
  /** Final verdicts read back, and the ones expected. */
  verdicts: Record<string, number>;
  expected: Record<string, number>;
  /** POST → verdict read, ms. */
  responseMs: { p50: number; p99: number; max: number };
}

const EXAMPLES = 20;

export function summarizeOutcomes(outcomes: readonly SubmissionOutcome[]): OutcomeSummary {
  const problems: Record<ProblemKind, number> = { 'wrong-verdict': 0, rejected: 0, stuck: 0, error: 0 };
  const verdicts: Record<string, number> = {};
  const expected: Record<string, number> = {};
  const examples: OutcomeSummary['examples'] = [];
  for (const outcome of outcomes) {
    expected[outcome.expected] = (expected[outcome.expected] ?? 0) + 1;
    if (outcome.verdict !== undefined) verdicts[outcome.verdict] = (verdicts[outcome.verdict] ?? 0) + 1;
    if (outcome.problem === undefined) continue;
    problems[outcome.problem.kind] += 1;
    if (examples.length < EXAMPLES) {
      examples.push({
        index: outcome.index,
        reference: outcome.reference,
        client: outcome.client,
        ...(outcome.id !== undefined && { id: outcome.id }),
        kind: outcome.problem.kind,
        detail: outcome.problem.detail,
      });
    }
  }
  const times = summarize(outcomes.map((outcome) => outcome.responseMs).filter(Number.isFinite));
  return {
    submissions: outcomes.length,
    ok: outcomes.filter((outcome) => outcome.problem === undefined).length,
    problems,
    examples,
    verdicts,
    expected,
    responseMs: { p50: round(times.median, 0), p99: round(times.p99, 0), max: round(times.max, 0) },
  };
}

/** Calibrated cost per reference name: the median executor time of its submissions, ms. */
export function costsByReference(outcomes: readonly SubmissionOutcome[]): Map<string, number> {
  const samples = new Map<string, number[]>();
  for (const outcome of outcomes) {
    const ms = outcome.serviceMs ?? outcome.responseMs;
    if (!Number.isFinite(ms)) continue;
    samples.set(outcome.reference, [...(samples.get(outcome.reference) ?? []), ms]);
  }
  return new Map([...samples].map(([name, values]) => [name, summarize(values).median]));
}
