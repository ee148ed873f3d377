import type { Logger } from 'pino';
import type { Lane } from '../../common/submission.js';
import type { TaskMessage } from '../../common/task-message.js';
import { parseTaskMessage, type InvalidTaskMessage } from './parse-task-message.js';
import { retryWhileUnavailable } from './retry-while-unavailable.js';
import {
  internalErrorResult,
  internalErrorRun,
  logId,
  type RunRecords,
  type SubmissionVerdicts,
  type TaskOutcome,
} from './task-processor.js';

/** What the handler needs beyond the processor's interfaces: the round of a task that did not say. */
export interface CurrentRounds {
  currentRound(id: string): Promise<number | undefined>;
}

export interface DeadLetterHandlerOptions {
  executor: string;
  verdicts: SubmissionVerdicts & CurrentRounds;
  runs: RunRecords;
  log: Logger;
  storeRetryMs: number;
}

/** A task that will never be judged, and why (for the IE message). */
interface Unjudgeable {
  kind: 'submission' | 'run';
  id: string;
  /** Undefined: the record's current round. */
  round: number | undefined;
  lane: Lane;
  publishedAt: number | undefined;
  message: string;
}

/**
 * Gives an IE (culprit `executor`) to tasks that cannot be judged: messages that fail validation, and
 * tasks the broker dead-lettered after failing on every delivery. Only a record that is not final yet is
 * changed (the verdict scripts enforce it), so a task whose verdict was stored before its ack got lost
 * keeps its verdict.
 */
export class DeadLetterHandler {
  constructor(private readonly options: DeadLetterHandlerOptions) {}

  /** An invalid message consumed from a lane: its submission (or run), if it names one, gets an IE. */
  async invalid(parsed: InvalidTaskMessage, lane: Lane): Promise<TaskOutcome> {
    if (parsed.target === undefined) {
      this.options.log.error({ reason: parsed.reason, lane }, 'invalid task message naming no task: dropped');
      return 'ack';
    }
    return this.fail({
      ...parsed.target,
      round: parsed.target.round,
      lane,
      publishedAt: undefined,
      message: `invalid task message: ${parsed.reason}`,
    });
  }

  /** A message from the dead-letter queue; `reason` is its x-death reason (e.g. `delivery_limit`). */
  async deadLettered(body: Buffer, reason: string): Promise<TaskOutcome> {
    const parsed = parseTaskMessage(body);
    if (!parsed.ok) {
      // Our own rejection of an invalid message: its IE was given when it was rejected; this is a retry.
      if (parsed.target === undefined) return 'ack';
      return this.fail({ ...parsed.target, round: parsed.target.round, lane: 'submission', publishedAt: undefined, message: `invalid task message: ${parsed.reason}` });
    }
    const { task } = parsed;
    const why =
      reason === 'delivery_limit'
        ? 'the task failed on every delivery and was given up (see the executor logs for the cause)'
        : `the task was dead-lettered (${reason})`;
    return this.fail({ kind: task.kind, id: task.id, round: task.round, lane: task.lane, publishedAt: task.publishedAt, message: why });
  }

  /**
   * A valid task that no executor serving its language took before `why` gave up on it (see
   * ExecutorTaskHandler): an IE naming the missing language, never a verdict on the student's program.
   */
  async unserved(task: TaskMessage, why: string): Promise<TaskOutcome> {
    return this.fail({ kind: task.kind, id: task.id, round: task.round, lane: task.lane, publishedAt: task.publishedAt, message: why });
  }

  private async fail(task: Unjudgeable): Promise<TaskOutcome> {
    const { executor, verdicts, runs, log } = this.options;
    const taskLog = log.child({ ...logId(task.kind, task.id), round: task.round });
    const now = Date.now();
    const job = { id: task.id, lane: task.lane, executor, publishedAt: task.publishedAt ?? now, startedAt: now, cpuMs: 0 };
    const retry = { maxMs: this.options.storeRetryMs, onRetry: () => taskLog.warn('verdict store unavailable: retrying') };
    try {
      if (task.kind === 'run') {
        const stored = await retryWhileUnavailable(() => runs.finishRun({ ...job, round: 0, result: internalErrorRun('executor', task.message) }), retry);
        taskLog.warn({ stored, why: task.message }, 'run ended with an internal error');
        return 'ack';
      }
      const round = task.round ?? (await retryWhileUnavailable(() => verdicts.currentRound(task.id), retry));
      if (round === undefined) {
        taskLog.warn({ why: task.message }, 'unjudgeable task of an unknown submission: dropped');
        return 'ack';
      }
      const result = internalErrorResult('executor', task.message);
      const stored = await retryWhileUnavailable(() => verdicts.finish({ ...job, round, result }), retry);
      taskLog.warn({ stored, why: task.message }, 'submission ended with an internal error');
      return 'ack';
    } catch (error) {
      taskLog.error({ err: error }, 'could not store the internal error: returning the message');
      return 'requeue';
    }
  }
}
