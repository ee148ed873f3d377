import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../common/judge-result.js';
import type { Verdict } from '../../common/verdict.js';
import { testOrder, type ScoredProblem } from '../../executor/judging/score-groups.js';
import { gradeSubmission, isCutOff, maxScoreOf, type GradedProblem } from '../../executor/judging/grade-groups.js';
import { DEFAULT_GROUP_GRADING } from '../../common/problem/read-group-grading.js';
import type { TestCase, TestGroup } from '../../common/problem/problem.js';

const test = (group: string, base: string): TestCase => ({
  name: `${group}/${base}`,
  group,
  inputFile: `/p/data/${group}/${base}.in`,
  answerFile: `/p/data/${group}/${base}.ans`,
  isSample: group.startsWith('sample'),
});

const group = (name: string, bases: string[], extra: Partial<TestGroup> = {}): TestGroup => ({
  name,
  ...DEFAULT_GROUP_GRADING,
  tests: bases.map((base) => test(name, base)),
  groups: [],
  ...extra,
});

/**
 * secret holds a test of its own (worth 0), group1 (30 points if both tests pass: min) and group2 (two
 * sub-groups of 20 and 50, summed). data/ and secret go on after a rejection, as scoring packages do.
 */
const scoring: GradedProblem = {
  type: 'scoring',
  grading: { ...DEFAULT_GROUP_GRADING, onReject: 'continue' },
  sample: group('sample', ['1', '2'], { acceptScore: 0 }),
  secret: group('secret', ['00'], {
    acceptScore: 0,
    onReject: 'continue',
    groups: [
      group('secret/group1', ['1', '2'], { acceptScore: 30, graderFlags: ['min'] }),
      group('secret/group2', [], {
        onReject: 'continue',
        groups: [group('secret/group2/a', ['1'], { acceptScore: 20 }), group('secret/group2/b', ['1'], { acceptScore: 50, rejectScore: 5 })],
      }),
    ],
  }),
};

const passFail: GradedProblem = {
  type: 'pass-fail',
  grading: DEFAULT_GROUP_GRADING,
  sample: group('sample', ['1']),
  secret: group('secret', ['1', '2', '10'], { groups: [group('secret/extra', ['1'], { onReject: 'continue' })] }),
};

const results = (problem: ScoredProblem, verdicts: Record<string, Verdict> = {}): TestCaseResult[] =>
  testOrder(problem).map((t) => ({ name: t.name, group: t.group, verdict: verdicts[t.name] ?? 'AC', cpuMs: 1, wallMs: 1, memoryKb: 1 }));

describe('testOrder', () => {
  it('puts samples first and interleaves tests and groups in natural name order', () => {
    const problem: ScoredProblem = {
      type: 'pass-fail',
      sample: group('sample', ['1']),
      secret: group('secret', ['01', '3', 'zz'], { groups: [group('secret/2-mid', ['a', 'b']), group('secret/10-late', ['x'])] }),
    };
    expect(testOrder(problem).map((t) => t.name)).toEqual([
      'sample/1',
      'secret/01',
      'secret/2-mid/a',
      'secret/2-mid/b',
      'secret/3',
      'secret/10-late/x',
      'secret/zz',
    ]);
  });
});

