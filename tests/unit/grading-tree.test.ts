/**
 * Grading over the test data tree (legacy format): on_reject, accept/reject scores, range, nested groups
 * feeding their parents, ignore_sample and the other flags in a tree, custom graders, and which tests the
 * runner may skip (isCutOff).
 */
import { describe, expect, it, vi } from 'vitest';
import type { TestCaseResult } from '../../common/judge-result.js';
import type { GroupGrading, TestCase, TestGroup } from '../../common/problem/problem.js';
import { DEFAULT_GROUP_GRADING } from '../../common/problem/read-group-grading.js';
import type { Verdict } from '../../common/verdict.js';
import { gradeSubmission, isCutOff, maxScoreOf, type GradedProblem, type RunCustomGrader } from '../../executor/judging/grade-groups.js';
import { testOrder } from '../../executor/judging/score-groups.js';

type Settings = Partial<GroupGrading>;

/** A group: test bases and sub-groups (built with `sub`), each with its settings (inheritance is the reader's job). */
function group(name: string, bases: string[], settings: Settings = {}, groups: TestGroup[] = []): TestGroup {
  const tests: TestCase[] = bases.map((base) => ({
    name: `${name}/${base}`,
    group: name,
    inputFile: `/p/data/${name}/${base}.in`,
    answerFile: `/p/data/${name}/${base}.ans`,
    isSample: name.startsWith('sample'),
  }));
  return { name, ...DEFAULT_GROUP_GRADING, ...settings, tests, groups };
}

function problem(secret: TestGroup, root: Settings = {}, sample: TestGroup = group('sample', ['1'], { acceptScore: 0 })): GradedProblem {
  return { type: 'scoring', grading: { ...DEFAULT_GROUP_GRADING, ...root }, sample, secret };
}

/** Results for every test of `p`: AC unless `verdicts` says otherwise; `omit` leaves tests unjudged. */
function results(p: GradedProblem, verdicts: Record<string, Verdict> = {}, omit: string[] = []): TestCaseResult[] {
  return testOrder(p)
    .filter((t) => !omit.includes(t.name))
    .map((t) => ({ name: t.name, group: t.group, verdict: verdicts[t.name] ?? 'AC', cpuMs: 1, wallMs: 1, memoryKb: 1 }));
}

const cut = (p: GradedProblem, name: string, verdicts: Record<string, Verdict>): boolean =>
  isCutOff(p, testOrder(p).find((t) => t.name === name) as TestCase, new Map(Object.entries(verdicts)));

const groupOf = async (p: GradedProblem, verdicts: Record<string, Verdict>, name: string) =>
  (await gradeSubmission(p, results(p, verdicts))).groups.find((g) => g.group === name);

