/** What a soak reports (the JSON of `npm run soak -- --json` and tests/artifacts/soak.json), and why it failed. */
import { round } from '../bench/bench-stats.js';
import type { FigureRow } from './flat-figures.js';
import type { OutcomeSummary } from './outcome-summary.js';
import type { RetentionReport } from './redis-retention.js';
import type { ResourceSample } from './resource-probe.js';
import type { SoakOptions } from './soak-run.js';
import type { SoakPlan } from './soak-plan.js';

export interface SoakReport {
  pass: boolean;
  /** Why it did not pass, one line each. */
  failures: string[];
  settings: Omit<SoakOptions, 'log' | 'exitOnSignals'>;
  system: { keyPrefix: string; queuePrefix: string; executor: string };
  plan: Omit<SoakPlan, 'submissions'> & { costsMs: Record<string, number> };
  timing: { calibrationS: number; warmUpS: number; runS: number; expectedRunS: number; totalS: number; submissionsPerSecond: number };
  calibration: OutcomeSummary;
  warmUp: OutcomeSummary;
  run: OutcomeSummary;
  webhooks: WebhookFigures;
  figures: FigureRow[];
  retention: RetentionReport;
  during: { samples: number; failedReadings: number; series: CompactSample[] };
  /** The executor's own counters (its heartbeat hash) after the soak. */
  executorCounters: Record<string, string>;
}

export interface WebhookFigures {
  lmsSubmissions: number;
  /** Requests the LMS endpoint received (every attempt). */
  requests: number;
  /** LMS submissions whose deliveries carried more than one `webhook-id` (a receiver could not deduplicate them). */
  moreThanOneDeliveryId: number;
  /** Requests that were not a submission.judged webhook. */
  unreadable: number;
}

/** A reading during the run, in the JSON report (the full samples would be mostly repetition). */
export interface CompactSample {
  /** s since the run started. */
  t: number;
  rssMb: { dispatcher: number; executor: number };
  fds: { dispatcher: number; executor: number };
  queued: number;
  containers: { pool: number; all: number };
  redisUsedMb: number;
}

export function compactSample(sample: ResourceSample, startMs: number): CompactSample {
  return {
    t: round((sample.at - startMs) / 1000, 0),
    rssMb: { dispatcher: round(sample.rssMb.dispatcher, 1), executor: round(sample.rssMb.executor, 1) },
    fds: sample.fds,
    queued: sample.queuedMessages,
    containers: { pool: sample.containers.pool, all: sample.containers.all },
    redisUsedMb: round(sample.redis.usedMemoryMb, 1),
  };
}

/** One line per reason the soak fails: submissions that went wrong in any phase, figures that moved, leaks. */
export function listFailures(
  summaries: Record<'calibration' | 'warmUp' | 'run', OutcomeSummary>,
  figures: readonly FigureRow[],
  retention: RetentionReport,
  webhooks: WebhookFigures,
): string[] {
  const failures: string[] = [];
  for (const [phase, summary] of Object.entries(summaries)) {
    const wrong = Object.entries(summary.problems).filter(([, count]) => count > 0);
    if (wrong.length > 0) failures.push(`${phase}: ${wrong.map(([kind, count]) => `${count} ${kind}`).join(', ')} of ${summary.submissions}`);
  }
  for (const row of figures) {
    if (row.verdict === 'grew' || row.verdict === 'changed') failures.push(`${row.key} ${row.verdict}: ${round(row.before, 1)} → ${round(row.after, 1)} (${row.tolerance})`);
  }
  failures.push(...retention.leaks.map((leak) => `redis: ${leak}`));
  if (webhooks.moreThanOneDeliveryId > 0) failures.push(`webhooks: ${webhooks.moreThanOneDeliveryId} submissions got deliveries with different ids`);
  if (webhooks.unreadable > 0) failures.push(`webhooks: ${webhooks.unreadable} requests that were not a submission.judged webhook`);
  return failures;
}
