import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../../../executor/judging/run-program.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let problem: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('run');
  problem = await makeProblem({
    'problem.yaml': 'limits:\n  memory: 64\n  time_limit: 0.5\n',
    ...testData({ 'secret/1': ['1\n', '1\n'] }),
  });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

async function run(submission: Parameters<typeof runProgram>[1]['submission'], stdin: string) {
  const lease = await pool.pool.acquire();
  try {
    return await runProgram(lease.session, { submission, stdin, limits: problem.limits });
  } finally {
    await lease.release();
  }
}

describe('runProgram (the Run button)', () => {
  it("runs the program once on the student's stdin and returns stdout and stderr", async () => {
    const echo = source('python', 'echo.py', 'import sys\ns = sys.stdin.read()\nprint(s.upper(), end="")\nprint("note", file=sys.stderr)\n');
    const result = await run(echo, 'hello there\n');
    expect(result).toMatchObject({ status: 'ok', stdout: 'HELLO THERE\n', stderr: 'note\n', exitCode: 0, signal: null });
    expect(result.compileOutput).toBe('');
  });

  it('reports limits, crashes and compile errors as statuses', async () => {
    const c = (body: string) => source('c', 'main.c', `#include <stdlib.h>\n${body}`);
    expect((await run(c('int main(void) { for (;;); }'), '')).status).toBe('time_limit');
    expect(await run(c('int main(void) { abort(); }'), '')).toMatchObject({ status: 'runtime_error', signal: 'SIGABRT' });
    expect(await run(c('int main(void) { return 5; }'), '')).toMatchObject({ status: 'runtime_error', exitCode: 5 });
    const ce = await run(c('int main(void) { oops }'), '');
    expect(ce.status).toBe('compile_error');
    expect(ce.compileOutput).toMatch(/oops/);
  });
});
