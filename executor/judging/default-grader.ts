/**
 * The format's default grader (legacy Kattis specification, "Default Grader Specification"): a pure
 * function from a group's child results (its test cases and sub-groups, in judging order) to the group's.
 */
import type { GraderFlags } from '../../common/problem/grader-flags.js';
import type { Verdict } from '../../common/verdict.js';

/** What a grader reads for each child, and what it gives for the group: `VERDICT score`. */
export interface GraderResult {
  verdict: Verdict;
  score: number;
}

/**
 * `worst_error`'s order, worst first: the specification's "JE, IF, RTE, MLE, TLE, OLE, WA" in juez's codes
 * (JE is IE, RTE is RE; IF, an input format error, is not a verdict of a submission). A verdict missing
 * here (CE, which no child can have) ranks after them all.
 */
export const WORST_FIRST: readonly Verdict[] = ['IE', 'RE', 'MLE', 'TLE', 'OLE', 'WA'];

/**
 * Grades one group:
 * - `ignore_sample`: the first child (data/sample, at the root) is dropped; the others are graded.
 * - No child (left): AC with score 0, as problemtools does when a grader gets no input.
 * - Verdict: `accept_if_any_accepted` makes it AC when any child is AC; otherwise `first_error` is the first
 *   non-AC child's verdict, `worst_error` the worst of them (WORST_FIRST), `always_accept` AC — each AC when
 *   every child is AC.
 * - Score: `sum`, `avg` (sum / number of children), `min` or `max` of the children's scores, whatever the verdict.
 */
export function gradeByDefault(flags: GraderFlags, results: readonly GraderResult[]): GraderResult {
  const children = flags.ignoreSample ? results.slice(1) : results;
  if (children.length === 0) return { verdict: 'AC', score: 0 };
  return { verdict: aggregateVerdicts(flags, children), score: aggregateScores(flags, children) };
}

function aggregateVerdicts(flags: GraderFlags, children: readonly GraderResult[]): Verdict {
  if (flags.acceptIfAnyAccepted && children.some((child) => child.verdict === 'AC')) return 'AC';
  const rejected = children.filter((child) => child.verdict !== 'AC').map((child) => child.verdict);
  if (rejected.length === 0 || flags.verdictMode === 'always_accept') return 'AC';
  if (flags.verdictMode === 'first_error') return rejected[0] as Verdict;
  const rank = (verdict: Verdict): number => {
    const at = WORST_FIRST.indexOf(verdict);
    return at < 0 ? WORST_FIRST.length : at;
  };
  return rejected.reduce((worst, verdict) => (rank(verdict) < rank(worst) ? verdict : worst));
}

function aggregateScores(flags: GraderFlags, children: readonly GraderResult[]): number {
  const scores = children.map((child) => child.score);
  switch (flags.scoreMode) {
    case 'sum':
      return scores.reduce((sum, score) => sum + score, 0);
    case 'avg':
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    case 'min':
      return Math.min(...scores);
    case 'max':
      return Math.max(...scores);
  }
}
