/**
 * The default grader, from the legacy format's "Default Grader Specification": each verdict mode with each
 * score mode, the two flags, and the worst_error order. Children are `VERDICT score` lines, as a grader reads.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADER_FLAGS, parseGraderFlags } from '../../common/problem/grader-flags.js';
import { gradeByDefault, type GraderResult } from '../../executor/judging/default-grader.js';

/** `'AC 1, WA 0'` as grader input. */
const lines = (text: string): GraderResult[] =>
  text === ''
    ? []
    : text.split(',').map((line) => {
        const [verdict, score] = line.trim().split(' ');
        return { verdict: verdict as GraderResult['verdict'], score: Number(score) };
      });

const grade = (flags: string, children: string): string => {
  const result = gradeByDefault(parseGraderFlags(flags.split(' ').filter((f) => f !== '')), lines(children));
  return `${result.verdict} ${result.score}`;
};

describe('default grader: verdict mode × score mode', () => {
  // Mixed: the first rejection is WA, the worst is TLE; scores 1 0 0 1.
  const mixed = 'AC 1, WA 0, TLE 0, AC 1';
  // Every child rejected: first WA, worst RE; scores 3 1 2.
  const rejected = 'WA 3, RE 1, MLE 2';
  it.each([
    ['', mixed, 'WA 2'],
    ['first_error', mixed, 'WA 2'],
    ['first_error sum', mixed, 'WA 2'],
    ['first_error avg', mixed, 'WA 0.5'],
    ['first_error min', mixed, 'WA 0'],
    ['first_error max', mixed, 'WA 1'],
    ['worst_error sum', mixed, 'TLE 2'],
    ['worst_error avg', mixed, 'TLE 0.5'],
    ['worst_error min', mixed, 'TLE 0'],
    ['worst_error max', mixed, 'TLE 1'],
    ['always_accept sum', mixed, 'AC 2'],
    ['always_accept avg', mixed, 'AC 0.5'],
    ['always_accept min', mixed, 'AC 0'],
    ['always_accept max', mixed, 'AC 1'],
    ['first_error sum', rejected, 'WA 6'],
    ['worst_error avg', rejected, 'RE 2'],
    ['always_accept min', rejected, 'AC 1'],
    ['worst_error max', rejected, 'RE 3'],
  ])('flags %j on %s give %s', (flags, children, expected) => {
    expect(grade(flags, children)).toBe(expected);
  });

  it.each(['', 'first_error', 'worst_error', 'always_accept', 'min', 'avg', 'max'])('all accepted is AC with flags %j', (flags) => {
    expect(grade(flags, 'AC 10, AC 10')).toMatch(/^AC /);
  });

  it('grades no children as AC 0 (problemtools, when a group has nothing to grade)', () => {
    expect(grade('', '')).toBe('AC 0');
    expect(grade('min', '')).toBe('AC 0');
  });
});

describe('default grader: worst_error order (JE, RTE, MLE, TLE, OLE, WA: IE, RE, MLE, TLE, OLE, WA in juez)', () => {
  it.each([
    ['WA 0, OLE 0', 'OLE 0'],
    ['OLE 0, TLE 0', 'TLE 0'],
    ['TLE 0, MLE 0', 'MLE 0'],
    ['MLE 0, RE 0', 'RE 0'],
    ['RE 0, IE 0', 'IE 0'],
    ['WA 0, AC 1, WA 0', 'WA 1'],
  ])('%s is %s', (children, expected) => {
    expect(grade('worst_error', children)).toBe(expected);
  });
});

describe('default grader: flags', () => {
  it('ignore_sample drops the first child (data/sample): the grade is the rest', () => {
    expect(grade('ignore_sample', 'WA 0, AC 100')).toBe('AC 100');
    expect(grade('ignore_sample', 'AC 5, WA 30')).toBe('WA 30');
    expect(grade('ignore_sample', 'AC 5')).toBe('AC 0');
    expect(grade('ignore_sample min', 'AC 0, AC 40, TLE 7')).toBe('TLE 7');
  });

  it('accept_if_any_accepted is AC when one child is, else as the verdict mode says', () => {
    expect(grade('accept_if_any_accepted', 'WA 0, AC 5, TLE 0')).toBe('AC 5');
    expect(grade('accept_if_any_accepted worst_error max', 'WA 0, AC 5, TLE 0')).toBe('AC 5');
    expect(grade('accept_if_any_accepted', 'WA 0, TLE 0')).toBe('WA 0');
    expect(grade('accept_if_any_accepted worst_error', 'WA 0, TLE 0')).toBe('TLE 0');
  });

  it('takes the last of conflicting modes, and lists unknown flags', () => {
    expect(parseGraderFlags(['min', 'max', 'worst_error', 'first_error'])).toEqual({
      ...DEFAULT_GRADER_FLAGS,
      verdictMode: 'first_error',
      scoreMode: 'max',
      unknown: [],
    });
    expect(parseGraderFlags(['sum', 'ignore_sample', 'accept_if_any_accepted', 'median', '--x'])).toEqual({
      verdictMode: 'first_error',
      scoreMode: 'sum',
      ignoreSample: true,
      acceptIfAnyAccepted: true,
      unknown: ['median', '--x'],
    });
  });

  it('defaults to first_error and sum', () => {
    expect(parseGraderFlags([])).toEqual({ ...DEFAULT_GRADER_FLAGS, unknown: [] });
    expect(DEFAULT_GRADER_FLAGS).toMatchObject({ verdictMode: 'first_error', scoreMode: 'sum' });
  });
});
