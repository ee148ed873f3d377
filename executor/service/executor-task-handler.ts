import type { Logger } from 'pino';
import type { Lane } from '../../common/submission.js';
import type { DeadLetterHandler } from './dead-letter-handler.js';
import { parseTaskMessage } from './parse-task-message.js';
import type { TaskDelivery, TaskHandler } from './rabbit-task-consumer.js';
import { logId, type TaskOutcome, type TaskProcessor } from './task-processor.js';

/** Counts since start, for heartbeats. */
export interface TaskCounts {
  judged: number;
  runs: number;
  internalErrors: number;
  requeued: number;
}

/**
 * Validates each message, keeps one executor from judging the same task twice at once, and routes it:
 * a valid task to the TaskProcessor, an invalid one or a dead letter to the DeadLetterHandler.
 */
export class ExecutorTaskHandler implements TaskHandler {
  readonly counts: TaskCounts = { judged: 0, runs: 0, internalErrors: 0, requeued: 0 };
  /** Tasks being processed here, by `<kind>:<id>:<round>`. */
  private readonly running = new Map<string, Promise<TaskOutcome>>();

  constructor(
    private readonly processor: TaskProcessor,
    private readonly deadLetters: DeadLetterHandler,
    private readonly log: Logger,
  ) {}

  async handle(lane: Lane, body: Buffer, delivery: TaskDelivery): Promise<'ack' | 'requeue' | 'reject'> {
    const parsed = parseTaskMessage(body);
    if (!parsed.ok) {
      this.log.error({ lane, reason: parsed.reason, target: parsed.target }, 'invalid task message');
      const outcome = await this.deadLetters.invalid(parsed, lane);
      if (outcome === 'ack') this.counts.internalErrors++;
      return outcome === 'ack' ? 'reject' : 'requeue';
    }
    const { task } = parsed;
    if (task.lane !== lane) this.log.warn({ ...logId(task.kind, task.id), lane, taskLane: task.lane }, 'task found on another lane than it names');
    const key = `${task.kind}:${task.id}:${task.round}`;
    const original = this.running.get(key);
    if (original !== undefined) {
      // A redelivery of a task still judged here (its first delivery's channel died): the first one's
      // outcome settles this copy too, without judging twice.
      this.log.info({ ...logId(task.kind, task.id), round: task.round }, 'duplicate of a task in progress: waiting for it');
      return original;
    }
    const processing = this.processor.process(task, delivery);
    this.running.set(key, processing);
    try {
      const outcome = await processing;
      if (outcome === 'requeue') this.counts.requeued++;
      return outcome;
    } finally {
      this.running.delete(key);
    }
  }

  async handleDeadLetter(body: Buffer, reason: string): Promise<'ack' | 'requeue'> {
    const outcome = await this.deadLetters.deadLettered(body, reason);
    return outcome;
  }

  /** Called by the processor for every stored result. */
  count(kind: 'submission' | 'run', internalError: boolean): void {
    if (kind === 'run') this.counts.runs++;
    else this.counts.judged++;
    if (internalError) this.counts.internalErrors++;
  }
}
