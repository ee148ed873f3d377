import { InvalidSubmissionError } from './invalid-submission-error.js';

/** Longest file name a submission may use, in characters. */
export const MAX_FILE_NAME_LENGTH = 100;

/**
 * Throws InvalidSubmissionError unless `name` is a plain file name that can safely be written to /work:
 * no path separators (no way out of /work), no leading dot (no `..`, no hidden files shadowing a
 * toolchain's config), no control characters and no whitespace (the supervisor protocol is line based
 * and forbids whitespace in paths).
 */
export function checkFileName(name: string): void {
  const reason = describeBadFileName(name);
  if (reason !== undefined) throw new InvalidSubmissionError(`invalid file name ${JSON.stringify(name)}: ${reason}`);
}

function describeBadFileName(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_FILE_NAME_LENGTH) return `it is longer than ${MAX_FILE_NAME_LENGTH} characters`;
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator';
  if (name.startsWith('.')) return 'it starts with a dot';
  // \p{Cc} covers C0, DEL and C1 controls; \s adds Unicode spaces the protocol would split on.
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return 'it contains a control character';
  if (/\s/u.test(name)) return 'it contains whitespace';
  return undefined;
}
