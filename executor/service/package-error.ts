import type { InternalErrorCulprit } from '../../common/verdict.js';

/**
 * A problem package that cannot be used: missing from Redis, corrupted, unsafe to unpack or not a valid
 * package. Retrying on another executor gives the same answer, so the task ends with an IE naming the
 * package, not with a requeue.
 */
export class PackageError extends Error {
  override readonly name = 'PackageError';
  readonly culprit: InternalErrorCulprit = 'package';
}
