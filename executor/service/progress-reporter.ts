import type { Logger } from 'pino';

export interface Progress {
  done: number;
  total: number;
}

/**
 * Sends progress of one task in order, one write at a time, keeping only the newest report while a write
 * is in flight: a judge finishing tests faster than Redis answers must not queue up writes, and an older
 * report must never overwrite a newer one. Failures are logged and dropped: progress is best effort.
 */
export class ProgressReporter {
  private pending: Progress | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly write: (progress: Progress) => Promise<void>,
    private readonly log: Logger,
  ) {}

  report(progress: Progress): void {
    this.pending = progress;
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
