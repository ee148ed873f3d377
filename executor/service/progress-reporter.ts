import type { Logger } from 'pino';
import type { JudgeProgress } from '../../common/judge-result.js';
import type { IndexedTestResult } from '../../common/submission-events.js';

export interface Progress {
  done: number;
  total: number;
  /** Tests finished since the previous write, in order. */
  tests: IndexedTestResult[];
}

/**
 * Sends progress of one task in order, one write at a time. While a write is in flight, reports are merged
 * into one (newest counts, finished tests accumulated): a judge finishing tests faster than Redis answers
 * must not queue up writes, an older report must never overwrite a newer one, and no finished test is lost
 * to the live view. Failures are logged and dropped: progress is best effort.
 */
export class ProgressReporter {
  private pending: Progress | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly write: (progress: Progress) => Promise<void>,
    private readonly log: Logger,
  ) {}

  report(progress: JudgeProgress): void {
    const tests = this.pending?.tests ?? [];
    if (progress.last !== undefined) tests.push({ ...progress.last, index: progress.done - 1 });
    this.pending = { done: progress.done, total: progress.total, tests };
    this.writing ??= this.drain();
  }

  /** Resolves once every report has been written (or dropped). */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending !== undefined) {
        const progress = this.pending;
        this.pending = undefined;
        try {
          await this.write(progress);
        } catch (error) {
          this.log.warn({ err: error, progress }, 'could not report progress');
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
