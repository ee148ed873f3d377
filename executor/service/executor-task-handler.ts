import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Lane } from '../../common/submission.js';
import type { TaskMessage } from '../../common/task-message.js';
import type { DeadLetterHandler } from './dead-letter-handler.js';
import { parseTaskMessage } from './parse-task-message.js';
import type { TaskDelivery, TaskHandler, TaskHandlerOutcome } from './rabbit-task-consumer.js';
import { logId, type TaskOutcome, type TaskProcessor } from './task-processor.js';

/** Counts since start, for heartbeats. */
export interface TaskCounts {
  judged: number;
  runs: number;
  internalErrors: number;
  requeued: number;
  /** Tasks in a language this executor does not serve, handed back for another executor. */
  handedBack: number;
}

/** Which languages this executor judges, and how long it hands back the others. */
export interface ServedLanguagePolicy {
  serves(languageId: string): boolean;
  /** Past this age (from publication), a task nobody serving its language took ends as an IE, ms. */
  unservedTimeoutMs: number;
}

/** Pause before handing back a task that has already gone round `handBacks` times, ms (see handBack). */
export function handBackPauseMs(handBacks: number): number {
  return Math.min(handBacks, 10) * 100;
}

/**
 * Validates each message, keeps one executor from judging the same task twice at once, and routes it:
 * a valid task to the TaskProcessor, an invalid one or a dead letter to the DeadLetterHandler, and a task
 * in a language this executor does not serve back to the queue for one that does.
 */
export class ExecutorTaskHandler implements TaskHandler {
  readonly counts: TaskCounts = { judged: 0, runs: 0, internalErrors: 0, requeued: 0, handedBack: 0 };
  /** Tasks being processed here, by `<kind>:<id>:<round>`. */
  private readonly running = new Map<string, Promise<TaskOutcome>>();

  constructor(
    private readonly processor: TaskProcessor,
    private readonly deadLetters: DeadLetterHandler,
    private readonly languages: ServedLanguagePolicy,
    private readonly log: Logger,
  ) {}

  async handle(lane: Lane, body: Buffer, delivery: TaskDelivery): Promise<TaskHandlerOutcome> {
    const parsed = parseTaskMessage(body);
    if (!parsed.ok) {
      this.log.error({ lane, reason: parsed.reason, target: parsed.target }, 'invalid task message');
      const outcome = await this.deadLetters.invalid(parsed, lane);
      if (outcome === 'ack') this.counts.internalErrors++;
      return outcome === 'ack' ? 'reject' : 'requeue';
    }
    const { task } = parsed;
    if (task.lane !== lane) this.log.warn({ ...logId(task.kind, task.id), lane, taskLane: task.lane }, 'task found on another lane than it names');
    if (!this.languages.serves(task.languageId)) return this.handBack(task, delivery);
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

  /**
   * A task in a language this executor does not serve (the executors share the lane queues, and the
   * dispatcher accepts a language as long as one live executor serves it): it is not judged here, neither
   * as CE nor as IE, but handed back to the tail of its queue as a new message (the consumer republishes
   * it), which spends none of the queue's delivery limit, so that an executor serving it takes it. A task
   * that keeps coming back waits a little longer each time first (up to 1 s), so that executors lacking a
   * language do not pass its tasks round the queue at broker speed while the ones serving it are busy or
   * restarting. Only when no executor serving it took it within JUEZ_UNSERVED_TIMEOUT_S of its
   * publication does it end, as an IE naming the language, so that every accepted task still ends.
   */
  private async handBack(task: TaskMessage, delivery: TaskDelivery): Promise<TaskHandlerOutcome> {
    const taskLog = this.log.child({ ...logId(task.kind, task.id), round: task.round, languageId: task.languageId, handBacks: delivery.handBacks });
    const ageMs = Date.now() - task.publishedAt;
    if (ageMs > this.languages.unservedTimeoutMs) {
      const seconds = Math.round(this.languages.unservedTimeoutMs / 1000);
      const why = `no executor serving language '${task.languageId}' took the task within ${seconds} s (handed back ${delivery.handBacks} times by executors whose image lacks it)`;
      const outcome = await this.deadLetters.unserved(task, why);
      if (outcome === 'ack') this.counts.internalErrors++;
      return outcome;
    }
    const pauseMs = handBackPauseMs(delivery.handBacks);
    if (pauseMs > 0) await sleep(pauseMs, undefined, { signal: delivery.signal }).catch(() => undefined);
    taskLog.debug('language not served here: handing the task back');
    this.counts.handedBack++;
    return 'handback';
  }
}
