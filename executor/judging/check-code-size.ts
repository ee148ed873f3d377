import type { SubmissionFile } from './check-submission.js';
import { InvalidSubmissionError } from './invalid-submission-error.js';

/**
 * Refuses a submission larger than the problem's code size limit (problem.yaml `limits.code`, KiB, all
 * files together), as the reference judges refuse it before compiling: it is no verdict, the
 * submission is not judged at all. The dispatcher answers the same with a 413 `code_too_large`.
 * @throws InvalidSubmissionError naming the size and the limit.
 */
export function checkCodeSize(files: readonly SubmissionFile[], codeKb: number): void {
  const bytes = files.reduce((sum, file) => sum + (typeof file.content === 'string' ? Buffer.byteLength(file.content, 'utf8') : file.content.length), 0);
  if (bytes > codeKb * 1024) {
    throw new InvalidSubmissionError(
      `the submission is ${bytes} bytes, more than the problem's code size limit of ${codeKb} KiB (${codeKb * 1024} bytes, limits.code)`,
    );
  }
}
