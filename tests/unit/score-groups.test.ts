import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../common/judge-result.js';
import type { Verdict } from '../../common/verdict.js';
import { actionAfterFailure, scoreGroups, testOrder, type ScoredProblem } from '../../executor/judging/score-groups.js';
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
  acceptScore: 1,
  rejectScore: 0,
  onReject: 'break',
  tests: bases.map((base) => test(name, base)),
  groups: [],
  ...extra,
});

/** secret holds a test of its own, group1 (30 points) and group2 (two sub-groups of 20 and 50). */
const scoring: ScoredProblem = {
  type: 'scoring',
  sample: group('sample', ['1', '2'], { acceptScore: 0 }),
  secret: group('secret', ['00'], {
    acceptScore: 0,
    groups: [
      group('secret/group1', ['1', '2'], { acceptScore: 30 }),
      group('secret/group2', [], {
        onReject: 'continue',
        groups: [group('secret/group2/a', ['1'], { acceptScore: 20 }), group('secret/group2/b', ['1'], { acceptScore: 50, rejectScore: 5 })],
      }),
    ],
  }),
};

const passFail: ScoredProblem = {
  type: 'pass-fail',
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

describe('scoreGroups', () => {
  it('pass-fail: 1 of 1 iff every test is AC, no groups', () => {
    expect(scoreGroups(passFail, results(passFail))).toEqual({ score: 1, maxScore: 1, groups: [] });
    expect(scoreGroups(passFail, results(passFail, { 'secret/2': 'WA' }))).toEqual({ score: 0, maxScore: 1, groups: [] });
    expect(scoreGroups(passFail, results(passFail).slice(0, 2))).toMatchObject({ score: 0 });
    expect(scoreGroups(passFail, []).maxScore).toBe(1);
  });

  it('scoring: everything accepted earns every accept score', () => {
    const summary = scoreGroups(scoring, results(scoring));
    expect(summary.score).toBe(100);
    expect(summary.maxScore).toBe(100);
    expect(summary.groups).toEqual([
      { group: 'sample', verdict: 'AC', score: 0, maxScore: 0 },
      { group: 'secret', verdict: 'AC', score: 100, maxScore: 100 },
      { group: 'secret/group1', verdict: 'AC', score: 30, maxScore: 30 },
      { group: 'secret/group2', verdict: 'AC', score: 70, maxScore: 70 },
      { group: 'secret/group2/a', verdict: 'AC', score: 20, maxScore: 20 },
      { group: 'secret/group2/b', verdict: 'AC', score: 50, maxScore: 50 },
    ]);
  });

  it('scoring: a failed group earns its reject score, parents sum their children', () => {
    const summary = scoreGroups(scoring, results(scoring, { 'secret/group1/2': 'TLE', 'secret/group2/b/1': 'WA', 'sample/1': 'WA' }));
    expect(summary.score).toBe(25);
    expect(summary.maxScore).toBe(100);
    expect(summary.groups).toEqual([
      { group: 'sample', verdict: 'WA', score: 0, maxScore: 0 },
      { group: 'secret', verdict: 'TLE', score: 25, maxScore: 100 },
      { group: 'secret/group1', verdict: 'TLE', score: 0, maxScore: 30 },
      { group: 'secret/group2', verdict: 'WA', score: 25, maxScore: 70 },
      { group: 'secret/group2/a', verdict: 'AC', score: 20, maxScore: 20 },
      { group: 'secret/group2/b', verdict: 'WA', score: 5, maxScore: 50 },
    ]);
  });

  it('scoring: skipped tests are not accepted; without any failure the group is IE', () => {
    const skipped = results(scoring, { 'secret/group1/1': 'RE' }).filter((r) => r.name !== 'secret/group1/2');
    expect(scoreGroups(scoring, skipped).groups.find((g) => g.group === 'secret/group1')).toEqual({
      group: 'secret/group1',
      verdict: 'RE',
      score: 0,
      maxScore: 30,
    });
    const aborted = results(scoring).filter((r) => r.name !== 'secret/group2/a/1');
    expect(scoreGroups(scoring, aborted).groups.find((g) => g.group === 'secret/group2/a')).toMatchObject({ verdict: 'IE', score: 0 });
  });

  it('scoring: the max score is known before anything ran', () => {
    expect(scoreGroups(scoring, [])).toMatchObject({ score: 5, maxScore: 100 });
  });
});

describe('actionAfterFailure', () => {
  const find = (problem: ScoredProblem, name: string): TestCase =>
    testOrder(problem).find((t) => t.name === name) as TestCase;

  it('pass-fail stops at the first failure of a breaking group', () => {
    expect(actionAfterFailure(passFail, find(passFail, 'secret/2'), { stopOnFirstFailure: true })).toEqual({ action: 'stop' });
    expect(actionAfterFailure(passFail, find(passFail, 'sample/1'), { stopOnFirstFailure: true })).toEqual({ action: 'stop' });
  });

  it('goes on in a group with on_reject: continue', () => {
    expect(actionAfterFailure(passFail, find(passFail, 'secret/extra/1'), { stopOnFirstFailure: true })).toEqual({ action: 'continue' });
    expect(actionAfterFailure(scoring, find(scoring, 'secret/group2/a/1'), { stopOnFirstFailure: true })).toEqual({
      action: 'skip-group',
      group: 'secret/group2/a',
    });
  });

  it('scoring skips the rest of the failed group only', () => {
    expect(actionAfterFailure(scoring, find(scoring, 'secret/group1/1'), { stopOnFirstFailure: true })).toEqual({
      action: 'skip-group',
      group: 'secret/group1',
    });
  });

  it('never stops when asked to run everything', () => {
    expect(actionAfterFailure(passFail, find(passFail, 'secret/2'), { stopOnFirstFailure: false })).toEqual({ action: 'continue' });
    expect(actionAfterFailure(scoring, find(scoring, 'secret/group1/1'), { stopOnFirstFailure: false })).toEqual({ action: 'continue' });
  });
});
