/** One report of a failure streak: its first failure, or a reminder that it goes on. */
export interface OutageReport {
  error: unknown;
  /** True for the first failure of the streak; false for a reminder. */
  first: boolean;
  /** Since the first failure of the streak, ms. */
  downMs: number;
  /** Failures in the streak so far, this one included. */
  failures: number;
}

export interface OutageLogHandlers {
  /** The first failure of a streak, then at most one call per remindMs while it goes on. */
  report(report: OutageReport): void;
  /** The first success after a streak. */
  recovered(recovery: { downMs: number; failures: number }): void;
}

/**
 * Turns a stream of identical failures of one dependency (an engine, a server that is not up yet) into a
 * few log lines: one when the streak begins, a reminder every `remindMs` while it lasts, one when it ends.
 * An operator sees at once what is missing, is reminded while it still is, and is told when it is back,
 * without a line per retry. It only counts and throttles: what to say is the handlers' business.
 */
export class OutageLog {
  /** ms since epoch of the first failure of the current streak; undefined while things work. */
  private since: number | undefined;
  private lastReportAt = 0;
  private failures = 0;

  constructor(
    private readonly handlers: OutageLogHandlers,
    /** While failing, how often the report is repeated, ms. */
    readonly remindMs = 30_000,
  ) {}

  /** Whether a failure streak is going on. */
  get failing(): boolean {
    return this.since !== undefined;
  }

  /** An attempt failed: reported if it begins a streak or a reminder is due. */
  failed(error: unknown): void {
    const now = Date.now();
    this.failures++;
    const first = this.since === undefined;
    this.since ??= now;
    if (!first && now - this.lastReportAt < this.remindMs) return;
    this.lastReportAt = now;
    this.handlers.report({ error, first, downMs: now - this.since, failures: this.failures });
  }

  /** An attempt succeeded: ends a streak (reported). Nothing is said when there was none. */
  succeeded(): void {
    if (this.since === undefined) return;
    const recovery = { downMs: Date.now() - this.since, failures: this.failures };
    this.since = undefined;
    this.failures = 0;
    this.handlers.recovered(recovery);
  }
}
