/**
 * A submission that cannot be judged as sent: a bad file name, an unknown language, no files.
 * It is the caller's mistake (a usage error), not a verdict and not an infrastructure failure, so it is
 * thrown, never retried, and its message is safe to show to whoever sent the submission.
 */
export class InvalidSubmissionError extends Error {
  override readonly name = 'InvalidSubmissionError';
}
