/**
 * Grading over the test data tree, as the legacy Kattis format defines it: every group's grader (the
 * default one, or the package's own) gets its children's results as `VERDICT score` — test cases and
 * sub-groups interleaved in judging order — and its result feeds its parent; data/'s result is the
 * submission's verdict and score. Pure functions of the problem and the results, except for running a
 * custom grader, which the caller supplies.
 */
import type { GroupResult, TestCaseResult } from '../../common/judge-result.js';
import { parseGraderFlags } from '../../common/problem/grader-flags.js';
import type { ProblemPackage, TestGroup } from '../../common/problem/problem.js';
import type { Verdict } from '../../common/verdict.js';
import { gradeByDefault, type GraderResult } from './default-grader.js';
import { itemsOf } from './score-groups.js';

/** The parts of a problem that grading needs. */
export type GradedProblem = Pick<ProblemPackage, 'type' | 'grading' | 'sample' | 'secret'>;

export interface Grade {
  verdict: Verdict;
  score: number;
  maxScore: number;
  /** Scoring problems: every group that was graded, parents before children (data/ itself is not listed). */
  groups: GroupResult[];
  /** The package is at fault: a grade outside a group's `range`, or a custom grader that failed. */
  internalError?: { culprit: 'package'; message: string };
}

/** A custom grader's answer for one group: its result, or why it failed (for the IE message). */
export type CustomGrade = GraderResult | { failure: string };

/** Runs the package's grader on one group's children (see custom-grader.ts). */
export type RunCustomGrader = (group: TestGroup, children: readonly GraderResult[]) => Promise<CustomGrade>;

/** The name under which data/ itself is graded; never a group name (those start with sample or secret). */
const ROOT_GROUP = 'data';

const roots = new WeakMap<GradedProblem, TestGroup>();

/** data/ as a group: its settings, and sample and secret as its children. */
function rootOf(problem: GradedProblem): TestGroup {
  let root = roots.get(problem);
  if (root === undefined) {
    root = { name: ROOT_GROUP, ...problem.grading, tests: [], groups: [problem.sample, problem.secret] };
    roots.set(problem, root);
  }
  return root;
}

/** How one walk over the tree treats what it does not know. */
interface Walk {
  verdicts: ReadonlyMap<string, Verdict>;
  /** A test without a result: `unknown` (not judged yet: the walk cannot say) or `unjudged` (never will be). */
  missing: 'unknown' | 'unjudged';
  /** A custom-graded group's result, or undefined when it is not known (yet). */
  custom: (group: TestGroup, children: readonly GraderResult[]) => GraderResult | undefined;
  /** Each graded group's result, by name. */
  graded: Map<string, GraderResult>;
  /** Why the package is at fault, if it is. */
  problems: string[];
  /** Whether `range` holds: scores mean nothing in a pass-fail problem (problemtools unsets range there). */
  checkRange: boolean;
}

/**
 * One group's result, or undefined when it cannot be known from what `walk` knows. The children are its
 * items in judging order; with `on_reject: break` the first rejected child is the last one graded (a
 * dropped ignore_sample child does not break). Any IE child makes the group IE (problemtools: JE).
 */
function gradeGroup(group: TestGroup, walk: Walk): GraderResult | undefined {
  const flags = group.grading === 'default' ? parseGraderFlags(group.graderFlags) : undefined;
  const children: GraderResult[] = [];
  for (const [index, item] of itemsOf(group).entries()) {
    let child: GraderResult | undefined;
    if (item.test !== undefined) {
      const verdict = walk.verdicts.get(item.test.name);
      if (verdict === undefined && walk.missing === 'unknown') return undefined;
      // Only a judging that stopped early leaves a test unjudged without a break before it.
      child = verdict === undefined ? { verdict: 'IE', score: group.rejectScore } : testResult(group, verdict);
    } else {
      child = gradeGroup(item.group, walk);
      if (child === undefined) return undefined;
    }
    children.push(child);
    const ignored = index === 0 && flags?.ignoreSample === true;
    if (group.onReject === 'break' && child.verdict !== 'AC' && !ignored) break;
  }
  let result: GraderResult | undefined;
  if (children.some((child) => child.verdict === 'IE')) result = { verdict: 'IE', score: 0 };
  else result = flags === undefined ? walk.custom(group, children) : gradeByDefault(flags, children);
  if (result === undefined) return undefined;
  const { min, max } = group.range;
  if (walk.checkRange && result.verdict !== 'IE' && !(result.score >= min && result.score <= max)) {
    walk.problems.push(`group ${group.name} got score ${result.score}, outside its range ${min} ${max} (testdata.yaml)`);
    result = { verdict: 'IE', score: 0 };
  }
  walk.graded.set(group.name, result);
  return result;
}

/** A test case's result as its group's grader sees it: accept_score if AC, else reject_score. */
function testResult(group: TestGroup, verdict: Verdict): GraderResult {
  return { verdict, score: verdict === 'AC' ? group.acceptScore : group.rejectScore };
}

const maxima = new WeakMap<GradedProblem, Map<string, number>>();

/**
 * Each group's score when every test is AC, by name (ROOT_GROUP: the problem's maximum). A custom-graded
 * group cannot be run here: its maximum is its `range` maximum when finite, else the sum of its children's.
 */
function maxScoresOf(problem: GradedProblem): Map<string, number> {
  let scores = maxima.get(problem);
  if (scores === undefined) {
    const verdicts = new Map(allTests(rootOf(problem)).map((name) => [name, 'AC' as Verdict]));
    const walk: Walk = {
      verdicts,
      missing: 'unjudged',
      custom: (group, children) => {
        const sum = children.reduce((total, child) => total + child.score, 0);
        return { verdict: 'AC', score: Number.isFinite(group.range.max) ? group.range.max : sum };
      },
      graded: new Map(),
      problems: [],
      checkRange: false,
    };
    gradeGroup(rootOf(problem), walk);
    scores = new Map([...walk.graded].map(([name, result]) => [name, result.score]));
    maxima.set(problem, scores);
  }
  return scores;
}

