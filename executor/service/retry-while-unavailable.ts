import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface RetryOptions {
  /** Give up (rethrow the last StoreUnavailableError) once this much time has passed, ms. */
  maxMs: number;
  /** First pause, ms; doubled up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Stops retrying early (the last error is rethrown). */
  signal?: AbortSignal;
  /** Told about each failed attempt that will be retried. */
  onRetry?(error: StoreUnavailableError, attempt: number, delayMs: number): void;
}

/**
 * Runs `operation`, retrying it with exponential backoff while it rejects with StoreUnavailableError.
 * Other errors are not retried. The operation must be idempotent: a call that timed out may have happened.
 */
export async function retryWhileUnavailable<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline = Date.now() + options.maxMs;
  let delay = options.initialDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || options.signal?.aborted) throw error;
      const pause = Math.min(delay, maxDelay, remaining);
      options.onRetry?.(error, attempt, pause);
      await sleep(pause, undefined, { signal: options.signal }).catch(() => {});
      if (options.signal?.aborted) throw error;
      delay *= 2;
    }
  }
}