describe('on_reject, accept_score and reject_score', () => {
  const secret = (settings: Settings): GradedProblem => problem(group('secret', ['1', '2', '3'], { acceptScore: 10, ...settings }));
  const mixed = { 'secret/2': 'WA' } as const;

  it('break: the grader gets the children up to the first rejection', async () => {
    expect(await gradeSubmission(secret({}), results(secret({}), mixed))).toMatchObject({ verdict: 'WA', score: 10, maxScore: 30 });
  });

  it('continue: the grader gets every child', async () => {
    const p = secret({ onReject: 'continue' });
    expect(await gradeSubmission(p, results(p, mixed))).toMatchObject({ verdict: 'WA', score: 20, maxScore: 30 });
  });

  it('a test case scores accept_score if AC, else reject_score', async () => {
    const p = secret({ onReject: 'continue', acceptScore: 3, rejectScore: -1 });
    expect(await gradeSubmission(p, results(p, mixed))).toMatchObject({ verdict: 'WA', score: 5, maxScore: 9 });
  });

  it('break cuts the group off after a rejection; continue does not; an unknown (in flight) test cuts nothing', () => {
    expect(cut(secret({}), 'secret/3', { 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(true);
    expect(cut(secret({}), 'secret/2', { 'secret/1': 'AC' })).toBe(false);
    expect(cut(secret({ onReject: 'continue' }), 'secret/3', { 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(false);
    expect(cut(secret({}), 'secret/3', {})).toBe(false);
  });

  it('pass-fail problems are cut off the same way (the format grades them over the tree too)', () => {
    const p: GradedProblem = { ...secret({}), type: 'pass-fail' };
    expect(cut(p, 'secret/3', { 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(true);
  });

});

describe('data/sample and the root', () => {
  const secret = group('secret', ['1'], { acceptScore: 50 });

  it('samples earn accept_score like any group unless their testdata.yaml says otherwise', async () => {
    const p = problem(secret, {}, group('sample', ['1', '2']));
    expect(await gradeSubmission(p, results(p))).toMatchObject({ verdict: 'AC', score: 52, maxScore: 52 });
  });

  it('with the default break, a rejected sample stops data/ before secret', async () => {
    const p = problem(secret);
    expect(await gradeSubmission(p, results(p, { 'sample/1': 'WA' }))).toMatchObject({ verdict: 'WA', score: 0 });
    expect(cut(p, 'secret/1', { 'sample/1': 'WA' })).toBe(true);
  });

  it('with continue, secret still earns its points; the verdict is the sample failure (first_error)', async () => {
    const p = problem(secret, { onReject: 'continue' });
    expect(await gradeSubmission(p, results(p, { 'sample/1': 'WA' }))).toMatchObject({ verdict: 'WA', score: 50 });
  });

  it('ignore_sample: the grade is secret\'s, verdict and score, and a failed sample cuts nothing', async () => {
    const p = problem(secret, { graderFlags: ['ignore_sample'] }, group('sample', ['1', '2']));
    expect(await gradeSubmission(p, results(p, { 'sample/1': 'WA' }))).toMatchObject({ verdict: 'AC', score: 50, maxScore: 50 });
    expect(await gradeSubmission(p, results(p, { 'secret/1': 'TLE' }))).toMatchObject({ verdict: 'TLE', score: 0 });
    expect(cut(p, 'secret/1', { 'sample/1': 'WA' })).toBe(false);
  });
});

describe('nested groups: each group\'s result feeds its parent', () => {
  // secret (sum, continue): 0 (a test), g1 (min: 30 iff all pass), g2 (sum, break): g2/a (min, 20), g2/b (max, 50),
  // and g2/b/deep (min, 40) inside g2/b: three levels below secret.
  const tree = (): GradedProblem =>
    problem(
      group('secret', ['0'], { acceptScore: 0, onReject: 'continue' }, [
        group('secret/g1', ['1', '2', '3'], { acceptScore: 30, graderFlags: ['min'] }),
        group('secret/g2', [], {}, [
          group('secret/g2/a', ['1', '2'], { acceptScore: 20, graderFlags: ['min'] }),
          group('secret/g2/b', ['1'], { acceptScore: 50, graderFlags: ['max'], onReject: 'continue' }, [
            group('secret/g2/b/deep', ['1', '2'], { acceptScore: 40, graderFlags: ['min'] }),
          ]),
        ]),
      ]),
      { onReject: 'continue' },
    );

  it('all accepted: 30 + (20 + max(50, 40)) = 100', async () => {
    const grade = await gradeSubmission(tree(), results(tree()));
    expect(grade).toMatchObject({ verdict: 'AC', score: 100, maxScore: 100 });
    expect(grade.groups.map((g) => `${g.group} ${g.verdict} ${g.score}/${g.maxScore}`)).toEqual([
      'sample AC 0/0',
      'secret AC 100/100',
      'secret/g1 AC 30/30',
      'secret/g2 AC 70/70',
      'secret/g2/a AC 20/20',
      'secret/g2/b AC 50/50',
      'secret/g2/b/deep AC 40/40',
    ]);
  });

  it('a failure three levels down: deep is 0, b takes max(50, 0), g2 and secret sum', async () => {
    const p = tree();
    expect(await groupOf(p, { 'secret/g2/b/deep/2': 'RE' }, 'secret/g2/b/deep')).toMatchObject({ verdict: 'RE', score: 0 });
    expect(await groupOf(p, { 'secret/g2/b/deep/2': 'RE' }, 'secret/g2/b')).toMatchObject({ verdict: 'RE', score: 50 });
    expect(await gradeSubmission(p, results(p, { 'secret/g2/b/deep/2': 'RE' }))).toMatchObject({ verdict: 'RE', score: 100 });
  });

  it('a rejected sub-group breaks its parent: g2/a fails, so g2/b is not graded nor judged', async () => {
    const p = tree();
    const grade = await gradeSubmission(p, results(p, { 'secret/g2/a/2': 'WA' }, ['secret/g2/b/1', 'secret/g2/b/deep/1', 'secret/g2/b/deep/2']));
    expect(grade).toMatchObject({ verdict: 'WA', score: 30 });
    expect(grade.groups.map((g) => g.group)).not.toContain('secret/g2/b');
    expect(cut(p, 'secret/g2/b/deep/1', { 'secret/g2/a/1': 'AC', 'secret/g2/a/2': 'WA' })).toBe(true);
    expect(cut(p, 'secret/g2/b/1', { 'secret/g2/a/1': 'AC' })).toBe(false);
  });

  it('g1 failing does not stop g2 (secret continues), and g1 breaks at its first failure', async () => {
    const p = tree();
    expect(cut(p, 'secret/g1/3', { 'secret/g1/1': 'AC', 'secret/g1/2': 'TLE' })).toBe(true);
    expect(cut(p, 'secret/g2/a/1', { 'secret/g1/1': 'AC', 'secret/g1/2': 'TLE' })).toBe(false);
    expect(await gradeSubmission(p, results(p, { 'secret/g1/2': 'TLE' }, ['secret/g1/3']))).toMatchObject({ verdict: 'TLE', score: 70 });
  });

  it('test cases and sub-groups interleave by name: a group breaks only for what came before', async () => {
    const p = problem(group('secret', ['1', '3'], { acceptScore: 1 }, [group('secret/2', ['x'], { acceptScore: 5 })]));
    expect(testOrder(p).map((t) => t.name)).toEqual(['sample/1', 'secret/1', 'secret/2/x', 'secret/3']);
    expect(cut(p, 'secret/3', { 'sample/1': 'AC', 'secret/1': 'AC', 'secret/2/x': 'WA' })).toBe(true);
    expect(await gradeSubmission(p, results(p, { 'secret/2/x': 'WA' }, ['secret/3']))).toMatchObject({ verdict: 'WA', score: 1, maxScore: 7 });
  });

  it('an accepting grader lets its parent go on: always_accept and accept_if_any_accepted', async () => {
    for (const graderFlags of [['always_accept'], ['accept_if_any_accepted']]) {
      const p = problem(
        group('secret', [], {}, [
          group('secret/a', ['1', '2'], { acceptScore: 10, onReject: 'continue', graderFlags }),
          group('secret/b', ['1'], { acceptScore: 5 }),
        ]),
      );
      expect(cut(p, 'secret/b/1', { 'sample/1': 'AC', 'secret/a/1': 'WA', 'secret/a/2': 'AC' })).toBe(false);
      expect(await gradeSubmission(p, results(p, { 'secret/a/1': 'WA' }))).toMatchObject({ verdict: 'AC', score: 15, maxScore: 25 });
    }
  });

  it('worst_error and avg across sub-groups', async () => {
    const p = problem(
      group('secret', [], { graderFlags: ['worst_error', 'avg'], onReject: 'continue' }, [
        group('secret/a', ['1'], { acceptScore: 100 }),
        group('secret/b', ['1'], { acceptScore: 100 }),
        group('secret/c', ['1'], { acceptScore: 100 }),
      ]),
    );
    expect(await gradeSubmission(p, results(p, { 'secret/a/1': 'WA', 'secret/c/1': 'TLE' }))).toMatchObject({
      verdict: 'TLE',
      score: 100 / 3,
      maxScore: 100,
    });
  });

  it('an IE child makes its group IE, whatever the grader', async () => {
    const p = problem(group('secret', ['1', '2'], { graderFlags: ['always_accept'], onReject: 'continue' }));
    expect(await gradeSubmission(p, results(p, { 'secret/1': 'IE' }))).toMatchObject({ verdict: 'IE', score: 0 });
  });
});

describe('range', () => {
  it('a grade inside the range is kept; outside, the package is at fault (IE)', async () => {
    const ok = problem(group('secret', ['1', '2'], { acceptScore: 50, range: { min: 0, max: 100 } }));
    expect(await gradeSubmission(ok, results(ok))).toMatchObject({ verdict: 'AC', score: 100 });
    const wrong = problem(group('secret', ['1', '2', '3'], { acceptScore: 50, range: { min: 0, max: 100 } }));
    const grade = await gradeSubmission(wrong, results(wrong));
    expect(grade).toMatchObject({ verdict: 'IE', score: 0, internalError: { culprit: 'package' } });
    expect(grade.internalError?.message).toBe('group secret got score 150, outside its range 0 100 (testdata.yaml)');
    const negative = problem(group('secret', ['1'], { rejectScore: -5, range: { min: 0, max: Infinity } }));
    expect(await gradeSubmission(negative, results(negative, { 'secret/1': 'WA' }))).toMatchObject({ verdict: 'IE' });
  });
});

describe('custom graders', () => {
  const customTree = (): GradedProblem =>
    problem(
      group('secret', [], { onReject: 'continue' }, [
        group('secret/a', ['1', '2', '3'], { grading: 'custom', graderFlags: ['--weight', '7'], onReject: 'continue', range: { min: 0, max: 21 } }),
        group('secret/b', ['1'], { acceptScore: 4 }),
      ]),
    );

  it('gets its children as VERDICT score lines and its result feeds the parent', async () => {
    const run = vi.fn<RunCustomGrader>(async (g, children) => ({
      verdict: 'AC',
      score: Number(g.graderFlags[1]) * children.filter((c) => c.verdict === 'AC').length,
    }));
    const p = customTree();
    const grade = await gradeSubmission(p, results(p, { 'secret/a/2': 'WA' }), run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0].name).toBe('secret/a');
    expect(run.mock.calls[0]?.[1]).toEqual([
      { verdict: 'AC', score: 1 },
      { verdict: 'WA', score: 0 },
      { verdict: 'AC', score: 1 },
    ]);
    expect(grade).toMatchObject({ verdict: 'AC', score: 18, maxScore: 25 });
  });

  it('runs nested custom graders children first, each once', async () => {
    const order: string[] = [];
    const run: RunCustomGrader = async (g, children) => {
      order.push(g.name);
      return { verdict: 'AC', score: children.reduce((s, c) => s + c.score, 0) * 2 };
    };
    const p = problem(
      group('secret', [], { grading: 'custom' }, [group('secret/x', ['1', '2'], { grading: 'custom' })]),
    );
    expect(await gradeSubmission(p, results(p), run)).toMatchObject({ verdict: 'AC', score: 8 });
    expect(order).toEqual(['secret/x', 'secret']);
  });

  it('a failing grader is IE naming it; its group has no cut-off rule (graded at the end)', async () => {
    const p = customTree();
    const grade = await gradeSubmission(p, results(p), async () => ({ failure: 'the grader graders/g.py printed "hello", not "VERDICT score"' }));
    expect(grade).toMatchObject({ verdict: 'IE', score: 0, internalError: { culprit: 'package' } });
    expect(grade.internalError?.message).toContain('graders/g.py');
    expect(cut(p, 'secret/a/3', { 'sample/1': 'AC', 'secret/a/1': 'WA' })).toBe(false);
  });

  it('the max score of a custom-graded group is its range maximum', () => {
    expect(maxScoreOf(customTree())).toBe(21 + 4);
  });
});
