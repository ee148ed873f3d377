import { LANES, type Lane } from '../../common/submission.js';
import type { TaskPublisher } from '../queue/task-publisher.js';
import type { RedisStatsStore } from '../store/redis-stats-store.js';
import { computeStats, STATS_WINDOWS, type StatsReport, type WindowName } from './compute-stats.js';

/** Executors silent for longer than this are left out of the report, ms. */
const EXECUTOR_STALE_MS = 60_000;

/** Gathers the raw data and computes the report of GET /api/v1/stats. */
export async function collectStats(stats: RedisStatsStore, publisher: TaskPublisher, now = Date.now()): Promise<StatsReport> {
  const largest = Math.max(...STATS_WINDOWS.map((w) => w.ms));
  const arrivals = {} as Record<Lane, Record<WindowName, number>>;
  await Promise.all(
    LANES.map(async (lane) => {
      const counts = {} as Record<WindowName, number>;
      for (const window of STATS_WINDOWS) counts[window.name] = await stats.countArrivals(lane, now - window.ms + 1, now);
      arrivals[lane] = counts;
    }),
  );
  const [jobs, queueDepths, executors] = await Promise.all([
    stats.finishedBetween(now - largest, now),
    publisher.queueDepths(),
    stats.executors(now - EXECUTOR_STALE_MS),
  ]);
  return computeStats({ now, arrivals, jobs, queueDepths, executors });
}
