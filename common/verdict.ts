/**
 * Verdict codes shared by every part of juez. This folder imports nothing outside itself.
 */

/** Every verdict a judged submission or test case can get. */
export const VERDICTS = ['AC', 'WA', 'TLE', 'MLE', 'RE', 'CE', 'OLE', 'IE'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Human-readable names, for tables and web pages. */
export const VERDICT_NAMES: Record<Verdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  RE: 'Run-Time Error',
  CE: 'Compile Error',
  OLE: 'Output Limit Exceeded',
  IE: 'Internal Error',
};

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}

/** Who is to blame for an internal error. Never the student: an IE is always the judge's problem. */
export type InternalErrorCulprit = 'sandbox' | 'validator' | 'image' | 'package' | 'executor';
