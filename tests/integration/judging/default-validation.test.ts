import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeProgress } from '../../../common/judge-result.js';
import { InvalidSubmissionError } from '../../../executor/judge.js';
import { judgeSubmission } from '../../../executor/judging/judge-submission.js';
import { SandboxError } from '../../../executor/judging/sandbox-error.js';
import type { SandboxSession } from '../../../executor/judging/sandbox-session.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let sum: ProblemPackage;
let average: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('default');
  sum = await makeProblem({
    'problem.yaml': 'name: Sum\nlimits:\n  memory: 64\n  output: 1\n',
    '.timelimit': '1\n',
    ...testData({
      'sample/1': ['1 2\n', '3\n'],
      'secret/1': ['5 7\n', '12\n'],
      'secret/2': ['-1 1\n', '0\n'],
      'secret/3': ['100 200\n', '300\n'],
    }),
  });
  average = await makeProblem({
    'problem.yaml': 'name: Average\nvalidator_flags: float_tolerance 1e-6\n',
    ...testData({ 'sample/1': ['1 2\n', '1.5\n'], 'secret/1': ['1 2 4\n', '2.333333333\n'] }),
  });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

const c = (body: string) => source('c', 'main.c', `#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n${body}`);
const ADD = 'int main(void) { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a + b); return 0; }';

describe('judging with the default output validator', () => {
  it('accepts a correct program, showing output and answer of samples only', async () => {
    const progress: JudgeProgress[] = [];
    const result = await pool.judge.judge(sum, c(ADD), { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ verdict: 'AC', score: 1, maxScore: 1 });
    expect(result.tests.map((t) => [t.name, t.group, t.verdict])).toEqual([
      ['sample/1', 'sample', 'AC'],
      ['secret/1', 'secret', 'AC'],
      ['secret/2', 'secret', 'AC'],
      ['secret/3', 'secret', 'AC'],
    ]);
    expect(result.tests[0]).toMatchObject({ output: '3\n', expected: '3\n' });
    for (const test of result.tests.slice(1)) {
      expect(test.output).toBeUndefined();
      expect(test.expected).toBeUndefined();
    }
    expect(result.compileOutput).toBe('');
    expect(result.maxMemoryKb).toBeGreaterThan(0);
    expect(progress.map((p) => [p.done, p.total, p.last?.name])).toEqual([
      [1, 4, 'sample/1'],
      [2, 4, 'secret/1'],
      [3, 4, 'secret/2'],
      [4, 4, 'secret/3'],
    ]);
  });

  it('gives WA and stops at the first failure, unless asked to judge every test', async () => {
    const wrongOnNegatives = c('int main(void) { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a < 0 ? 7 : a + b); }');
    const stopped = await pool.judge.judge(sum, wrongOnNegatives);
    expect(stopped.verdict).toBe('WA');
    expect(stopped.score).toBe(0);
    expect(stopped.tests.map((t) => t.verdict)).toEqual(['AC', 'AC', 'WA']);
    expect(stopped.tests[2]?.message).toMatch(/7/);

    const all = await pool.judge.judge(sum, wrongOnNegatives, { stopOnFirstFailure: false });
    expect(all.verdict).toBe('WA');
    expect(all.tests.map((t) => t.verdict)).toEqual(['AC', 'AC', 'WA', 'AC']);
  });

  it('gives TLE for a busy loop', async () => {
    const result = await pool.judge.judge(sum, c('int main(void) { volatile unsigned long i = 0; for (;;) i++; }'));
    expect(result.verdict).toBe('TLE');
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]?.cpuMs).toBeGreaterThanOrEqual(900);
  });

  it('gives TLE, not WA, for a program sleeping past the wall-clock limit (CPU limit + max(1 s, 10 %))', async () => {
    // Sleeping uses no CPU: only the wall clock stops it, at 1 s + 1 s; the correct answer comes too late.
    const sleeper = c('#include <unistd.h>\nint main(void) { long a, b; scanf("%ld %ld", &a, &b); sleep(4); printf("%ld\\n", a + b); }');
    const result = await pool.judge.judge(sum, sleeper);
    expect(result.verdict).toBe('TLE');
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]?.cpuMs).toBeLessThan(500);
    expect(result.tests[0]?.wallMs).toBeGreaterThanOrEqual(2000);
    expect(result.tests[0]?.wallMs).toBeLessThan(3500);
    // A lowered CPU limit lowers the wall limit with it: 300 ms + 1 s.
    const overridden = await pool.judge.judge(sum, sleeper, { timeLimitMs: 300 });
    expect(overridden.verdict).toBe('TLE');
    expect(overridden.tests[0]?.wallMs).toBeLessThan(2000);
  });

  it('honours a time limit override', async () => {
    const spin = c('int main(void) { volatile unsigned long i = 0; for (;;) i++; }');
    const result = await pool.judge.judge(sum, spin, { timeLimitMs: 300 });
    expect(result.verdict).toBe('TLE');
    expect(result.tests[0]?.cpuMs).toBeLessThan(900);
  });

  it('gives MLE for a program that touches more memory than allowed', async () => {
    // Volatile, so that the compiler cannot drop the writes: the pages must really be touched.
    const hog = c('int main(void) { size_t n = 200u << 20; volatile char *p = malloc(n); for (size_t i = 0; i < n; i += 4096) p[i] = 1; printf("%d\\n", p[n - 1]); }');
    const result = await pool.judge.judge(sum, hog);
    expect(result.verdict).toBe('MLE');
    // The same program passes the memory check with a larger limit (then fails on its output).
    const roomy = await pool.judge.judge(sum, hog, { memoryMb: 400 });
    expect(roomy.verdict).toBe('WA');
  });

  it('gives RE with the exit code or the signal', async () => {
    const exit3 = await pool.judge.judge(sum, c('int main(void) { return 3; }'));
    expect(exit3.verdict).toBe('RE');
    expect(exit3.tests[0]).toMatchObject({ verdict: 'RE', exitCode: 3 });

    const segv = await pool.judge.judge(sum, c('int main(void) { *(volatile int *)0 = 1; return 0; }'));
    expect(segv.verdict).toBe('RE');
    expect(segv.tests[0]).toMatchObject({ verdict: 'RE', signal: 'SIGSEGV' });
    expect(segv.tests[0]?.exitCode).toBeUndefined();
  });

  it('gives CE with the compiler output, without running anything', async () => {
    const result = await pool.judge.judge(sum, c('int main(void) { return x; }'));
    expect(result).toMatchObject({ verdict: 'CE', score: 0, maxScore: 1, tests: [] });
    expect(result.compileOutput).toMatch(/main\.c.*x/s);
  });

  it('gives OLE for endless output', async () => {
    const result = await pool.judge.judge(sum, c('int main(void) { for (;;) puts("spam spam spam spam"); }'));
    expect(result.verdict).toBe('OLE');
  });

  it('compiles a multi-file submission, passing only the sources to the compiler', async () => {
    const result = await pool.judge.judge(sum, {
      languageId: 'c',
      files: [
        { name: 'main.c', content: '#include <stdio.h>\n#include "add.h"\nint main(void) { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", add(a, b)); }' },
        { name: 'add.c', content: '#include "add.h"\nlong add(long a, long b) { return a + b; }\n' },
        { name: 'add.h', content: 'long add(long a, long b);\n' },
      ],
    });
    expect(result.verdict).toBe('AC');
  });

  it('compares floats with the tolerance of validator_flags', async () => {
    const close = source('python', 'avg.py', 'xs = list(map(int, input().split()))\nprint(sum(xs) / len(xs) + 1e-8)\n');
    expect((await pool.judge.judge(average, close)).verdict).toBe('AC');
    const far = source('python', 'avg.py', 'xs = list(map(int, input().split()))\nprint(round(sum(xs) / len(xs), 2))\n');
    const result = await pool.judge.judge(average, far);
    expect(result.verdict).toBe('WA');
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'WA']);
  });

  it('refuses bad file names and unknown languages as usage errors', async () => {
    for (const name of ['../main.c', 'dir/main.c', '.main.c', 'ma in.c', 'main\u0007.c', `${'a'.repeat(99)}.c`, '']) {
      await expect(pool.judge.judge(sum, source('c', name, ADD))).rejects.toThrow(InvalidSubmissionError);
    }
    await expect(pool.judge.judge(sum, source('cobol', 'main.cob', ADD))).rejects.toThrow(/unknown language 'cobol'/);
    await expect(pool.judge.judge(sum, { languageId: 'c', files: [] })).rejects.toThrow(InvalidSubmissionError);
    // The pool is unharmed: the next submission is judged.
    expect((await pool.judge.judge(sum, c(ADD))).verdict).toBe('AC');
  });
});

