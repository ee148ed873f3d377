/** The soak's pure parts: how it plans, names Redis keys, and tells retained data and flat figures from leaks. */
import { describe, expect, it } from 'vitest';
import { judgeFigure } from './flat-figures.js';
import { analyseRetention, keyNamer } from './redis-retention.js';
import type { SoakReference } from './reference-catalog.js';
import { apportion, DEFAULT_MIX, planCalibration, planSoak } from './soak-plan.js';

const reference = (name: string, expected: SoakReference['expected'], languageId: string): SoakReference => ({
  name,
  problem: 'hello',
  problemDir: '/problems/hello',
  expected,
  languageId,
  files: [{ name: 'x', content: '' }],
});

describe('planSoak', () => {
  const references = [reference('py', 'AC', 'python'), reference('rs', 'AC', 'rust'), reference('wa', 'WA', 'c'), reference('tle', 'TLE', 'bash')];
  const costs = new Map([
    ['py', 50],
    ['rs', 5000],
    ['wa', 100],
    ['tle', 3000],
  ]);
  const mix = { ...DEFAULT_MIX, verdictShares: { AC: 0.6, WA: 0.3, TLE: 0.1 } };

  it('apportions exactly the number asked for', () => {
    expect(apportion([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(apportion([0.5, 0.25, 0.25], 7).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('keeps the verdict shares, gives each reference of a verdict the same container time, and is reproducible', () => {
    const plan = planSoak(references, costs, { count: 1000, mix, seed: 1, poolSize: 2 });
    expect(plan.perVerdict).toEqual({ AC: 600, WA: 300, TLE: 100 });
    // 1/50 against 1/5000: the cheap script a hundred times as often as the Rust compile.
    expect(plan.perReference).toMatchObject({ py: 594, rs: 6 });
    expect(plan.containerSeconds).toBeCloseTo((594 * 50 + 6 * 5000 + 300 * 100 + 100 * 3000) / 1000, 5);
    expect(plan.expectedSeconds).toBeCloseTo(plan.containerSeconds / 2, 5);
    expect(planSoak(references, costs, { count: 1000, mix, seed: 1, poolSize: 2 }).submissions).toEqual(plan.submissions);
    expect(planSoak(references, costs, { count: 1000, mix, seed: 2, poolSize: 2 }).submissions).not.toEqual(plan.submissions);
    expect(plan.submissions.every((s) => s.retry === false || s.client === 'lms')).toBe(true);
  });
});

describe('planCalibration', () => {
  it('sends every reference, through every client, for every student', () => {
    const few = [reference('a', 'AC', 'python'), reference('b', 'WA', 'c')];
    const round = planCalibration(few, { ...DEFAULT_MIX, students: 5 });
    expect(new Set(round.map((s) => s.userId))).toEqual(new Set(['student-1', 'student-2', 'student-3', 'student-4', 'student-5']));
    expect(new Set(round.map((s) => s.reference.name))).toEqual(new Set(['a', 'b']));
    expect(new Set(round.map((s) => s.client))).toEqual(new Set(['student-wait', 'student-events', 'lms']));
    expect(round.some((s) => s.retry)).toBe(true);
  });
});

describe('keyNamer', () => {
  const name = keyNamer(
    new Map([
      ['sAAAAAAAAAAAAAAAAAAAAA-_', '<submission>'],
      ['student-3', '<user>'],
      ['soak-ab12-7', '<externalId>'],
    ]),
  );

  it('replaces ids with placeholders and keeps the layout', () => {
    expect(name('sub:sAAAAAAAAAAAAAAAAAAAAA-_:src')).toBe('sub:<submission>:src');
    expect(name('webhook:sAAAAAAAAAAAAAAAAAAAAA-_.0')).toBe('webhook:<submission>.<n>');
    expect(name('user:student-3:subs')).toBe('user:<user>:subs');
    expect(name('ext:lms:soak-ab12-7')).toBe('ext:lms:<externalId>');
    expect(name(`pkg:${'ab'.repeat(32)}`)).toBe('pkg:<hash>');
    expect(name('problem:hello:v:12')).toBe('problem:hello:v:<n>');
    expect(name('sub:sZZZZZZZZZZZZZZZZZZZZZZZ')).toBe('sub:<id>');
  });
});

describe('analyseRetention', () => {
  const base = { usedMemoryMbBefore: 10, usedMemoryMbAfter: 11, sharedMachine: false, submissions: 100, lmsSubmissions: 20 };

  it('counts one record per submission as retained data, with its bytes per submission', () => {
    const report = analyseRetention({
      ...base,
      before: { 'sub:<submission>': { keys: 10, bytes: 10_000 }, subs: { keys: 1, bytes: 500 }, 'webhook:<submission>.<n>': { keys: 2, bytes: 1000 } },
      after: { 'sub:<submission>': { keys: 110, bytes: 210_000 }, subs: { keys: 1, bytes: 10_500 }, 'webhook:<submission>.<n>': { keys: 22, bytes: 11_000 } },
    });
    expect(report.leaks).toEqual([]);
    expect(report.families.map((row) => row.verdict)).toEqual(['retained', 'index', 'retained']);
    expect(report.bytesPerSubmission).toBe(2200);
  });

  it('flags keys that nothing should add, records missing or extra, and memory no key holds', () => {
    const report = analyseRetention({
      ...base,
      usedMemoryMbAfter: 30,
      before: { 'sub:<submission>': { keys: 10, bytes: 10_000 }, 'executor:<executor>': { keys: 1, bytes: 300 } },
      after: { 'sub:<submission>': { keys: 109, bytes: 208_000 }, 'executor:<executor>': { keys: 1, bytes: 90_000 }, 'lock:<id>': { keys: 5, bytes: 500 } },
    });
    expect(report.leaks).toEqual([
      'executor:<executor>: +89700 bytes in keys that should not grow',
      'lock:<id>: +5 keys, expected +0',
      'sub:<submission>: +99 keys, expected +100',
      expect.stringMatching(/^redis used_memory: \+\d+\.\d MiB not held by the system's keys$/),
    ]);
  });
});

describe('judgeFigure', () => {
  it('applies the tolerances', () => {
    expect(judgeFigure({ kind: 'equal' }, 2, 2)).toBe('flat');
    expect(judgeFigure({ kind: 'equal' }, 2, 1)).toBe('changed');
    expect(judgeFigure({ kind: 'growth', absolute: 3, relative: 0 }, 20, 23)).toBe('flat');
    expect(judgeFigure({ kind: 'growth', absolute: 3, relative: 0 }, 20, 24)).toBe('grew');
    expect(judgeFigure({ kind: 'growth', absolute: 8, relative: 0.1 }, 100, 110)).toBe('flat');
    expect(judgeFigure({ kind: 'growth', absolute: 8, relative: 0.1 }, 100, 111)).toBe('grew');
    expect(judgeFigure({ kind: 'growth', absolute: 8, relative: 0.1 }, 100, 50)).toBe('flat');
    expect(judgeFigure({ kind: 'info', why: '' }, 1, 1000)).toBe('info');
    expect(judgeFigure({ kind: 'equal' }, 0, Number.NaN)).toBe('changed');
  });
});
