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
    // As the format grades: every accepted test earns its group's accept_score, `min` makes a group all or
    // nothing; secret grades every group (continue), group1 and group2 stop at their first failure.
    'data/sample/testdata.yaml': 'accept_score: 0\n',
    'data/secret/testdata.yaml': 'on_reject: continue\n',
    'data/secret/group1/testdata.yaml': 'accept_score: 30\ngrader_flags: min\non_reject: break\n',
    'data/secret/group2/testdata.yaml': 'accept_score: 30\ngrader_flags: min\non_reject: break\n',
    'data/secret/group3/testdata.yaml': 'accept_score: 40\ngrader_flags: min\n',
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

/**
 * A package whose group g is graded by `grader` (graders/grader.py, or the files given), with `flags` as its
 * grader_flags.
 */
async function customGraded(grader: string | Record<string, string>, flags = ''): Promise<ProblemPackage> {
  return makeProblem({
    'problem.yaml': 'type: scoring\n',
    ...(typeof grader === 'string' ? { 'graders/grader.py': grader } : grader),
    'data/sample/testdata.yaml': 'accept_score: 0\n',
    'data/secret/g/testdata.yaml': `grading: custom\ngrader_flags: ${flags}\naccept_score: 10\non_reject: continue\nrange: 0 100\n`,
    ...testData({ 'sample/1': ['1\n', '1\n'], 'secret/g/1': ['1\n', '1\n'], 'secret/g/2': ['2\n', '2\n'], 'secret/g/3': ['3\n', '3\n'] }),
  });
}

/** Echoes its input, except that it prints 0 for the numbers in `wrong`. */
const echo = (wrong: number[] = []) => source('python', 'echo.py', `n = int(input())\nprint(0 if n in ${JSON.stringify(wrong)} else n)\n`);

describe('a custom grader (graders/)', () => {
  // Reads "VERDICT score" lines, answers with the first rejection's verdict and the product of the scores
  // (nothing the default grader can do), times the factor given in grader_flags.
  const product = [
    'import sys',
    'factor = float(sys.argv[1]) if len(sys.argv) > 1 else 1',
    'verdict, score = "AC", 1.0',
    'for line in sys.stdin:',
    '    v, s = line.split()',
    '    score *= float(s)',
    '    if verdict == "AC" and v != "AC": verdict = v',
    'print(verdict, min(score * factor, 100))',
  ].join('\n');

  it('grades its group from the children it is given, with grader_flags as arguments', async () => {
    const problem = await customGraded(product, '0.05');
    const accepted = await pool.judge.judge(problem, echo());
    expect(accepted).toMatchObject({ verdict: 'AC', score: 50, maxScore: 100 });
    const wrong = await pool.judge.judge(problem, echo([2]));
    expect(wrong).toMatchObject({ verdict: 'WA', score: 0 });
    expect(wrong.groups?.find((g) => g.group === 'secret/g')).toMatchObject({ verdict: 'WA', score: 0 });
  });

  it('is an internal error naming the grader, with its stderr, when it crashes or answers nonsense', async () => {
    const crash = await pool.judge.judge(await customGraded('import sys\nsys.stderr.write("no luck\\n")\nsys.exit(3)\n'), echo());
    expect(crash.verdict).toBe('IE');
    expect(crash.internalError).toMatchObject({ culprit: 'package' });
    expect(crash.internalError?.message).toMatch(/^the grader exited with status 3 grading group secret\/g; its stderr:\nno luck/);
    const nonsense = await pool.judge.judge(await customGraded('print("great job")\n'), echo());
    expect(nonsense).toMatchObject({ verdict: 'IE', internalError: { culprit: 'package' } });
    expect(nonsense.internalError?.message).toContain("the grader printed 'great job'");
  });

  it('may be a folder of build and run scripts, as a validator may', async () => {
    const problem = await customGraded({
      'graders/awk-grader/build': 'printf \'%s\\n\' \'{ s += $2; if ($1 != "AC" && v == "") v = $1 } END { print (v == "" ? "AC" : v), s * 2 }\' > grade.awk\n',
      'graders/awk-grader/run': '#!/bin/sh\nexec awk -f grade.awk\n',
    });
    expect(await pool.judge.judge(problem, echo())).toMatchObject({ verdict: 'AC', score: 60, maxScore: 100 });
    expect(await pool.judge.judge(problem, echo([3]))).toMatchObject({ verdict: 'WA', score: 40 });
  });

  it('is an internal error when its grade falls outside the group range', async () => {
    const result = await pool.judge.judge(await customGraded('print("AC 1000")\n'), echo());
    expect(result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'package' } });
    expect(result.internalError?.message).toContain('outside its range 0 100');
  });
});