describe('problem data in the container', () => {
  /** The pool's only container, its session wrapped to count what is written below /judge/p. */
  async function withCountingSession<T>(
    body: (session: SandboxSession, puts: string[]) => Promise<T>,
    failFirstPut?: SandboxError,
  ): Promise<T> {
    const lease = await pool.pool.acquire();
    const puts: string[] = [];
    let failure = failFirstPut;
    const inner = lease.session;
    const session: SandboxSession = {
      putFile: async (path, content, owner, mode) => {
        if (path.startsWith('/judge/p/')) {
          puts.push(path);
          if (failure !== undefined) {
            const error = failure;
            failure = undefined;
            throw error;
          }
        }
        return inner.putFile(path, content, owner, mode);
      },
      makeDir: (path, owner) => inner.makeDir(path, owner),
      getFile: (path) => inner.getFile(path),
      removePath: (path) => {
        puts.push(`DEL ${path}`);
        return inner.removePath(path);
      },
      run: (procs) => inner.run(procs),
    };
    try {
      return await body(session, puts);
    } finally {
      await lease.release();
    }
  }

  it('is uploaded once per container and reused by later submissions', async () => {
    const fresh = await makeProblem({
      'problem.yaml': '',
      ...testData({ 'sample/1': ['2 2\n', '4\n'], 'secret/1': ['3 4\n', '7\n'] }),
    });
    const first = await withCountingSession(async (session, puts) => {
      const result = await judgeSubmission(session, fresh, c(ADD));
      return { result, puts: [...puts] };
    });
    expect(first.result.verdict).toBe('AC');
    expect(first.puts.filter((p) => /\.(in|ans)$/.test(p))).toHaveLength(4);
    const second = await withCountingSession(async (session, puts) => {
      const result = await judgeSubmission(session, fresh, c(ADD));
      return { result, puts: [...puts] };
    });
    expect(second.result.verdict).toBe('AC');
    expect(second.puts).toEqual([]);
  });

  it('evicts the cache and retries once when /judge is full', async () => {
    const fresh = await makeProblem({ 'problem.yaml': '', ...testData({ 'secret/1': ['1 1\n', '2\n'] }) });
    const outcome = await withCountingSession(async (session, puts) => {
      const result = await judgeSubmission(session, fresh, c(ADD));
      return { result, puts: [...puts] };
    }, new SandboxError('supervisor refused PUT 7: ENOSPC No space left on device'));
    expect(outcome.result.verdict).toBe('AC');
    expect(outcome.puts).toContain('DEL /judge/p');
  });
});