describe('gradeSubmission', () => {
  it('pass-fail: 1 of 1 iff every test is AC, the verdict is the first failure, no groups', async () => {
    expect(await gradeSubmission(passFail, results(passFail))).toEqual({ verdict: 'AC', score: 1, maxScore: 1, groups: [] });
    expect(await gradeSubmission(passFail, results(passFail, { 'secret/2': 'WA', 'secret/10': 'TLE' }))).toEqual({
      verdict: 'WA',
      score: 0,
      maxScore: 1,
      groups: [],
    });
    expect(await gradeSubmission(passFail, results(passFail).slice(0, 2))).toMatchObject({ score: 0 });
    expect(maxScoreOf(passFail)).toBe(1);
  });

  it('scoring: everything accepted earns every accept score', async () => {
    const grade = await gradeSubmission(scoring, results(scoring));
    expect(grade).toMatchObject({ verdict: 'AC', score: 100, maxScore: 100 });
    expect(grade.groups).toEqual([
      { group: 'sample', verdict: 'AC', score: 0, maxScore: 0 },
      { group: 'secret', verdict: 'AC', score: 100, maxScore: 100 },
      { group: 'secret/group1', verdict: 'AC', score: 30, maxScore: 30 },
      { group: 'secret/group2', verdict: 'AC', score: 70, maxScore: 70 },
      { group: 'secret/group2/a', verdict: 'AC', score: 20, maxScore: 20 },
      { group: 'secret/group2/b', verdict: 'AC', score: 50, maxScore: 50 },
    ]);
  });

  it('scoring: a failed test earns its reject score, parents sum their children', async () => {
    const grade = await gradeSubmission(scoring, results(scoring, { 'secret/group1/2': 'TLE', 'secret/group2/b/1': 'WA', 'sample/1': 'WA' }));
    expect(grade).toMatchObject({ verdict: 'WA', score: 25, maxScore: 100 });
    expect(grade.groups).toEqual([
      { group: 'sample', verdict: 'WA', score: 0, maxScore: 0 },
      { group: 'secret', verdict: 'TLE', score: 25, maxScore: 100 },
      { group: 'secret/group1', verdict: 'TLE', score: 0, maxScore: 30 },
      { group: 'secret/group2', verdict: 'WA', score: 25, maxScore: 70 },
      { group: 'secret/group2/a', verdict: 'AC', score: 20, maxScore: 20 },
      { group: 'secret/group2/b', verdict: 'WA', score: 5, maxScore: 50 },
    ]);
  });

  it('scoring: tests after a break are not graded; an unjudged test without a break before it is IE', async () => {
    const skipped = results(scoring, { 'secret/group1/1': 'RE' }).filter((r) => r.name !== 'secret/group1/2');
    expect((await gradeSubmission(scoring, skipped)).groups.find((g) => g.group === 'secret/group1')).toEqual({
      group: 'secret/group1',
      verdict: 'RE',
      score: 0,
      maxScore: 30,
    });
    const aborted = results(scoring).filter((r) => r.name !== 'secret/group2/a/1');
    expect((await gradeSubmission(scoring, aborted)).groups.find((g) => g.group === 'secret/group2/a')).toMatchObject({ verdict: 'IE', score: 0 });
  });

  it('scoring: the max score is known before anything ran', () => {
    expect(maxScoreOf(scoring)).toBe(100);
  });
});

describe('pass-fail problems, graded over the tree as the format grades them', () => {
  const find = (problem: GradedProblem, name: string): TestCase => testOrder(problem).find((t) => t.name === name) as TestCase;
  const cut = (problem: GradedProblem, name: string, verdicts: Record<string, Verdict>): boolean =>
    isCutOff(problem, find(problem, name), new Map(Object.entries(verdicts)));

  it('stop at the first failure with the default flags: every later test is cut off', () => {
    expect(cut(passFail, 'secret/10', { 'sample/1': 'AC', 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(true);
    expect(cut(passFail, 'secret/extra/1', { 'sample/1': 'AC', 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(true);
    expect(cut(passFail, 'secret/1', { 'sample/1': 'WA' })).toBe(true);
    expect(cut(passFail, 'secret/2', { 'sample/1': 'AC', 'secret/1': 'AC' })).toBe(false);
  });

  it('go on where on_reject is continue', () => {
    const everything: GradedProblem = { ...passFail, grading: { ...DEFAULT_GROUP_GRADING, onReject: 'continue' }, secret: { ...passFail.secret, onReject: 'continue' } };
    expect(cut(everything, 'secret/10', { 'sample/1': 'WA', 'secret/1': 'AC', 'secret/2': 'WA' })).toBe(false);
  });

  it('worst_error with continue: the worst verdict, not the first', async () => {
    const worst: GradedProblem = {
      ...passFail,
      grading: { ...DEFAULT_GROUP_GRADING, onReject: 'continue', graderFlags: ['worst_error'] },
      secret: { ...passFail.secret, onReject: 'continue', graderFlags: ['worst_error'] },
    };
    expect(await gradeSubmission(worst, results(worst, { 'secret/1': 'WA', 'secret/10': 'RE' }))).toEqual({ verdict: 'RE', score: 0, maxScore: 1, groups: [] });
  });

  it('ignore_sample: a failing sample neither stops judging nor rejects the submission', async () => {
    const ignoring: GradedProblem = {
      ...passFail,
      grading: { ...DEFAULT_GROUP_GRADING, graderFlags: ['ignore_sample'] },
      secret: { ...passFail.secret, graderFlags: [] },
    };
    expect(cut(ignoring, 'secret/1', { 'sample/1': 'WA' })).toBe(false);
    expect(await gradeSubmission(ignoring, results(ignoring, { 'sample/1': 'WA' }))).toEqual({ verdict: 'AC', score: 1, maxScore: 1, groups: [] });
  });

  it('have no score range: scores mean nothing there', async () => {
    const ranged: GradedProblem = { ...passFail, secret: { ...passFail.secret, range: { min: 100, max: 200 } } };
    expect(await gradeSubmission(ranged, results(ranged))).toEqual({ verdict: 'AC', score: 1, maxScore: 1, groups: [] });
  });
});
