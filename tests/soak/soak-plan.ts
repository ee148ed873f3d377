/**
 * What the soak submits, decided before it starts: how many times each reference submission is sent, by
 * which kind of client, for which student, in which (seeded, reproducible) order, and how long that should
 * take on the pool.
 *
 * Within one expected verdict, references are drawn in inverse proportion to their calibrated cost, so that
 * each of them gets about the same container time: a Rust compile (seconds) appears a few times, a Python
 * script (tens of ms) hundreds of times, and every language still takes part. That is what keeps 5,000
 * submissions within minutes on two cores while the mix of verdicts stays the one asked for.
 */
import type { Verdict } from '../../common/verdict.js';
import { SeededRandom } from '../fuzz/seeded-random.js';
import type { SoakReference } from './reference-catalog.js';

/** How a submission reaches juez and how its verdict comes back. */
export type ClientKind =
  /** A student's POST with `?wait=`, then polling if the verdict is not ready in time (a simple course site). */
  | 'student-wait'
  /** A student's POST, then the Server-Sent Events stream until `final` (the demo course site). */
  | 'student-events'
  /** An LMS: service token, `userId`, `externalId` and `callbackUrl`; the verdict arrives as a webhook. */
  | 'lms';

export const CLIENT_KINDS: readonly ClientKind[] = ['student-wait', 'student-events', 'lms'];

export interface PlannedSubmission {
  /** Position in the run (0-based), also what makes an LMS externalId unique. */
  index: number;
  reference: SoakReference;
  client: ClientKind;
  /** The student it belongs to: the submitter for students, `userId` for the LMS. */
  userId: string;
  /** LMS only: the request is sent twice, as an LMS retrying after a timeout does; both answers must name one submission. */
  retry: boolean;
}

export interface SoakMix {
  /** Share of each expected verdict; verdicts without references are left out and the rest normalised. */
  verdictShares: Partial<Record<Verdict, number>>;
  clientShares: Record<ClientKind, number>;
  /** Share of LMS submissions whose request is sent twice. */
  lmsRetryShare: number;
  /** Students the submissions are spread over (student-1 … student-N). */
  students: number;
}

/**
 * Mostly accepted and wrong answers, as in a course; every other verdict a few percent. TLEs cost up to
 * the wall-clock limit (3 s with a 1 s limit) each, so they stay at 2 %.
 */
export const DEFAULT_MIX: SoakMix = {
  verdictShares: { AC: 0.5, WA: 0.24, RE: 0.08, CE: 0.07, MLE: 0.05, OLE: 0.04, TLE: 0.02 },
  clientShares: { 'student-wait': 0.4, 'student-events': 0.4, lms: 0.2 },
  lmsRetryShare: 0.1,
  students: 12,
};

export interface SoakPlan {
  submissions: PlannedSubmission[];
  /** How many of each, by reference name, expected verdict, language and client. */
  perReference: Record<string, number>;
  perVerdict: Record<string, number>;
  perLanguage: Record<string, number>;
  perClient: Record<string, number>;
  /** Container time the plan needs (sum of calibrated costs), s, and that spread over the pool, s. */
  containerSeconds: number;
  expectedSeconds: number;
}

/** Costs below this are measurement noise; it also bounds how much a very cheap reference is favoured. */
const COST_FLOOR_MS = 20;

/** Splits `total` into integers proportional to `weights` (largest remainder): they add up to `total` exactly. */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (weight / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder);
  for (let left = total - counts.reduce((a, b) => a + b, 0), k = 0; left > 0; left--, k++) {
    const { index } = order[k % order.length]!;
    counts[index]! += 1;
  }
  return counts;
}

function tally(submissions: readonly PlannedSubmission[], key: (s: PlannedSubmission) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const submission of submissions) counts[key(submission)] = (counts[key(submission)] ?? 0) + 1;
  return counts;
}

function describe(submissions: PlannedSubmission[], costsMs: ReadonlyMap<string, number>, poolSize: number): SoakPlan {
  const containerSeconds = submissions.reduce((sum, s) => sum + (costsMs.get(s.reference.name) ?? 0), 0) / 1000;
  return {
    submissions,
    perReference: tally(submissions, (s) => s.reference.name),
    perVerdict: tally(submissions, (s) => s.reference.expected),
    perLanguage: tally(submissions, (s) => s.reference.languageId),
    perClient: tally(submissions, (s) => s.client),
    containerSeconds,
    expectedSeconds: containerSeconds / poolSize,
  };
}

/** Client, student and retry for the submission at `index`, drawn from the mix. */
function assignClient(random: SeededRandom, mix: SoakMix, index: number, reference: SoakReference): PlannedSubmission {
  const client = random.weighted(CLIENT_KINDS.map((kind) => [mix.clientShares[kind], kind] as const));
  return {
    index,
    reference,
    client,
    userId: `student-${random.between(1, mix.students)}`,
    retry: client === 'lms' && random.chance(mix.lmsRetryShare),
  };
}

/**
 * The calibration round: every reference once (and again from the start while students are left), the
 * clients taken in turn and the students one after the other, so that every path and every student's
 * index key exists before the soak's "before" figures.
 */
export function planCalibration(references: readonly SoakReference[], mix: SoakMix): PlannedSubmission[] {
  return Array.from({ length: Math.max(references.length, mix.students) }, (_, index) => ({
    index,
    reference: references[index % references.length]!,
    client: CLIENT_KINDS[index % CLIENT_KINDS.length]!,
    userId: `student-${(index % mix.students) + 1}`,
    retry: CLIENT_KINDS[index % CLIENT_KINDS.length] === 'lms',
  }));
}

/**
 * `count` submissions in a seeded random order, with `costsMs` (calibrated container time per reference
 * name) deciding how the share of each verdict is divided among its references.
 */
export function planSoak(
  references: readonly SoakReference[],
  costsMs: ReadonlyMap<string, number>,
  options: { count: number; mix: SoakMix; seed: number; poolSize: number; firstIndex?: number },
): SoakPlan {
  const { count, mix, seed, poolSize } = options;
  const verdicts = [...new Set(references.map((reference) => reference.expected))];
  const weights = references.map((reference) => {
    const share = mix.verdictShares[reference.expected] ?? 0;
    const siblings = references.filter((other) => other.expected === reference.expected);
    const inverseCost = (r: SoakReference): number => 1 / Math.max(COST_FLOOR_MS, costsMs.get(r.name) ?? COST_FLOOR_MS);
    return (share * inverseCost(reference)) / siblings.reduce((sum, other) => sum + inverseCost(other), 0);
  });
  if (verdicts.every((verdict) => (mix.verdictShares[verdict] ?? 0) <= 0)) throw new Error('the mix gives no share to any verdict the references have');
  const counts = apportion(weights, count);
  const random = new SeededRandom(seed);
  const drawn = references.flatMap((reference, i) => Array.from({ length: counts[i] ?? 0 }, () => reference));
  // Fisher–Yates with the seeded generator: one seed, one order.
  for (let i = drawn.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [drawn[i], drawn[j]] = [drawn[j]!, drawn[i]!];
  }
  const first = options.firstIndex ?? 0;
  return describe(
    drawn.map((reference, i) => assignClient(random, mix, first + i, reference)),
    costsMs,
    poolSize,
  );
}
