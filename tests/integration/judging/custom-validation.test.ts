import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});
beforeAll(async () => {
  pool = await startTestPool('custom');
});

/** A Kattis output validator in Python: `validator input answer feedback_dir < output`. */
const DIVISOR_VALIDATOR = String.raw`
import sys
input_file, answer_file, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(open(input_file).read())
expected = open(answer_file).read().strip()
tokens = sys.stdin.read().split()
def verdict(code, message):
    with open(feedback + 'judgemessage.txt', 'w') as f:
        f.write(message)
    sys.exit(code)
if len(tokens) != 1:
    verdict(43, 'expected exactly one token, got %d' % len(tokens))
if tokens[0] == 'none':
    verdict(42 if expected == 'none' else 43, 'ok' if expected == 'none' else '%d is not prime' % n)
d = int(tokens[0])
if 1 < d < n and n % d == 0:
    verdict(42, 'ok')
verdict(43, '%d is not a proper divisor of %d' % (d, n))
`;

const DIVISOR_DATA = testData({
  'sample/1': ['12\n', 'exists\n'],
  'secret/1': ['7\n', 'none\n'],
  'secret/2': ['91\n', 'exists\n'],
});

describe('a custom output validator', () => {
  let divisor: ProblemPackage;
  beforeAll(async () => {
    divisor = await makeProblem({
      'problem.yaml': 'validation: custom\n',
      'output_validators/divisor/validator.py': DIVISOR_VALIDATOR,
      ...DIVISOR_DATA,
    });
  });

  it('accepts any right answer', async () => {
    // Prints the largest proper divisor: not what a "smallest divisor" answer file would say.
    const largest = source('python', 'sol.py', 'n = int(input())\nd = [d for d in range(n - 1, 1, -1) if n % d == 0]\nprint(d[0] if d else "none")\n');
    const result = await pool.judge.judge(divisor, largest);
    expect(result.verdict).toBe('AC');
    expect(result.tests).toHaveLength(3);
    expect(result.tests[0]).toMatchObject({ output: '6\n', expected: 'exists\n' });
  });

  it("rejects a wrong answer with the validator's judge message", async () => {
    const one = source('python', 'sol.py', 'input()\nprint(1)\n');
    const result = await pool.judge.judge(divisor, one);
    expect(result.verdict).toBe('WA');
    expect(result.tests[0]).toMatchObject({ verdict: 'WA', message: '1 is not a proper divisor of 12' });
  });

  it('still blames the program first when it crashes', async () => {
    const crash = source('python', 'sol.py', 'raise SystemExit(4)\n');
    const result = await pool.judge.judge(divisor, crash);
    expect(result.tests[0]).toMatchObject({ verdict: 'RE', exitCode: 4 });
  });

  it('gives IE naming the validator when the validator fails', async () => {
    const broken = await makeProblem({
      'problem.yaml': 'validation: custom\n',
      'output_validators/broken/validator.py': 'import sys\nsys.stderr.write("validator bug\\n")\nsys.exit(1)\n',
      ...DIVISOR_DATA,
    });
    const result = await pool.judge.judge(broken, source('python', 'sol.py', 'print(2)\n'));
    expect(result.verdict).toBe('IE');
    expect(result.score).toBe(0);
    expect(result.internalError?.culprit).toBe('validator');
    expect(result.internalError?.message).toMatch(/exited with code 1.*validator bug/s);
  });

  it('gives IE naming the validator when the validator does not compile', async () => {
    const broken = await makeProblem({
      'problem.yaml': 'validation: custom\n',
      'output_validators/broken/validator.c': 'int main(void) { return nope; }\n',
      ...DIVISOR_DATA,
    });
    const result = await pool.judge.judge(broken, source('python', 'sol.py', 'print(2)\n'));
    expect(result.verdict).toBe('IE');
    expect(result.internalError?.culprit).toBe('validator');
    expect(result.internalError?.message).toMatch(/does not compile.*nope/s);
  });

  it('compiles a C validator once per container', async () => {
    const inC = await makeProblem({
      'problem.yaml': 'validation: custom\n',
      'output_validators/v/validator.c': String.raw`
        #include <stdio.h>
        #include <string.h>
        int main(int argc, char **argv) {
          char want[64] = "", got[64] = "";
          FILE *f = fopen(argv[2], "r");
          if (!f || fscanf(f, "%63s", want) != 1) return 1;
          if (scanf("%63s", got) != 1) return 43;
          return strcmp(want, got) == 0 ? 42 : 43;
        }`,
      ...testData({ 'secret/1': ['x\n', 'yes\n'] }),
    });
    const yes = source('bash', 'sol.sh', 'echo yes\n');
    const first = await pool.judge.judge(inC, yes);
    expect(first.verdict).toBe('AC');
    const started = Date.now();
    const second = await pool.judge.judge(inC, source('bash', 'sol.sh', 'echo no\n'));
    expect(second.verdict).toBe('WA');
    // gcc takes ~100 ms even for this; the cached build is not rebuilt.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('an interactive problem', () => {
  let guess: ProblemPackage;
  beforeAll(async () => {
    guess = await makeProblem({
      'problem.yaml': 'validation: custom interactive\n',
      'output_validators/interactor/interactor.py': String.raw`
import sys
secret = int(open(sys.argv[1]).read())
feedback = sys.argv[3]
def finish(code, message):
    open(feedback + 'judgemessage.txt', 'w').write(message)
    sys.exit(code)
for guesses in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        finish(43, 'the program stopped after %d guesses' % (guesses - 1))
    g = int(line)
    if g == secret:
        finish(42, 'found in %d guesses' % guesses)
    print('higher' if g < secret else 'lower', flush=True)
finish(43, 'too many guesses')
`,
      ...testData({ 'sample/1': ['17\n', ''], 'secret/1': ['1\n', ''], 'secret/2': ['100\n', ''] }),
    });
  });

  it('accepts a program that talks correctly', async () => {
    const binary = source('python', 'sol.py', String.raw`
lo, hi = 1, 100
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    try:
        reply = input()
    except EOFError:
        break
    if reply == 'higher':
        lo = mid + 1
    else:
        hi = mid - 1
`);
    const result = await pool.judge.judge(guess, binary);
    expect(result.verdict).toBe('AC');
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'AC', 'AC']);
    expect(result.tests[0]?.message).toMatch(/found in \d+ guesses/);
  });

  it("gives WA from the interactor even when the program dies of the interactor's hang-up", async () => {
    const linear = source('python', 'sol.py', 'import sys\nfor g in range(1, 101):\n    print(g, flush=True)\n    sys.stdin.readline()\n');
    const result = await pool.judge.judge(guess, linear);
    expect(result.verdict).toBe('WA');
    expect(result.tests[0]).toMatchObject({ verdict: 'WA', message: 'too many guesses' });
  });

  it('gives TLE to a program that never answers', async () => {
    const silent = source('python', 'sol.py', 'import sys\nsys.stdin.readline()\n');
    const result = await pool.judge.judge(guess, silent, { timeLimitMs: 500 });
    expect(result.verdict).toBe('TLE');
  });
});

