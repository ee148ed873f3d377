/**
 * Input validators in the sandbox (Judge.validateInputs, what `judge-cli verify` runs): each one on every
 * test input, stdin the input, arguments its group's flags, as user validator with the validation limits;
 * 42 accepts, 43 rejects with its reason, anything else is the validator's failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProblem, removeProblems, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
beforeAll(async () => {
  pool = await startTestPool('input-validation');
});
afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

/** Accepts a single integer line within --max (default 100); says why it rejects, and as which user it runs. */
const BOUNDED_PY = String.raw`
import os, pwd, sys
bound = int(sys.argv[2]) if sys.argv[1:2] == ['--max'] else 100
text = sys.stdin.read()
user = pwd.getpwuid(os.getuid()).pw_name
if not text.endswith('\n') or not text.strip().lstrip('-').isdigit():
    print('not one integer line (run by %s)' % user, file=sys.stderr)
    exit(43)
if abs(int(text)) > bound:
    print('%d is out of range [-%d, %d]' % (int(text), bound, bound), file=sys.stderr)
    exit(43)
exit(42)
`;

const DATA = testData({
  'sample/1': ['5\n', ''],
  'secret/small/1': ['7\n', ''],
  'secret/small/2': ['70\n', ''],
  'secret/large/1': ['5000\n', ''],
  'secret/large/2': ['x\n', ''],
});

describe('input validators in the sandbox', () => {
  it('run on every input of every group with the group\'s input_validator_flags; 43 rejects, with the reason', async () => {
    const problem = await makeProblem({
      'problem.yaml': '',
      ...DATA,
      'input_validators/bounded.py': BOUNDED_PY,
      'data/secret/small/testdata.yaml': 'input_validator_flags: --max 10\n',
      'data/secret/large/testdata.yaml': 'input_validator_flags: --max 100000\n',
    });
    const result = await pool.judge.validateInputs(problem);
    expect(result.internalError).toBeUndefined();
    expect(result.inputs).toBe(5);
    expect(result.validators).toEqual([{ name: 'input_validators/bounded.py', accepted: 3, rejected: 2, failed: 0 }]);
    // In judging order: groups by name (large before small).
    expect(result.findings).toEqual([
      // Run as the validator user, like output validators.
      { input: 'data/secret/large/2.in', validator: 'input_validators/bounded.py', kind: 'rejected', message: 'not one integer line (run by validator)' },
      { input: 'data/secret/small/2.in', validator: 'input_validators/bounded.py', kind: 'rejected', message: '70 is out of range [-10, 10]' },
    ]);
  });

  it('may be C++ with a header beside it, or a build/run folder; 2023-07 input_validator_args name one of them', async () => {
    const problem = await makeProblem({
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: inputs\n',
      ...testData({ 'sample/1': ['5\n', ''], 'secret/1': ['-3\n', ''] }),
      'data/secret/test_group.yaml': 'input_validator_args:\n  positive: [--strict]\n',
      'input_validators/one_line/check.cpp': '#include "lines.h"\nint main() { return count_lines() == 1 ? 42 : 43; }\n',
      'input_validators/one_line/lines.h': '#include <cstdio>\ninline int count_lines() { int n = 0, c; while ((c = std::getchar()) != EOF) n += c == \'\\n\'; return n; }\n',
      'input_validators/positive/build': 'gcc -O2 -o positive positive.c\n',
      'input_validators/positive/run': 'exec ./positive "$@"\n',
      'input_validators/positive/positive.c': String.raw`#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    long n;
    int strict = argc > 1 && strcmp(argv[1], "--strict") == 0;
    if (scanf("%ld", &n) != 1) return 43;
    if (strict && n <= 0) { fprintf(stderr, "%ld is not positive\n", n); return 43; }
    return 42;
}
`,
    });
    const result = await pool.judge.validateInputs(problem);
    expect(result.internalError).toBeUndefined();
    expect(result.validators).toEqual([
      { name: 'input_validators/one_line', accepted: 2, rejected: 0, failed: 0 },
      { name: 'input_validators/positive', accepted: 1, rejected: 1, failed: 0 },
    ]);
    expect(result.findings).toEqual([{ input: 'data/secret/1.in', validator: 'input_validators/positive', kind: 'rejected', message: '-3 is not positive' }]);
  });

  it('that crash, exit with another code or do not compile are failures of the validator, and the others still run', async () => {
    const problem = await makeProblem({
      'problem.yaml': '',
      ...testData({ 'sample/1': ['1\n', ''], 'secret/1': ['2\n', ''] }),
      'input_validators/a_crashes.py': "import sys\nif sys.stdin.read() == '2\\n':\n    raise ValueError('no twos')\nexit(42)\n",
      'input_validators/b_exit0.py': 'pass\n',
      'input_validators/c_broken.c': 'int main(void) { return undeclared; }\n',
      'input_validators/d_fine.py': 'exit(42)\n',
    });
    const result = await pool.judge.validateInputs(problem);
    expect(result.validators).toEqual([
      { name: 'input_validators/a_crashes.py', accepted: 1, rejected: 0, failed: 1 },
      { name: 'input_validators/b_exit0.py', accepted: 0, rejected: 0, failed: 2 },
      { name: 'input_validators/c_broken.c', accepted: 0, rejected: 0, failed: 0 },
      { name: 'input_validators/d_fine.py', accepted: 2, rejected: 0, failed: 0 },
    ]);
    const [crash, exit0, exit0again, broken, ...rest] = result.findings;
    expect(rest).toEqual([]);
    expect(crash).toMatchObject({ input: 'data/secret/1.in', validator: 'input_validators/a_crashes.py', kind: 'failed' });
    expect(crash?.message).toMatch(/^exited with code 1 \(42 accepts an input, 43 rejects it\): Traceback .*ValueError: no twos$/s);
    expect(exit0).toEqual({ input: 'data/sample/1.in', validator: 'input_validators/b_exit0.py', kind: 'failed', message: 'exited with code 0 (42 accepts an input, 43 rejects it)' });
    expect(exit0again).toMatchObject({ input: 'data/secret/1.in', kind: 'failed' });
    expect(broken).toMatchObject({ validator: 'input_validators/c_broken.c', kind: 'failed' });
    expect(broken?.input).toBeUndefined();
    expect(broken?.message).toMatch(/^the input validator input_validators\/c_broken\.c does not compile \(.*\):\n.*undeclared/s);
  });

  it('over the validation time limit are a failure, not a rejection', async () => {
    const problem = await makeProblem({
      'problem.yaml': 'limits:\n  validation_time: 1\n',
      ...testData({ 'secret/1': ['1\n', ''] }),
      'input_validators/spin.py': 'while True:\n    pass\n',
    });
    const result = await pool.judge.validateInputs(problem);
    expect(result.findings).toEqual([{ input: 'data/secret/1.in', validator: 'input_validators/spin.py', kind: 'failed', message: 'hit its time limit' }]);
  });

  it('are none for a package without them: nothing runs', async () => {
    const problem = await makeProblem({ 'problem.yaml': '', ...DATA });
    expect(await pool.judge.validateInputs(problem)).toEqual({ inputs: 5, validators: [], findings: [] });
  });
});
