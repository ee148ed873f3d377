/**
 * PyPy shares `.py` with CPython, and the package format gives the extension to CPython, so `verify` judges the
 * examples' Python reference submissions as CPython. This judges the same files as PyPy (`--language pypy3`):
 * each must get what its folder (and its @EXPECTED_SCORE@) expects, as under CPython.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import { checkExpectation, expectationOf } from '../../../common/problem/expected-results.js';
import { containersOfCli, removeContainersOfCli, REPO, runJudgeCli } from './run-judge-cli.js';

const REFERENCES: readonly [problem: string, type: 'pass-fail' | 'scoring', submission: string][] = [
  ['hello', 'pass-fail', 'accepted/hello.py'],
  ['hello', 'pass-fail', 'wrong_answer/lowercase.py'],
  ['hello', 'pass-fail', 'compile_error/syntax.py'],
  ['hello', 'pass-fail', 'run_time_error/write_outside.py'],
  ['hello', 'pass-fail', 'time_limit_exceeded/busy_loop.py'],
  ['hello', 'pass-fail', 'memory_limit_exceeded/list_growth.py'],
  ['aplusb', 'scoring', 'accepted/aplusb.py'],
  ['aplusb', 'scoring', 'wrong_answer/off_by_one.py'],
];

const pids: number[] = [];

afterAll(async () => {
  for (const pid of pids) await removeContainersOfCli(pid);
});

describe('the examples’ Python reference submissions judged as PyPy', () => {
  it.each(REFERENCES)('%s (%s): %s', async (problem, type, submission) => {
    const file = path.join('problems', problem, 'submissions', submission);
    const run = await runJudgeCli(['judge', `problems/${problem}`, file, '--language', 'pypy3', '--json', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as JudgeResult;
    const category = submission.split('/')[0] as string;
    const expectation = expectationOf(category, [{ name: submission, text: await readFile(path.join(REPO, file), 'utf8') }]);
    const check = checkExpectation(expectation, type, { verdict: result.verdict, score: result.score, maxScore: result.maxScore });
    expect(check, `${submission}: ${result.verdict} ${JSON.stringify(result.tests.map((t) => t.message ?? t.verdict))}`).toEqual({ ok: true });
    expect(await containersOfCli(run.pid)).toEqual([]);
  }, 120_000);
});
