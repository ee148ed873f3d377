import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../../common/judge-result.js';
import { ProgressReporter, type Progress } from '../../../executor/service/progress-reporter.js';

const test = (n: number): TestCaseResult => ({ name: `secret/${n}`, group: 'secret', verdict: 'AC', cpuMs: 1, wallMs: 2, memoryKb: 3 });

describe('ProgressReporter', () => {
  it('writes in order, one at a time, merging reports while a write is in flight without losing a test', async () => {
    const written: Progress[] = [];
    let inFlight = 0;
    const reporter = new ProgressReporter(async (p) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(p);
      inFlight--;
    }, pino({ level: 'silent' }));
    for (let done = 1; done <= 5; done++) reporter.report({ done, total: 5, last: test(done) });
    await reporter.flush();
    expect(written).toEqual([
      { done: 1, total: 5, tests: [{ ...test(1), index: 0 }] },
      { done: 5, total: 5, tests: [2, 3, 4, 5].map((n) => ({ ...test(n), index: n - 1 })) },
    ]);
  });

  it('drops a failed write and goes on', async () => {
    const written: Progress[] = [];
    const reporter = new ProgressReporter(async (p) => {
      if (p.done === 1) throw new Error('redis down');
      written.push(p);
    }, pino({ level: 'silent' }));
    reporter.report({ done: 1, total: 2 });
    await reporter.flush();
    reporter.report({ done: 2, total: 2 });
    await reporter.flush();
    expect(written).toEqual([{ done: 2, total: 2, tests: [] }]);
  });
});