function allTests(group: TestGroup): string[] {
  return [...group.tests.map((test) => test.name), ...group.groups.flatMap(allTests)];
}

/** The most a submission can score: 1 for a pass-fail problem, data/'s grade with every test AC otherwise. */
export function maxScoreOf(problem: GradedProblem): number {
  return problem.type === 'pass-fail' ? 1 : (maxScoresOf(problem).get(ROOT_GROUP) ?? 0);
}

/**
 * Grades a submission from its test results (matched by name): data/'s grade, computed as gradeGroup says;
 * a custom grader runs through `runCustomGrader` (each group once: its children first). A group outside its
 * range, or a failing custom grader, makes the grade IE, blaming the package.
 *
 * A pass-fail problem is graded over the same tree, as the format's tools do: with the default flags its
 * verdict is the first rejection in judging order, but a package may ask for another (worst_error,
 * ignore_sample, ...). Its score is 1 of 1 iff the verdict is AC; it lists no groups and has no ranges.
 */
export async function gradeSubmission(
  problem: GradedProblem,
  results: readonly TestCaseResult[],
  runCustomGrader?: RunCustomGrader,
): Promise<Grade> {
  const verdicts = new Map(results.map((r) => [r.name, r.verdict]));
  const answers = new Map<string, CustomGrade>();
  for (;;) {
    const pending = new Map<string, { group: TestGroup; children: readonly GraderResult[] }>();
    const failures: string[] = [];
    const custom = (group: TestGroup, children: readonly GraderResult[]): GraderResult | undefined => {
      const key = `${group.name}\n${children.map((c) => `${c.verdict} ${c.score}`).join('\n')}`;
      const answer = answers.get(key);
      if (answer === undefined) {
        pending.set(key, { group, children });
        return undefined;
      }
      if ('failure' in answer) {
        failures.push(answer.failure);
        return { verdict: 'IE', score: 0 };
      }
      return answer;
    };
    const walk: Walk = { verdicts, missing: 'unjudged', custom, graded: new Map(), problems: failures, checkRange: problem.type === 'scoring' };
    const root = gradeGroup(rootOf(problem), walk);
    if (root !== undefined) return gradeOf(problem, root, walk);
    if (runCustomGrader === undefined) throw new TypeError(`${[...pending.values()][0]?.group.name ?? 'a group'} needs a custom grader`);
    // The groups that could not be graded yet have all their children graded: run their graders.
    await Promise.all(
      [...pending].map(async ([key, request]) => answers.set(key, await runCustomGrader(request.group, request.children))),
    );
  }
}

function gradeOf(problem: GradedProblem, root: GraderResult, walk: Walk): Grade {
  if (problem.type === 'pass-fail') {
    const grade: Grade = { verdict: root.verdict, score: root.verdict === 'AC' ? 1 : 0, maxScore: 1, groups: [] };
    return withPackageProblem(grade, walk);
  }
  const maxScores = maxScoresOf(problem);
  const groups: GroupResult[] = [];
  const list = (group: TestGroup): void => {
    const result = walk.graded.get(group.name);
    if (result === undefined || allTests(group).length === 0) return;
    groups.push({ group: group.name, verdict: result.verdict, score: result.score, maxScore: maxScores.get(group.name) ?? 0 });
    for (const sub of group.groups) list(sub);
  };
  list(problem.sample);
  list(problem.secret);
  return withPackageProblem({ verdict: root.verdict, score: root.score, maxScore: maxScoreOf(problem), groups }, walk);
}

/** The grade, or IE blaming the package when grading found it at fault. */
function withPackageProblem(grade: Grade, walk: Walk): Grade {
  const [problemFound] = walk.problems;
  if (problemFound !== undefined) {
    grade.verdict = 'IE';
    grade.score = 0;
    grade.internalError = { culprit: 'package', message: problemFound };
  }
  return grade;
}

/**
 * Whether `test` is no longer wanted given the verdicts so far: some group on its path
 * has `on_reject: break` and an earlier child that is known to be rejected, so the format's grader never
 * sees the test. Conservative where nothing is known yet: a test still in flight, or a custom-graded group
 * (whose grader runs only at the end), never cuts — running a test the grade then ignores is harmless.
 */
export function isCutOff(problem: GradedProblem, test: { name: string; group: string }, verdicts: ReadonlyMap<string, Verdict>): boolean {
  const walk: Walk = { verdicts, missing: 'unknown', custom: () => undefined, graded: new Map(), problems: [], checkRange: false };
  let group: TestGroup | undefined = rootOf(problem);
  while (group !== undefined) {
    const flags = group.grading === 'default' ? parseGraderFlags(group.graderFlags) : undefined;
    let next: TestGroup | undefined;
    for (const [index, item] of itemsOf(group).entries()) {
      if (item.test?.name === test.name) return false;
      if (item.group !== undefined && (test.group === item.group.name || test.group.startsWith(`${item.group.name}/`))) {
        next = item.group;
        break;
      }
      if (group.onReject !== 'break' || (index === 0 && flags?.ignoreSample === true)) continue;
      const verdict = item.test !== undefined ? walk.verdicts.get(item.test.name) : item.group && gradeGroup(item.group, walk)?.verdict;
      if (verdict !== undefined && verdict !== 'AC') return true;
    }
    group = next;
  }
  return false;
}