describe('a multi-pass problem', () => {
  // Pass 1: the program gets "1 v" and must print 2v. The validator then hands it "2 2v" (nextpass.in),
  // and in pass 2 the program must print 2v + 1. The validator keeps its state in the feedback directory.
  const VALIDATOR = String.raw`
import os, sys
v = int(open(sys.argv[1]).read().split()[1])
feedback = sys.argv[3]
state = os.path.join(feedback, 'state')
out = sys.stdin.read().split()
def finish(code, message):
    open(os.path.join(feedback, 'judgemessage.txt'), 'w').write(message)
    sys.exit(code)
if not os.path.exists(state):
    if out != [str(2 * v)]:
        finish(43, 'pass 1: expected %d' % (2 * v))
    open(state, 'w').write('1')
    open(os.path.join(feedback, 'nextpass.in'), 'w').write('2 %d\n' % (2 * v))
    finish(42, 'pass 1 ok')
if out != [str(2 * v + 1)]:
    finish(43, 'expected %d' % (2 * v + 1))
finish(42, 'both passes ok')
`;
  let twice: ProblemPackage;
  beforeAll(async () => {
    twice = await makeProblem({
      'problem.yaml': 'validation: custom multi-pass\nlimits:\n  validation_passes: 2\n',
      'output_validators/v/validator.py': VALIDATOR,
      ...testData({ 'sample/1': ['1 5\n', '\n'], 'secret/1': ['1 21\n', '\n'] }),
    });
  });

  it('runs the program again on nextpass.in and accepts after the last pass', async () => {
    const right = source('python', 'sol.py', 'p, v = map(int, input().split())\nprint(2 * v if p == 1 else v + 1)\n');
    const result = await pool.judge.judge(twice, right);
    expect(result.verdict).toBe('AC');
    expect(result.tests[0]).toMatchObject({ verdict: 'AC', message: 'both passes ok', output: '11\n' });
  });

  it('says in which pass a wrong answer happened', async () => {
    const wrong = source('python', 'sol.py', 'p, v = map(int, input().split())\nprint(2 * v)\n');
    const result = await pool.judge.judge(twice, wrong);
    expect(result.verdict).toBe('WA');
    expect(result.tests[0]).toMatchObject({ verdict: 'WA', message: 'pass 2: expected 11' });
  });

  it('gives IE naming the validator when it asks for more passes than allowed', async () => {
    const endless = await makeProblem({
      'problem.yaml': 'validation: custom multi-pass\nlimits:\n  validation_passes: 3\n',
      'output_validators/v/validator.py': "import sys\nopen(sys.argv[3] + 'nextpass.in', 'w').write('again\\n')\nsys.exit(42)\n",
      ...testData({ 'secret/1': ['start\n', '\n'] }),
    });
    const result = await pool.judge.judge(endless, source('bash', 'sol.sh', 'cat\n'));
    expect(result.verdict).toBe('IE');
    expect(result.internalError).toMatchObject({ culprit: 'validator' });
    expect(result.internalError?.message).toMatch(/pass 4.*3 passes/);
  });
});
