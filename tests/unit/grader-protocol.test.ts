/** The legacy grader protocol: what a custom grader reads, and how its answer is read. */
import { describe, expect, it } from 'vitest';
import { formatGraderInput, parseGraderOutput } from '../../executor/judging/grader-protocol.js';

describe('formatGraderInput', () => {
  it('writes one "VERDICT score" line per child, in the format names (RTE for crashes and limits juez tells apart)', () => {
    expect(formatGraderInput([
      { verdict: 'AC', score: 10 },
      { verdict: 'WA', score: 0 },
      { verdict: 'RE', score: 0 },
      { verdict: 'MLE', score: 0 },
      { verdict: 'OLE', score: 0 },
      { verdict: 'TLE', score: 2.5 },
    ])).toBe('AC 10\nWA 0\nRTE 0\nRTE 0\nRTE 0\nTLE 2.5\n');
  });

  it('writes nothing for no children', () => {
    expect(formatGraderInput([])).toBe('');
  });
});

describe('parseGraderOutput', () => {
  it.each<[string, string, { verdict: string; score: number }]>([
    ['the format names', 'AC 35\n', { verdict: 'AC', score: 35 }],
    ['RTE as juez RE', 'RTE 20.0\n', { verdict: 'RE', score: 20 }],
    ['juez names too, any case', 'mle 1e1', { verdict: 'MLE', score: 10 }],
    ['the first non-empty line, surrounded by blanks', '\n  WA   -3.5  \nignored\n', { verdict: 'WA', score: -3.5 }],
  ])('reads %s', (_what, stdout, expected) => {
    expect(parseGraderOutput(stdout)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['nothing', '\n\n', 'the grader printed nothing (expected "VERDICT score")'],
    ['an unknown verdict', 'OK 3', `the grader printed 'OK 3' (expected "VERDICT score", VERDICT one of AC WA TLE RTE JE)`],
    ['no score', 'AC', `the grader printed 'AC' (expected "VERDICT score", VERDICT one of AC WA TLE RTE JE)`],
    ['a score that is no number', 'AC ten', `the grader printed 'AC ten' (expected "VERDICT score", VERDICT one of AC WA TLE RTE JE)`],
    ['more than two words', 'AC 3 points', `the grader printed 'AC 3 points' (expected "VERDICT score", VERDICT one of AC WA TLE RTE JE)`],
    ['a judge error', 'JE 0', "the grader reported a judge error: 'JE 0'"],
  ])('refuses %s, saying what it printed', (_what, stdout, failure) => {
    expect(parseGraderOutput(stdout)).toEqual({ failure });
  });
});
