/**
 * Whether a pool's container engine works, judged from the pool's own calls to it (creations, removals).
 * It turns a stream of identical failures into a few clear log lines, and lets every back-off in the pool
 * end as soon as one call succeeds again: when Docker restarts, all of them fail together and should all
 * resume together.
 */
import { isConnectionFailure } from '../../common/dependencies/connection-failure.js';
import { OutageLog, type OutageReport } from '../../common/outage-log.js';
import type { SandboxLogger } from './sandbox-factory.js';

/**
 * True when `error`, or an error in its `cause` chain, is a failure to reach the engine at all: nobody
 * answers on its socket (dockerd is gone, restarting, or not started yet; the socket file is missing).
 */
export function isEngineUnreachable(error: unknown): boolean {
  return isConnectionFailure(error);
}

export class EngineHealth {
  private readonly outages: OutageLog;
  private readonly sleepers = new Set<() => void>();
  /** What the last failed call tried to do to sandboxes ("create", "remove"), for the report. */
  private what = '';

  constructor(
    private readonly pool: string,
    private readonly log: SandboxLogger,
    /** Sandboxes the pool lacks now (being replaced), for the error message. */
    private readonly missing: () => number,
    /** While failing, how often the error is repeated (with what is missing), ms. */
    remindMs = 30_000,
  ) {
    this.outages = new OutageLog({ report: (report) => this.report(report), recovered: (recovery) => this.recovered(recovery) }, remindMs);
  }

  /**
   * A call to the engine failed. Logs an error at the start of a streak and then every remindMs, saying
   * whether the engine is unreachable and how many sandboxes are missing, so that the operator knows
   * judging waits for it.
   */
  failed(what: string, error: unknown): void {
    this.what = what;
    this.outages.failed(error);
  }

  /** A call to the engine succeeded: ends a failure streak (logged) and wakes every back-off. */
  succeeded(): void {
    if (!this.outages.failing) return;
    this.outages.succeeded();
    for (const wake of [...this.sleepers]) wake();
  }

  private report({ error, first, downMs, failures }: OutageReport): void {
    const message = error instanceof Error ? error.message : String(error);
    const cause = isEngineUnreachable(error) ? 'the container engine is unreachable' : 'the container engine fails';
    const since = first ? '' : ` for ${Math.round(downMs / 1000)} s (${failures} failed calls)`;
    const missing = this.missing();
    const impact = missing > 0 ? `${missing} of the pool's sandboxes missing, tasks wait for them; ` : '';
    this.log('error', `pool ${this.pool}: cannot ${this.what} sandboxes: ${cause}${since} (${message}); ${impact}retrying with back-off`, {
      pool: this.pool,
      missing,
    });
  }

  private recovered({ downMs, failures }: { downMs: number; failures: number }): void {
    const seconds = Math.round(downMs / 1000);
    this.log('info', `pool ${this.pool}: the container engine answers again after ${seconds} s (${failures} failed calls)`, { pool: this.pool });
  }

  /** Waits `ms`, or less: until the engine works again (succeeded()) or `signal` aborts. Never rejects. */
  pause(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.sleepers.add(done);
    });
  }
}
