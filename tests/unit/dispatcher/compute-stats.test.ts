import { describe, expect, it } from 'vitest';
import { computeStats, summarize } from '../../../dispatcher/stats/compute-stats.js';
import type { FinishedJobStats } from '../../../dispatcher/store/redis-stats-store.js';

const now = 1_700_000_000_000;
const job = (finishedAgoS: number, lane: string, executor: string, responseMs: number): FinishedJobStats => ({
  id: `j${finishedAgoS}`,
  round: 0,
  kind: 'submission',
  lane,
  executor,
  outcome: 'AC',
  userId: 'u',
  courseId: 'c',
  problemId: 'p',
  responseMs,
  serviceMs: responseMs / 2,
  cpuMs: 1,
  finishedAt: now - finishedAgoS * 1000,
});

describe('computeStats', () => {
  it('computes rates and means per lane and executor over 1, 5 and 15 minutes', () => {
    const jobs = [job(10, 'submission', 'e1', 1000), job(30, 'submission', 'e2', 3000), job(200, 'run', 'e1', 500), job(800, 'submission', 'e1', 2000)];
    const zero = { '1m': 0, '5m': 0, '15m': 0 };
    const report = computeStats({
      now,
      arrivals: { submission: { '1m': 6, '5m': 12, '15m': 30 }, run: { '1m': 0, '5m': 3, '15m': 3 }, rejudge: zero },
      jobs,
      queueDepths: { submission: 4, run: 0, rejudge: 1 },
      executors: [{ name: 'e1', poolSize: 4, busy: 2, startedAt: now - 1000, lastSeen: now }],
    });
    expect(report.lanes.submission.queueDepth).toBe(4);
    expect(report.lanes.submission.windows['1m']).toEqual({
      arrivals: 6,
      arrivalRate: 0.1,
      completed: 2,
      serviceRate: 0.033,
      meanResponseMs: 2000,
      meanServiceMs: 1000,
    });
    expect(report.lanes.submission.windows['15m'].completed).toBe(3);
    expect(report.lanes.run.windows['1m'].meanResponseMs).toBeNull();
    expect(report.lanes.run.windows['5m'].completed).toBe(1);
    expect(report.executors.e1).toMatchObject({ poolSize: 4, busy: 2 });
    expect(report.executors.e1?.windows['15m'].completed).toBe(3);
    expect(report.executors.e2).toMatchObject({ poolSize: 0, lastSeen: '' });
  });

  it('reports an unknown queue depth as null', () => {
    const zero = { '1m': 0, '5m': 0, '15m': 0 };
    const report = computeStats({ now, arrivals: { submission: zero, run: zero, rejudge: zero }, jobs: [], queueDepths: undefined, executors: [] });
    expect(report.lanes.rejudge.queueDepth).toBeNull();
    expect(summarize([], now, 60_000)).toEqual({ completed: 0, serviceRate: 0, meanResponseMs: null, meanServiceMs: null });
  });
});
