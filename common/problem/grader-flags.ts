/**
 * The default grader's flags (testdata.yaml `grader_flags`), as the legacy Kattis format defines them.
 * Shared by the package reader (which warns about unknown flags) and the grader (executor/judging/default-grader.ts).
 */

/** How the default grader turns its children's verdicts into the group's. */
export type VerdictMode = 'first_error' | 'worst_error' | 'always_accept';

/** How it turns their scores into the group's. */
export type ScoreMode = 'sum' | 'avg' | 'min' | 'max';

export interface GraderFlags {
  verdictMode: VerdictMode;
  scoreMode: ScoreMode;
  /** The first child (data/sample, at the root) is left out: the grade is the rest's (the secret group's). */
  ignoreSample: boolean;
  /** AC when any child is AC, else as verdictMode says. */
  acceptIfAnyAccepted: boolean;
}

/**
 * The verdict mode when `grader_flags` names none. The issue (10) and juez's earlier behaviour say
 * `first_error`; the legacy specification's table may name `worst_error` as its default instead — the two
 * differ only in a group with `on_reject: continue` holding two different rejections. One constant to change.
 */
const DEFAULT_VERDICT_MODE: VerdictMode = 'first_error';

export const DEFAULT_GRADER_FLAGS: Readonly<GraderFlags> = Object.freeze({
  verdictMode: DEFAULT_VERDICT_MODE,
  scoreMode: 'sum',
  ignoreSample: false,
  acceptIfAnyAccepted: false,
});

const VERDICT_MODES: readonly string[] = ['first_error', 'worst_error', 'always_accept'];
export const SCORE_MODES: readonly string[] = ['sum', 'avg', 'min', 'max'];

/** Every flag the default grader knows, for messages. */
export const KNOWN_GRADER_FLAGS: readonly string[] = [...VERDICT_MODES, ...SCORE_MODES, 'ignore_sample', 'accept_if_any_accepted'];

/**
 * Parses default grader flags. Of conflicting modes the last one given wins, as the format says; an
 * unknown flag is listed in `unknown` and otherwise ignored (the format's grader ignores it too).
 */
export function parseGraderFlags(flags: readonly string[]): GraderFlags & { unknown: string[] } {
  const result = { ...DEFAULT_GRADER_FLAGS, unknown: [] as string[] };
  for (const flag of flags) {
    if (VERDICT_MODES.includes(flag)) result.verdictMode = flag as VerdictMode;
    else if (SCORE_MODES.includes(flag)) result.scoreMode = flag as ScoreMode;
    else if (flag === 'ignore_sample') result.ignoreSample = true;
    else if (flag === 'accept_if_any_accepted') result.acceptIfAnyAccepted = true;
    else result.unknown.push(flag);
  }
  return result;
}
