/**
 * Publishes again the tasks of submissions a dispatcher stored but never saw confirmed: it died (or lost
 * Redis) between create() and the broker's confirm, and the record would otherwise stay `queued` forever.
 * Such submissions stay in the store's outbox (redis-submission-store.ts); every dispatcher looks there
 * every JUEZ_ORPHAN_SWEEP_S for entries older than JUEZ_ORPHAN_AFTER_S, which no live request is waiting
 * on any more.
 *
 * Publishing twice is harmless: the dead dispatcher's task may have reached the broker after all, but
 * the executor's verdict scripts start and finish a round at most once (a task for a final record is
 * acked unjudged, one for a record being judged takes it over and only the first verdict is stored). A
 * record an executor already took needs no task, only the indexing its dispatcher did not do.
 */
import type { Logger } from 'pino';
import type { TaskMessage } from '../../common/task-message.js';
import type { RedisProblemStore } from '../store/redis-problem-store.js';
import type { RedisSubmissionStore } from '../store/redis-submission-store.js';
import type { TaskPublisher } from './task-publisher.js';

export interface OrphanSweeperOptions {
  submissions: Pick<RedisSubmissionStore, 'claimOrphans' | 'forgetOrphan' | 'get' | 'getSources' | 'confirm'>;
  problems: Pick<RedisProblemStore, 'getVersionRef'>;
  publisher: TaskPublisher;
  log: Logger;
  /** An outbox entry this old has no request waiting on it any more, ms. */
  orphanAfterMs: number;
  /** How often to look, ms. */
  intervalMs: number;
  /** Told about every task published again (for the published-tasks metric). */
  onPublished?(task: TaskMessage): void;
}

/** Entries handled per sweep; the rest wait for the next one. */
const BATCH = 100;

export class OrphanSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: OrphanSweeperOptions) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'orphan sweep failed; trying again later'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops looking; resolves once a sweep under way has finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One pass: claims the orphans due now and publishes each one's task. A task that cannot be published
   * stays in the outbox, due again after another JUEZ_ORPHAN_AFTER_S. Resolves with how many were published.
   */
  async sweep(now = Date.now()): Promise<number> {
    const { submissions, log } = this.options;
    const ids = await submissions.claimOrphans(now - this.options.orphanAfterMs, now, BATCH);
    let published = 0;
    for (const id of ids) {
      try {
        if (await this.recover(id)) published += 1;
      } catch (error) {
        log.warn({ err: error, submissionId: id }, 'orphaned submission not published; trying again later');
      }
    }
    return published;
  }

  /** Publishes the task of one orphan if it still needs one; true when it did. */
  private async recover(id: string): Promise<boolean> {
    const { submissions, problems, publisher, log } = this.options;
    const stored = await submissions.get(id);
    if (stored === undefined) {
      // Discarded (answered 503) or never fully written: nothing to judge.
      await submissions.forgetOrphan(id);
      return false;
    }
    const { record } = stored;
    if (record.status !== 'queued') {
      await submissions.confirm(record, undefined);
      log.info({ submissionId: id, status: record.status }, 'orphaned submission was published after all; indexed');
      return false;
    }
    const [files, version] = await Promise.all([submissions.getSources(id), problems.getVersionRef(record.problemId, record.problemVersion)]);
    if (files === undefined) throw new Error(`the sources of ${id} are missing`);
    if (version === undefined) throw new Error(`version ${record.problemVersion} of problem ${record.problemId} is missing`);
    const task: TaskMessage = {
      v: 1,
      kind: 'submission',
      lane: record.lane,
      id,
      round: record.round,
      problemId: record.problemId,
      problemVersion: record.problemVersion,
      packageHash: version.packageHash,
      languageId: record.languageId,
      files,
      publishedAt: Date.now(),
    };
    await publisher.publish(task);
    await submissions.confirm(record, task.publishedAt);
    this.options.onPublished?.(task);
    log.info({ submissionId: id, round: record.round, lane: record.lane }, 'orphaned submission published again');
    return true;
  }
}
