import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface RetryOptions<E extends Error = StoreUnavailableError> {
  /** Give up (rethrow the last retryable error) once this much time has passed, ms. */
  maxMs: number;
  /** Which errors mean "try again later". Default: StoreUnavailableError. */
  retryable?: (error: unknown) => error is E;
  /** First pause, ms; doubled up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Stops retrying early (the last error is rethrown). */
  signal?: AbortSignal;
  /** Told about each failed attempt that will be retried. */
  onRetry?(error: E, attempt: number, delayMs: number): void;
}

const isStoreUnavailable = (error: unknown): error is StoreUnavailableError => error instanceof StoreUnavailableError;

/**
 * Runs `operation`, retrying it with exponential backoff while it rejects with StoreUnavailableError (or
 * what `options.retryable` accepts). Other errors are not retried. The operation must be idempotent: a
 * call that timed out may have happened.
 */
export async function retryWhileUnavailable<T, E extends Error = StoreUnavailableError>(
  operation: () => Promise<T>,
  options: RetryOptions<E>,
): Promise<T> {
  const retryable = options.retryable ?? (isStoreUnavailable as unknown as (error: unknown) => error is E);
  const deadline = Date.now() + options.maxMs;
  let delay = options.initialDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!retryable(error)) throw error;
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
