/**
 * Queueing statistics over recent windows, as pure functions of the raw data (arrivals, finished jobs,
 * queue depths, heartbeats), so they are tested without Redis or RabbitMQ.
 */
import { LANES, type Lane } from '../../common/submission.js';
import type { ExecutorHeartbeat, FinishedJobStats } from '../store/redis-stats-store.js';

export const STATS_WINDOWS = [
  { name: '1m', ms: 60_000 },
  { name: '5m', ms: 300_000 },
  { name: '15m', ms: 900_000 },
] as const;
export type WindowName = (typeof STATS_WINDOWS)[number]['name'];

export interface WindowStats {
  /** Jobs finished in the window. */
  completed: number;
  /** Completed per second. */
  serviceRate: number;
  /** Mean of publish → finish, ms; null when nothing finished. */
  meanResponseMs: number | null;
  /** Mean of start → finish on the executor, ms; null when nothing finished. */
  meanServiceMs: number | null;
}

export interface LaneWindowStats extends WindowStats {
  /** Tasks published in the window. */
  arrivals: number;
  /** Arrivals per second. */
  arrivalRate: number;
}

export interface StatsReport {
  generatedAt: string;
  lanes: Record<Lane, { queueDepth: number | null; windows: Record<WindowName, LaneWindowStats> }>;
  executors: Record<
    string,
    { poolSize: number; busy: number; startedAt: string; lastSeen: string; windows: Record<WindowName, WindowStats> }
  >;
}

export interface StatsInput {
  now: number;
  /** Arrivals per lane and window (counts). */
  arrivals: Record<Lane, Record<WindowName, number>>;
  /** Jobs finished in the largest window. */
  jobs: readonly FinishedJobStats[];
  /** Messages waiting per lane, or undefined when the broker could not be asked. */
  queueDepths: Record<string, number> | undefined;
  executors: readonly ExecutorHeartbeat[];
}

export function computeStats(input: StatsInput): StatsReport {
  const lanes = {} as StatsReport['lanes'];
  for (const lane of LANES) {
    const windows = {} as Record<WindowName, LaneWindowStats>;
    for (const window of STATS_WINDOWS) {
      const arrivals = input.arrivals[lane][window.name];
      windows[window.name] = {
        arrivals,
        arrivalRate: round(arrivals / (window.ms / 1000)),
        ...summarize(input.jobs.filter((job) => job.lane === lane), input.now, window.ms),
      };
    }
    lanes[lane] = { queueDepth: input.queueDepths?.[lane] ?? null, windows };
  }
  const executors: StatsReport['executors'] = {};
  const names = new Set([...input.executors.map((e) => e.name), ...input.jobs.map((job) => job.executor).filter(Boolean)]);
  for (const name of [...names].sort()) {
    const heartbeat = input.executors.find((e) => e.name === name);
    const windows = {} as Record<WindowName, WindowStats>;
    for (const window of STATS_WINDOWS) {
      windows[window.name] = summarize(input.jobs.filter((job) => job.executor === name), input.now, window.ms);
    }
    executors[name] = {
      poolSize: heartbeat?.poolSize ?? 0,
      busy: heartbeat?.busy ?? 0,
      startedAt: heartbeat === undefined ? '' : new Date(heartbeat.startedAt).toISOString(),
      lastSeen: heartbeat === undefined ? '' : new Date(heartbeat.lastSeen).toISOString(),
      windows,
    };
  }
  return { generatedAt: new Date(input.now).toISOString(), lanes, executors };
}

/** Completion statistics of the jobs that finished in (now − windowMs, now]. */
export function summarize(jobs: readonly FinishedJobStats[], now: number, windowMs: number): WindowStats {
  const inWindow = jobs.filter((job) => job.finishedAt > now - windowMs && job.finishedAt <= now);
  const mean = (values: number[]): number | null =>
    values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  return {
    completed: inWindow.length,
    serviceRate: round(inWindow.length / (windowMs / 1000)),
    meanResponseMs: mean(inWindow.map((job) => job.responseMs)),
    meanServiceMs: mean(inWindow.map((job) => job.serviceMs)),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
