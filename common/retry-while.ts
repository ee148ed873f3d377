import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryWhileOptions<E extends Error> {
  /** Which errors mean "try again later"; any other error is rethrown at once. */
  retryable: (error: unknown) => error is E;
  /** Give up (rethrow the last retryable error) once this much time has passed, ms; Infinity: never. */
  maxMs: number;
  /** First pause, ms; doubled after each failure up to maxDelayMs. Default 100. */
  initialDelayMs?: number;
  /** Longest pause, ms. Default 5 s. */
  maxDelayMs?: number;
  /** Stops retrying early (the last error is rethrown). */
  signal?: AbortSignal;
  /** Told about each failed attempt that will be retried. */
  onRetry?(error: E, attempt: number, delayMs: number): void;
}

/**
 * Runs `operation`, retrying it with bounded exponential backoff while it rejects with an error that
 * `options.retryable` accepts. The one backoff loop of both services: the executor's retries of verdict
 * writes (retryWhileUnavailable) and both services' waits for a dependency at start (waitForDependency).
 * The operation must be idempotent: a call that timed out may have happened.
 */
export async function retryWhile<T, E extends Error>(operation: () => Promise<T>, options: RetryWhileOptions<E>): Promise<T> {
  const deadline = Date.now() + options.maxMs;
  let delay = options.initialDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!options.retryable(error)) throw error;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || options.signal?.aborted) throw error;
      const pause = Math.min(delay, maxDelay, remaining);
      options.onRetry?.(error, attempt, pause);
      await sleep(pause, undefined, { signal: options.signal }).catch(() => {});
      if (options.signal?.aborted) throw error;
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
