import type { InternalErrorCulprit } from '../../common/verdict.js';

/**
 * An infrastructure failure while judging: the container, the supervisor, the image or a problem's
 * validator failed. It is never the student's fault; it ends as an IE verdict naming the culprit
 * once retries are exhausted.
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  constructor(
    message: string,
    readonly culprit: InternalErrorCulprit = 'sandbox',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
