import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ProgressReporter, type Progress } from '../../../executor/service/progress-reporter.js';

describe('ProgressReporter', () => {
  it('writes in order, one at a time, keeping only the newest report while a write is in flight', async () => {
    const written: Progress[] = [];
    let inFlight = 0;
    const reporter = new ProgressReporter(async (p) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(p);
      inFlight--;
    }, pino({ level: 'silent' }));
    for (let done = 1; done <= 5; done++) reporter.report({ done, total: 5 });
    await reporter.flush();
    expect(written).toEqual([
      { done: 1, total: 5 },
      { done: 5, total: 5 },
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
    expect(written).toEqual([{ done: 2, total: 2 }]);
  });
});
