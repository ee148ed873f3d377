/**
 * What a reference submission must get: its folder's verdicts (problemtools, the 2023-07 format), DOMjudge's
 * `@EXPECTED_RESULTS@:` comment over them, and `@EXPECTED_SCORE@:` for scoring problems.
 */
import { describe, expect, it } from 'vitest';
import { checkExpectation, expectationOf } from '../../common/problem/expected-results.js';
import type { Verdict } from '../../common/verdict.js';

const source = (text: string, name = 'sol.c'): { name: string; text: string } => ({ name, text });
const pass = (verdict: Verdict): { verdict: Verdict; score: number; maxScore: number } => ({ verdict, score: 0, maxScore: 0 });

describe('expectationOf, by folder', () => {
  it.each<[string, Verdict[] | undefined]>([
    ['accepted', ['AC']],
    ['wrong_answer', ['WA']],
    ['time_limit_exceeded', ['TLE']],
    ['run_time_error', ['RE', 'MLE', 'OLE']],
    ['memory_limit_exceeded', ['MLE', 'RE']],
    ['output_limit_exceeded', ['OLE']],
    ['compile_error', ['CE']],
    ['compiler_error', ['CE']],
    ['no_output', ['WA']],
    ['rejected', ['WA', 'TLE', 'RE', 'MLE', 'OLE', 'CE']],
    ['brute_force', ['TLE', 'RE', 'MLE']],
    ['slow_but_fine', undefined],
  ])('%s allows %j', (category, verdicts) => {
    expect(expectationOf(category, []).verdicts).toEqual(verdicts);
  });

  it('run_time_error takes a memory or output limit, as Kattis reports both as RTE', () => {
    const expectation = expectationOf('run_time_error', []);
    for (const verdict of ['RE', 'MLE', 'OLE'] as const) expect(checkExpectation(expectation, 'pass-fail', pass(verdict)).ok).toBe(true);
    expect(checkExpectation(expectation, 'pass-fail', pass('WA'))).toEqual({ ok: false, why: 'expected RE or MLE or OLE (folder run_time_error), got WA' });
  });

  it('a folder juez does not know expects nothing but a judgement', () => {
    const expectation = expectationOf('slow_but_fine', []);
    expect(checkExpectation(expectation, 'pass-fail', pass('TLE')).ok).toBe(true);
    expect(checkExpectation(expectation, 'pass-fail', pass('IE'))).toEqual({ ok: false, why: 'internal error' });
  });
});

describe('expectationOf, DOMjudge @EXPECTED_RESULTS@', () => {
  it.each<[string, Verdict[]]>([
    ['// @EXPECTED_RESULTS@: CORRECT', ['AC']],
    ['# @EXPECTED_RESULTS@: TIMELIMIT, WRONG-ANSWER', ['TLE', 'WA']],
    ['/* @EXPECTED_RESULTS@: RUN-ERROR,MEMORY-LIMIT */', ['RE', 'MLE']],
    ['-- @EXPECTED_RESULTS@: no-output output-limit compiler-error', ['WA', 'OLE', 'CE']],
  ])('%s gives %j, over the folder', (comment, verdicts) => {
    const expectation = expectationOf('wrong_answer', [source(`int main() {}\n${comment}\n`)]);
    expect(expectation.verdicts).toEqual(verdicts);
    expect(expectation.source).toBe('@EXPECTED_RESULTS@ in sol.c');
  });

  it('an unknown result name is a mismatch that names it', () => {
    const expectation = expectationOf('accepted', [source('// @EXPECTED_RESULTS@: CORRECT, FAST\n')]);
    expect(expectation.verdicts).toEqual(['AC']);
    expect(checkExpectation(expectation, 'pass-fail', pass('AC'))).toEqual({
      ok: false,
      why: expect.stringMatching(/^sol\.c: @EXPECTED_RESULTS@ names FAST, not a DOMjudge result \(CORRECT, /) as string,
    });
  });
});

describe('expected scores', () => {
  const scored = (verdict: Verdict, score: number): { verdict: Verdict; score: number; maxScore: number } => ({ verdict, score, maxScore: 100 });

  it('@EXPECTED_SCORE@ must be met, to 1e-6', () => {
    const expectation = expectationOf('partially_accepted', [source('# @EXPECTED_SCORE@: 33.333333\n', 'a.py')]);
    expect(expectation.score).toBe(33.333333);
    expect(checkExpectation(expectation, 'scoring', scored('WA', 100 / 3 - 1e-7)).ok).toBe(true);
    expect(checkExpectation(expectation, 'scoring', scored('WA', 30))).toEqual({ ok: false, why: 'expected score 33.333333, got 30' });
  });

  it('a score that is no number is a mismatch', () => {
    const expectation = expectationOf('accepted', [source('// @EXPECTED_SCORE@: lots\n')]);
    expect(checkExpectation(expectation, 'scoring', scored('AC', 100))).toEqual({ ok: false, why: "sol.c: @EXPECTED_SCORE@ must be a number, got 'lots'" });
  });

  it('accepted on a scoring problem means the maximum score', () => {
    const expectation = expectationOf('accepted', []);
    expect(checkExpectation(expectation, 'scoring', scored('AC', 100)).ok).toBe(true);
    expect(checkExpectation(expectation, 'scoring', scored('AC', 70))).toEqual({ ok: false, why: 'an accepted submission must get the maximum score 100, got 70' });
  });

  it('partially_accepted means a score strictly between 0 and the maximum, whatever the verdict', () => {
    const expectation = expectationOf('partially_accepted', []);
    expect(checkExpectation(expectation, 'scoring', scored('WA', 30)).ok).toBe(true);
    expect(checkExpectation(expectation, 'scoring', scored('TLE', 70)).ok).toBe(true);
    expect(checkExpectation(expectation, 'scoring', scored('WA', 0)).ok).toBe(false);
    expect(checkExpectation(expectation, 'scoring', scored('AC', 100)).ok).toBe(false);
    expect(checkExpectation(expectation, 'scoring', scored('CE', 0)).ok).toBe(false);
  });

  it('scores are not checked on pass-fail problems', () => {
    expect(checkExpectation(expectationOf('accepted', [source('// @EXPECTED_SCORE@: 5\n')]), 'pass-fail', pass('AC')).ok).toBe(true);
  });
});
