/**
 * Whether a pool's container engine works, judged from the pool's own calls to it (creations, removals).
 * It turns a stream of identical failures into a few clear log lines, and lets every back-off in the pool
 * end as soon as one call succeeds again: when Docker restarts, all of them fail together and should all
 * resume together.
 */
import type { SandboxLogger } from './sandbox-factory.js';

/** Connection-level failures: nobody answers on the engine's socket (dockerd is gone or restarting). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNABORTED']);

/** True when `error`, or an error in its `cause` chain, is a failure to reach the engine at all. */
export function isEngineUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const { code, syscall } = current as { code?: unknown; syscall?: unknown };
    // ENOENT only from connect(): the socket file is missing, not some file the engine could not find.
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code) && (code !== 'ENOENT' || syscall === 'connect')) return true;
  }
  return false;
}

export class EngineHealth {
  /** ms since epoch of the first failure of the current streak; undefined while the engine works. */
  private failingSince: number | undefined;
  private lastReportAt = 0;
  private failures = 0;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly pool: string,
    private readonly log: SandboxLogger,
    /** Sandboxes the pool lacks now (being replaced), for the error message. */
    private readonly missing: () => number,
    /** While failing, how often the error is repeated (with what is missing), ms. */
    private readonly remindMs = 30_000,
  ) {}

  /**
   * A call to the engine failed. Logs an error at the start of a streak and then every remindMs, saying
   * whether the engine is unreachable and how many sandboxes are missing, so that the operator knows
   * judging waits for it.
   */
  failed(what: string, error: unknown): void {
    const now = Date.now();
    this.failures++;
    const first = this.failingSince === undefined;
    this.failingSince ??= now;
    if (!first && now - this.lastReportAt < this.remindMs) return;
    this.lastReportAt = now;
    const message = error instanceof Error ? error.message : String(error);
    const cause = isEngineUnreachable(error) ? 'the container engine is unreachable' : 'the container engine fails';
    const since = first ? '' : ` for ${Math.round((now - this.failingSince) / 1000)} s (${this.failures} failed calls)`;
    const missing = this.missing();
    const impact = missing > 0 ? `${missing} of the pool's sandboxes missing, tasks wait for them; ` : '';
    this.log('error', `pool ${this.pool}: cannot ${what} sandboxes: ${cause}${since} (${message}); ${impact}retrying with back-off`, {
      pool: this.pool,
      missing,
    });
  }

  /** A call to the engine succeeded: ends a failure streak (logged) and wakes every back-off. */
  succeeded(): void {
    if (this.failingSince === undefined) return;
    const seconds = Math.round((Date.now() - this.failingSince) / 1000);
    this.log('info', `pool ${this.pool}: the container engine answers again after ${seconds} s (${this.failures} failed calls)`, { pool: this.pool });
    this.failingSince = undefined;
    this.failures = 0;
    for (const wake of [...this.sleepers]) wake();
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
