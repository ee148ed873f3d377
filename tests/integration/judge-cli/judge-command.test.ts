import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import { containersOfCli, removeContainersOfCli, runJudgeCli, type CliRun } from './run-judge-cli.js';

let scratch: string;
const pids: number[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-judge-cli-'));
});

afterAll(async () => {
  for (const pid of pids) await removeContainersOfCli(pid);
  await rm(scratch, { recursive: true, force: true });
});

/** judge-cli with a one-container pool; remembers the pid for the container check. */
async function judgeCli(...args: string[]): Promise<CliRun> {
  const run = await runJudgeCli([...args, '--pool-size', '1']);
  pids.push(run.pid);
  return run;
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<string> {
  const root = path.join(scratch, dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

const HELLO = 'problems/hello';
const ACCEPTED = 'problems/hello/submissions/accepted/hello.py';
const NO_STACK = /^\s+at /m;

describe('judge-cli judge', () => {
  it('prints exactly one JSON object, the JudgeResult, and exits 0', async () => {
    const run = await judgeCli('judge', HELLO, ACCEPTED, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as JudgeResult;
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(result).toMatchObject({ verdict: 'AC', score: 1, maxScore: 1 });
    expect(result.tests.length).toBeGreaterThanOrEqual(2);
    expect(result.tests[0]).toMatchObject({ name: 'sample/1', group: 'sample', verdict: 'AC' });
    expect(typeof result.cpuMs).toBe('number');
    expect(typeof result.maxMemoryKb).toBe('number');
    expect(await containersOfCli(run.pid)).toEqual([]);
  });

  it('judges against a package whose submissions/ holds COBOL, Julia, Elixir and Swift solutions and a note', async () => {
    const dir = await writeFiles('mine', { 'sum.py': 'input()\nprint(sum(map(int, input().split())))\n' });
    const run = await judgeCli('judge', 'tests/conformance/foreign-submissions', path.join(dir, 'sum.py'), '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/cannot tell the language|COBOL|Julia|\.cob|\.jl/);
    expect(JSON.parse(run.stdout) as JudgeResult).toMatchObject({ verdict: 'AC', score: 1, maxScore: 1 });
  });

  it("refuses a submission over the problem's code size limit (limits.code, 128 KiB by default) with exit 2", async () => {
    const dir = await writeFiles('too-big', { 'big.py': `print("Hello, World!")\n${'#'.repeat(128 * 1024)}\n` });
    const run = await judgeCli('judge', HELLO, path.join(dir, 'big.py'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("judge-cli: the submission is 131096 bytes, more than the problem's code size limit of 128 KiB (131072 bytes, limits.code)\n");
  });

  it("refuses a submission in a language problem.yaml's languages does not allow with exit 2, judges the others", async () => {
    const restricted = 'tests/conformance/languages-restricted';
    const refused = await judgeCli('judge', restricted, `${restricted}/submissions/accepted/Sum.java`);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe("judge-cli: problem.yaml's languages (python3 cpp) does not allow java; allowed: cpp, python, pypy3\n");
    expect(await containersOfCli(refused.pid)).toEqual([]);
    // python3 is the language, whichever interpreter: PyPy is allowed too.
    const pypy = await judgeCli('judge', restricted, `${restricted}/submissions/accepted/sum.py`, '--language', 'pypy3', '--json');
    expect(pypy.code, pypy.stderr).toBe(0);
    expect((JSON.parse(pypy.stdout) as JudgeResult).verdict).toBe('AC');
  });

  it('exits 0 for a verdict that is not AC', async () => {
    const run = await judgeCli('judge', HELLO, 'problems/hello/submissions/wrong_answer/lowercase.py', '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JudgeResult).verdict).toBe('WA');
  });

  it('prints a plain table and a summary line when the output is not a terminal', async () => {
    const run = await judgeCli('judge', HELLO, ACCEPTED);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sample\/1.*AC/);
    expect(run.stdout).toMatch(/^AC \(Accepted\)\s+score 1\/1\s+time .+memory .+$/m);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('judges a directory as one multi-file submission, and honours --time-limit', async () => {
    const dir = await writeFiles('multi', {
      'main.c': '#include "greet.h"\nint main(void) { greet("World"); return 0; }\n',
      'greet.c': '#include <stdio.h>\n#include "greet.h"\nvoid greet(const char *name) { printf("Hello, %s!\\n", name); }\n',
      'greet.h': 'void greet(const char *name);\n',
    });
    const run = await judgeCli('judge', HELLO, dir, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as JudgeResult).verdict).toBe('AC');

    const spin = await writeFiles('spin', { 'spin.c': 'int main(void) { volatile unsigned long i = 0; for (;;) i++; }\n' });
    const slow = await judgeCli('judge', HELLO, `${spin}/spin.c`, '--time-limit', '0.2', '--json');
    expect(slow.code).toBe(0);
    const result = JSON.parse(slow.stdout) as JudgeResult;
    expect(result.verdict).toBe('TLE');
    expect(result.tests[0]?.cpuMs).toBeLessThan(700);
  });

  it.each([
    ['a missing file', [HELLO, 'nope/missing.py'], /^judge-cli: nope\/missing\.py: no such file or directory$/m],
    ['an unknown language', [HELLO, ACCEPTED, '--language', 'cobol'], /^judge-cli: unknown language 'cobol'$/m],
    ['a file of no known language', [HELLO, 'problems/hello/data/sample/1.in'], /^judge-cli: cannot tell the language of 1\.in/m],
    ['a missing package', ['problems/nope', ACCEPTED], /^judge-cli: .*nope.*$/m],
    ['a bad time limit', [HELLO, ACCEPTED, '--time-limit', 'soon'], /time-limit/],
    ['an image Docker does not have', [HELLO, ACCEPTED, '--image', 'juez-runtime:does-not-exist'], /^judge-cli: Docker has no image juez-runtime:does-not-exist$/m],
  ])('exits 2 with one clear line for %s', async (_what, args, message) => {
    const run = await judgeCli('judge', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stdout).toBe('');
  });

  it('lists every problem of an invalid package, one line each', async () => {
    const dir = await writeFiles('broken', { 'problem.yaml': 'type: [unclosed\n', 'data/secret/1.in': '1\n' });
    const run = await judgeCli('judge', dir, ACCEPTED);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^judge-cli: \S+: /);
    expect(run.stderr).toMatch(/problem\.yaml: /);
    expect(run.stderr).toMatch(/1\.in: /);
  });

  it('stops its containers when interrupted', async () => {
    const dir = await writeFiles('sleepy', { 'sleep.sh': 'sleep 60\n' });
    let sawContainer = false;
    const run = await runJudgeCli(['judge', HELLO, `${dir}/sleep.sh`, '--time-limit', '30', '--pool-size', '1'], (child) => {
      void (async () => {
        // Interrupt once the pool is up and judging (its container exists).
        for (let i = 0; i < 200 && child.exitCode === null; i++) {
          if ((await containersOfCli(child.pid ?? -1)).length > 0) {
            sawContainer = true;
            await sleep(1_500);
            child.kill('SIGINT');
            return;
          }
          await sleep(100);
        }
      })();
    });
    pids.push(run.pid);
    expect(sawContainer).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/SIGINT/);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(await containersOfCli(run.pid)).toEqual([]);
  });
});
