import { retryWhile, type RetryWhileOptions } from '../../common/retry-while.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface RetryOptions<E extends Error = StoreUnavailableError> extends Omit<RetryWhileOptions<E>, 'retryable'> {
  /** Which errors mean "try again later". Default: StoreUnavailableError. */
  retryable?: (error: unknown) => error is E;
}

const isStoreUnavailable = (error: unknown): error is StoreUnavailableError => error instanceof StoreUnavailableError;

/**
 * Runs `operation`, retrying it with exponential backoff (common/retry-while.ts) while it rejects with
 * StoreUnavailableError (or what `options.retryable` accepts). Other errors are not retried. The operation
 * must be idempotent: a call that timed out may have happened.
 */
export function retryWhileUnavailable<T, E extends Error = StoreUnavailableError>(operation: () => Promise<T>, options: RetryOptions<E>): Promise<T> {
  const retryable = options.retryable ?? (isStoreUnavailable as unknown as (error: unknown) => error is E);
  return retryWhile(operation, { ...options, retryable });
}
