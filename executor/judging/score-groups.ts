/**
 * Scoring over the test group tree, and the judging order it implies. Pure functions of the problem and
 * the results so far, so that the queue executor and judge-cli score alike.
 */
import type { GroupResult, TestCaseResult } from '../../common/judge-result.js';
import type { Verdict } from '../../common/verdict.js';
import { compareNaturally } from '../../common/problem/natural-order.js';
import type { ProblemPackage, TestCase, TestGroup } from '../../common/problem/problem.js';

/** The parts of a problem that scoring needs. */
export type ScoredProblem = Pick<ProblemPackage, 'type' | 'sample' | 'secret'>;

export interface ScoreSummary {
  score: number;
  maxScore: number;
  /** Scoring problems: every group that holds tests (in its subtree), parents before children. */
  groups: GroupResult[];
}

/**
 * Every test case in judging order: samples first, then secret; inside a group its test cases and
 * sub-groups interleave in natural name order (Kattis runs a folder's items sorted together), a
 * sub-group's tests all before the next item.
 */
export function testOrder(problem: Pick<ProblemPackage, 'sample' | 'secret'>): TestCase[] {
  return [...testsOf(problem.sample), ...testsOf(problem.secret)];
}

/** One group's test cases, sub-groups included, in judging order. */
function testsOf(group: TestGroup, out: TestCase[] = []): TestCase[] {
  const items = [
    ...group.tests.map((test) => ({ key: lastSegment(test.name), test, group: undefined })),
    ...group.groups.map((sub) => ({ key: lastSegment(sub.name), test: undefined, group: sub })),
  ];
  // Stable sort: on equal keys a test (listed first) runs before a group.
  items.sort((x, y) => compareNaturally(x.key, y.key));
  for (const item of items) {
    if (item.test !== undefined) out.push(item.test);
    else if (item.group !== undefined) testsOf(item.group, out);
  }
  return out;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** What to do after a test case failed. `skip-group`: skip the remaining tests of `group` only. */
export type FailureAction = { action: 'continue' } | { action: 'stop' } | { action: 'skip-group'; group: string };

/**
 * Should judging stop after `failed` got a verdict other than AC?
 *
 * - `stopOnFirstFailure` false (judge-cli's "run everything"): never, every test is judged.
 * - Otherwise the failed test's group decides by its `onReject`: `continue` judges on. With `break`, a
 *   pass-fail problem stops (its verdict is the first failure, nothing can change it); a scoring
 *   problem skips the rest of that group only: the group has lost its accept score, but other groups
 *   can still earn theirs.
 */
export function actionAfterFailure(
  problem: ScoredProblem,
  failed: TestCase,
  options: { stopOnFirstFailure: boolean },
): FailureAction {
  if (!options.stopOnFirstFailure) return { action: 'continue' };
  const group = findGroup(problem, failed.group);
  if (group === undefined || group.onReject === 'continue') return { action: 'continue' };
  return problem.type === 'pass-fail' ? { action: 'stop' } : { action: 'skip-group', group: group.name };
}

function findGroup(problem: ScoredProblem, name: string): TestGroup | undefined {
  const search = (group: TestGroup): TestGroup | undefined =>
    group.name === name ? group : group.groups.map(search).find((found) => found !== undefined);
  return search(problem.sample) ?? search(problem.secret);
}

/**
 * Scores a submission from its test results (matched by test name).
 *
 * Pass-fail: score 1 of maxScore 1 iff every test case is AC; no groups.
 * Scoring (Kattis `grading: sum`): a group that holds test cases directly earns its `acceptScore` if
 * all of them are AC, else its `rejectScore`; a group's score adds its sub-groups' scores to that; the
 * total is sample + secret. maxScore sums the accept scores the same way.
 * A test without a result (skipped after a failure) is not AC. A group's verdict is its first non-AC
 * verdict in test order; a group whose judged tests all passed but that has unjudged ones is IE, since
 * only an aborted judging leaves tests unjudged without a failure.
 */
export function scoreGroups(problem: ScoredProblem, results: readonly TestCaseResult[]): ScoreSummary {
  const verdicts = new Map(results.map((r) => [r.name, r.verdict]));
  if (problem.type === 'pass-fail') {
    const allAccepted = testOrder(problem).every((test) => verdicts.get(test.name) === 'AC');
    return { score: allAccepted ? 1 : 0, maxScore: 1, groups: [] };
  }
  const groups: GroupResult[] = [];
  const sample = scoreGroup(problem.sample, verdicts, groups);
  const secret = scoreGroup(problem.secret, verdicts, groups);
  return { score: sample.score + secret.score, maxScore: sample.maxScore + secret.maxScore, groups };
}

interface GroupScore {
  score: number;
  maxScore: number;
}

function scoreGroup(group: TestGroup, verdicts: ReadonlyMap<string, Verdict>, out: GroupResult[]): GroupScore {
  const index = out.length;
  const own = group.tests.map((test) => verdicts.get(test.name));
  let score = 0;
  let maxScore = 0;
  if (own.length > 0) {
    score += own.every((v) => v === 'AC') ? group.acceptScore : group.rejectScore;
    maxScore += group.acceptScore;
  }
  const children = group.groups.map((sub) => scoreGroup(sub, verdicts, out));
  for (const child of children) {
    score += child.score;
    maxScore += child.maxScore;
  }
  // In judging order, so that the group's verdict is its first failure as judged.
  const all = testsOf(group).map((test) => verdicts.get(test.name));
  // Inserted at the group's own position: parents before the children pushed meanwhile.
  if (all.length > 0) out.splice(index, 0, { group: group.name, verdict: groupVerdict(all), score, maxScore });
  return { score, maxScore };
}

function groupVerdict(verdicts: readonly (Verdict | undefined)[]): Verdict {
  const failure = verdicts.find((v) => v !== undefined && v !== 'AC');
  if (failure !== undefined) return failure;
  return verdicts.every((v) => v === 'AC') ? 'AC' : 'IE';
}
