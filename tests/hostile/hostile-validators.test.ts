/**
 * Output validators are the package author's code and run in the sandbox like any program. One that
 * crashes, hangs (busy or asleep), eats memory, floods its output or leaves a process behind must end as
 * IE with culprit `validator` and a message saying what it did — never as a verdict against the student,
 * never as a rejection of judge() — and the next submission on the same single-container pool is judged
 * normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from '../integration/judging/judging-fixture.js';

let pool: TestPool;
let plain: ProblemPackage;
beforeAll(async () => {
  pool = await startTestPool('hostile-validators', 1);
  plain = await makeProblem({ 'problem.yaml': 'name: plain\n', ...testData({ 'secret/1': ['3\n', '3\n'] }) });
});
afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

const DATA = testData({ 'sample/1': ['1\n', '1\n'], 'secret/1': ['2\n', '2\n'] });
const echo = source('bash', 'sol.sh', 'cat\n');

/** A package whose validator is `validator.<ext>` with `code`; validator limits kept short. */
function withValidator(file: string, code: string, limits = 'validation_time: 1\n  validation_memory: 64\n'): Promise<ProblemPackage> {
  return makeProblem({
    'problem.yaml': `validation: custom\nlimits:\n  ${limits}`,
    [`output_validators/v/${file}`]: code,
    ...DATA,
  });
}

const HOSTILE: [string, string, string, RegExp][] = [
  ['is killed by a signal', 'validator.py', 'import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n', /the output validator was killed by SIGSEGV/],
  ['dereferences NULL (C)', 'validator.c', 'int main(void) { volatile int *p = 0; *p = 1; return 42; }\n', /the output validator was killed by SIGSEGV/],
  ['aborts', 'validator.c', '#include <stdlib.h>\nint main(void) { abort(); }\n', /the output validator was killed by SIGABRT/],
  ['raises an exception', 'validator.py', 'raise RuntimeError("validator bug 17")\n', /the output validator exited with code 1 \(expected 42 or 43\)\nstderr of output_validators\/v:\n.*RuntimeError: validator bug 17/s],
  ['spins forever', 'validator.py', 'while True:\n    pass\n', /the output validator exceeded its time limit/],
  ['sleeps forever', 'validator.py', 'import time\ntime.sleep(3600)\n', /the output validator exceeded its time limit/],
  ['eats memory', 'validator.py', 'chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))\n', /^test sample\/1: the output validator exceeded its memory limit\n(stderr of|output_validators\/v wrote nothing)/],
  ['floods its output', 'validator.py', 'import sys\nwhile True:\n    sys.stdout.write("x" * 65536)\n', /^test sample\/1: the output validator exceeded its output limit\n/],
];

describe('a hostile output validator', () => {
  it.each(HOSTILE)('that %s gives IE naming the validator, then the judge goes on', async (_what, file, code, message) => {
    const problem = await withValidator(file, code);
    const started = Date.now();
    const result = await pool.judge.judge(problem, echo);
    expect(result.verdict, JSON.stringify(result.internalError)).toBe('IE');
    expect(result.internalError?.culprit).toBe('validator');
    expect(result.internalError?.message).toMatch(message);
    expect(result.score).toBe(0);
    // Limits: 1 s of CPU, 4 s of wall time, then the verdict: never the student's time limit or a hang.
    expect(Date.now() - started).toBeLessThan(30_000);
    const next = await pool.judge.judge(plain, echo);
    expect(next.verdict, JSON.stringify(next.internalError)).toBe('AC');
  });

  it('that leaves a process behind does not haunt the next submission', async () => {
    const forker = await withValidator(
      'validator.py',
      'import os, sys, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(3600)\n    sys.exit(0)\nsys.exit(42)\n',
    );
    const first = await pool.judge.judge(forker, echo);
    // The validator itself answered 42; its lingering child is the sandbox's business, not a verdict.
    expect(first.verdict).toBe('AC');
    const started = Date.now();
    const next = await pool.judge.judge(plain, echo);
    expect(next.verdict).toBe('AC');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
