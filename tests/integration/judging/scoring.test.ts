import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let scored: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('scoring');
  const big = '2000000000 2000000000\n';
  scored = await makeProblem({
    'problem.yaml': 'type: scoring\n',
    'data/secret/group1/testdata.yaml': 'accept_score: 30\n',
    'data/secret/group2/testdata.yaml': 'accept_score: 30\n',
    'data/secret/group3/testdata.yaml': 'accept_score: 40\non_reject: continue\n',
    ...testData({
      'sample/1': ['1 2\n', '3\n'],
      'secret/group1/1': ['2 3\n', '5\n'],
      'secret/group1/2': ['10 20\n', '30\n'],
      'secret/group2/1': [big, '4000000000\n'],
      'secret/group2/2': [big, '4000000000\n'],
      'secret/group3/1': [big, '4000000000\n'],
      'secret/group3/2': ['1 1\n', '2\n'],
    }),
  });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

const add = (type: string) =>
  source('c', 'add.c', `#include <stdio.h>\nint main(void) { ${type} a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", (long long)(${type})(a + b)); }`);

describe('a scoring problem with test groups', () => {
  it('gives full score to a correct program', async () => {
    const result = await pool.judge.judge(scored, add('long long'));
    expect(result).toMatchObject({ verdict: 'AC', score: 100, maxScore: 100 });
    expect(result.groups).toEqual([
      { group: 'sample', verdict: 'AC', score: 0, maxScore: 0 },
      { group: 'secret', verdict: 'AC', score: 100, maxScore: 100 },
      { group: 'secret/group1', verdict: 'AC', score: 30, maxScore: 30 },
      { group: 'secret/group2', verdict: 'AC', score: 30, maxScore: 30 },
      { group: 'secret/group3', verdict: 'AC', score: 40, maxScore: 40 },
    ]);
  });

  it('scores groups separately, skipping the rest of a group only where on_reject is break', async () => {
    const result = await pool.judge.judge(scored, add('int'));
    expect(result).toMatchObject({ verdict: 'WA', score: 30, maxScore: 100 });
    expect(result.tests.map((t) => `${t.name} ${t.verdict}`)).toEqual([
      'sample/1 AC',
      'secret/group1/1 AC',
      'secret/group1/2 AC',
      'secret/group2/1 WA', // group2/2 is skipped: on_reject break
      'secret/group3/1 WA',
      'secret/group3/2 AC', // judged: on_reject continue
    ]);
    expect(result.groups?.map((g) => [g.group, g.verdict, g.score])).toEqual([
      ['sample', 'AC', 0],
      ['secret', 'WA', 30],
      ['secret/group1', 'AC', 30],
      ['secret/group2', 'WA', 0],
      ['secret/group3', 'WA', 0],
    ]);
  });

  it('judges every test when asked to', async () => {
    const result = await pool.judge.judge(scored, add('int'), { stopOnFirstFailure: false });
    expect(result.tests).toHaveLength(7);
    expect(result.score).toBe(30);
  });
});
