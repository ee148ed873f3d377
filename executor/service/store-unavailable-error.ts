/**
 * Redis (or whatever keeps verdicts) cannot be reached right now: an infrastructure failure that says
 * "try again later". Whoever holds a task when it is thrown must not ack it: the verdict is not stored.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
