/**
 * A language whose run makes the compile command's check itself (compileCheckedByRun: Python, JavaScript)
 * skips that check for a one-file program whose first test passes, and runs it when the first test fails,
 * before anything is reported: verdicts are the same as with the check up front, only cheaper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeProgress } from '../../../common/judge-result.js';
import { findLanguage } from '../../../common/languages.js';
import { judgeSubmission, type Submission } from '../../../executor/judging/judge-submission.js';
import type { ProcessSpec, RunFacts, SandboxSession } from '../../../executor/judging/sandbox-session.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let three: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('deferred-check');
  three = await makeProblem({
    'problem.yaml': 'name: Three\nlimits:\n  memory: 64\n',
    ...testData({ 'secret/1': ['\n', '3\n'], 'secret/2': ['\n', '3\n'] }),
  });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

/** What the judge ran, in order: `check` for the language's compile command, `test` for the program. */
type Step = 'check' | 'test';

/** Judges in a leased container, recording every run, and the progress reported. */
async function judgeRecorded(submission: Submission): Promise<{ result: Awaited<ReturnType<typeof judgeSubmission>>; steps: Step[]; progress: JudgeProgress[] }> {
  // The compile command's arguments before its first placeholder tell it from the program's run.
  const compile = findLanguage(submission.languageId)?.compile ?? [];
  const prefix = compile.slice(0, compile.findIndex((arg) => arg.includes('{'))).join('\0');
  const lease = await pool.pool.acquire();
  const steps: Step[] = [];
  const inner = lease.session;
  const session: SandboxSession = {
    putFile: (...args) => inner.putFile(...args),
    makeDir: (...args) => inner.makeDir(...args),
    getFile: (...args) => inner.getFile(...args),
    removePath: (...args) => inner.removePath(...args),
    run(procs: ProcessSpec[]): Promise<RunFacts> {
      const argv = procs[0]?.argv ?? [];
      steps.push(prefix !== '' && argv.join('\0').startsWith(prefix) ? 'check' : 'test');
      return inner.run(procs);
    },
  };
  const progress: JudgeProgress[] = [];
  try {
    const result = await judgeSubmission(session, three, submission, { onProgress: (p) => progress.push(p) });
    return { result, steps, progress };
  } finally {
    await lease.release();
  }
}

describe('a compile check the run makes itself', () => {
  it('is skipped for a one-file program whose first test passes', async () => {
    const { result, steps } = await judgeRecorded(source('python', 'three.py', 'print(3)\n'));
    expect(result).toMatchObject({ verdict: 'AC', compileOutput: '' });
    expect(result.tests).toHaveLength(2);
    expect(steps).toEqual(['test', 'test']);
  });

  it('is skipped after a wrong answer too: the program ran', async () => {
    const { result, steps } = await judgeRecorded(source('python', 'four.py', 'print(4)\n'));
    expect(result.verdict).toBe('WA');
    expect(steps).toEqual(['test']);
  });

  it('gives CE with the check\'s output after the first test failed, reporting no test', async () => {
    const { result, steps, progress } = await judgeRecorded(source('python', 'broken.py', 'print(3\n'));
    expect(result).toMatchObject({ verdict: 'CE', score: 0, tests: [], cpuMs: 0 });
    expect(result.compileOutput).toMatch(/SyntaxError/);
    expect(steps).toEqual(['test', 'check']);
    expect(progress).toEqual([]);
  });

  it('keeps RE when the check passes after a failed first test', async () => {
    const { result, steps, progress } = await judgeRecorded(source('python', 'raise.py', 'raise SystemExit(3)\n'));
    expect(result.verdict).toBe('RE');
    expect(result.tests[0]).toMatchObject({ verdict: 'RE', exitCode: 3 });
    expect(result.compileOutput).toBe('');
    expect(steps).toEqual(['test', 'check']);
    expect(progress.map((p) => p.done)).toEqual([1]);
  });

  it('runs first for a file with a NUL byte, which CPython runs up to the NUL but refuses to compile', async () => {
    const { result, steps } = await judgeRecorded(source('python', 'nul.py', 'print(3)\n\0print(4)\n'));
    expect(result.verdict).toBe('CE');
    expect(result.compileOutput).toMatch(/null bytes/);
    expect(steps).toEqual(['check']);
  });

  it('runs first for several sources: the run compiles only what it imports', async () => {
    const submission: Submission = {
      languageId: 'python',
      files: [
        { name: 'a.py', content: 'print(3)\n' },
        { name: 'unused.py', content: 'def broken(:\n' },
      ],
    };
    const { result, steps } = await judgeRecorded(submission);
    expect(result.verdict).toBe('CE');
    expect(result.compileOutput).toMatch(/unused\.py/);
    expect(steps).toEqual(['check']);
  });

  it('works the same for JavaScript', async () => {
    const passed = await judgeRecorded(source('javascript', 'three.js', 'console.log(3);\n'));
    expect(passed.result.verdict).toBe('AC');
    expect(passed.steps).toEqual(['test', 'test']);
    // A syntax error in a function that is never called: V8 still refuses the whole file.
    const broken = await judgeRecorded(source('javascript', 'broken.js', 'console.log(3);\nfunction f() { let a; let a; }\n'));
    expect(broken.result.verdict).toBe('CE');
    expect(broken.result.compileOutput).toMatch(/SyntaxError/);
    expect(broken.steps).toEqual(['test', 'check']);
  });

  it('is not deferred for a language whose run does not check (C compiles up front)', async () => {
    const { result, steps } = await judgeRecorded(source('c', 'three.c', '#include <stdio.h>\nint main(void) { puts("3"); }\n'));
    expect(result.verdict).toBe('AC');
    expect(steps).toEqual(['check', 'test', 'test']);
  });
});
