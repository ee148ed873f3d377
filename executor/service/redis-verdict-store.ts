import type { JudgeResult } from '../../common/judge-result.js';
import { redisKeys, type RedisKeys } from '../../common/redis-keys.js';
import type { RunResult } from '../../common/run-result.js';
import type { SubmissionEvent, SubmissionFinalEvent } from '../../common/submission-events.js';
import { webhookDeliveryId } from '../../common/webhook-delivery.js';
import type { Progress } from './progress-reporter.js';
import type { RedisConnection } from './redis-connection.js';
import type { FinishedJob, RunRecords, SkipReason, StartOutcome, SubmissionVerdicts } from './task-processor.js';
import { FINISH, FINISH_RUN, REPORT_PROGRESS, START_JUDGING, START_RUN } from './verdict-scripts.js';

export interface RedisVerdictStoreOptions {
  keyPrefix: string;
  /** How long a finished run's record stays readable at least, s. */
  runResultTtlSeconds: number;
  /** How long finished jobs are kept for statistics, ms. Default 24 h. */
  statsRetentionMs?: number;
}

const SKIP_REASONS: readonly SkipReason[] = ['final', 'cancelled', 'stale', 'missing'];

/**
 * Submission and run records in Redis (layout: common/redis-keys.ts, events: common/submission-events.ts,
 * webhooks: common/webhook-delivery.ts). Every change is one Lua script (verdict-scripts.ts) that enforces
 * ALLOWED_TRANSITIONS, so each method is atomic and idempotent. Rejects with StoreUnavailableError while
 * Redis cannot be reached.
 */
export class RedisVerdictStore implements SubmissionVerdicts, RunRecords {
  private readonly keys: RedisKeys;
  private readonly retentionMs: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisVerdictStoreOptions,
  ) {
    this.keys = redisKeys(options.keyPrefix);
    this.retentionMs = options.statsRetentionMs ?? 24 * 3600_000;
  }

  async startJudging(id: string, round: number, executor: string): Promise<StartOutcome> {
    const event: SubmissionEvent = { type: 'status', status: 'judging', round, executor };
    const reply = await this.redis.script<string>(
      START_JUDGING,
      [this.keys.submission(id)],
      [round, executor, new Date().toISOString(), this.keys.submissionEvents(id), JSON.stringify(event)],
    );
    return toStartOutcome(reply);
  }

  async reportProgress(id: string, round: number, executor: string, progress: Progress): Promise<void> {
    const counts = { done: progress.done, total: progress.total };
    const event: SubmissionEvent = { type: 'progress', round, ...counts, ...(progress.tests.length > 0 && { tests: progress.tests }) };
    await this.redis.script<string>(
      REPORT_PROGRESS,
      [this.keys.submission(id)],
      [round, executor, JSON.stringify(counts), this.keys.submissionEvents(id), JSON.stringify(event)],
    );
  }

  async finish(job: FinishedJob<JudgeResult>): Promise<'stored' | 'skip'> {
    const { id, round, result } = job;
    const now = Date.now();
    const event: SubmissionFinalEvent = { type: 'final', status: 'done', round, result };
    const reply = await this.redis.script<string>(
      FINISH,
      [
        this.keys.submission(id),
        this.keys.webhook(webhookDeliveryId(id, round)),
        this.keys.webhooksDue(),
        this.keys.finishedJobs(),
        this.keys.finishedJob(id, round),
      ],
      [
        round,
        JSON.stringify(result),
        new Date(now).toISOString(),
        now,
        job.executor,
        this.keys.submissionEvents(id),
        JSON.stringify(event),
        this.keys.verdictEvents(),
        JSON.stringify({ ...event, id }),
        webhookDeliveryId(id, round),
        result.verdict,
        result.score,
        result.maxScore,
        this.retentionMs,
        `${id}:${round}`,
        ...statsFields(job, 'submission', result.verdict, now),
      ],
    );
    return reply === 'stored' ? 'stored' : 'skip';
  }

  /** The record's judging round, or undefined when there is no record. */
  async currentRound(id: string): Promise<number | undefined> {
    const round = await this.redis.command<string | null>(['HGET', this.keys.submission(id), 'round']);
    return round === null ? undefined : Number(round);
  }

  async startRun(id: string, executor: string): Promise<StartOutcome> {
    const reply = await this.redis.script<string>(
      START_RUN,
      [this.keys.run(id)],
      [executor, new Date().toISOString(), this.keys.runEvents(id), JSON.stringify({ type: 'status', status: 'judging', executor })],
    );
    return toStartOutcome(reply);
  }

  async finishRun(job: FinishedJob<RunResult>): Promise<'stored' | 'skip'> {
    const now = Date.now();
    const reply = await this.redis.script<string>(
      FINISH_RUN,
      [this.keys.run(job.id), this.keys.finishedJobs(), this.keys.finishedJob(job.id, 0)],
      [
        JSON.stringify(job.result),
        new Date(now).toISOString(),
        now,
        job.executor,
        this.keys.runEvents(job.id),
        JSON.stringify({ type: 'final', status: 'done', result: job.result }),
        this.options.runResultTtlSeconds,
        this.retentionMs,
        `${job.id}:0`,
        ...statsFields({ ...job, round: 0 }, 'run', job.result.status, now),
      ],
    );
    return reply === 'stored' ? 'stored' : 'skip';
  }
}

function toStartOutcome(reply: string): StartOutcome {
  if (reply === 'start') return { start: true };
  if ((SKIP_REASONS as readonly string[]).includes(reply)) return { start: false, reason: reply as SkipReason };
  throw new Error(`unexpected reply from the start script: ${JSON.stringify(reply)}`);
}

/** The finishedJob hash fields (see redisKeys().finishedJob), as field, value pairs. */
function statsFields(job: FinishedJob<unknown>, kind: 'submission' | 'run', outcome: string, now: number): string[] {
  const fields: Record<string, string | number> = {
    id: job.id,
    round: job.round,
    kind,
    lane: job.lane,
    executor: job.executor,
    outcome,
    responseMs: Math.max(0, now - job.publishedAt),
    serviceMs: Math.max(0, now - job.startedAt),
    cpuMs: Math.round(job.cpuMs),
    finishedAt: now,
  };
  return Object.entries(fields).flatMap(([field, value]) => [field, String(value)]);
}
