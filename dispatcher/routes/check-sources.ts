import type { DispatcherConfig } from '../config.js';
import { errors } from '../http/errors.js';

/** In `u` mode a surrogate pair is one code point: only halves on their own are category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks what a schema cannot: unique names, text that is valid Unicode, and sizes in UTF-8 bytes (the
 * schema counts characters).
 * @throws HttpError 400 validation_failed for duplicate names or a lone surrogate, 413 source_too_large
 * over a size limit.
 */
export function checkSources(
  files: readonly { name: string; content: string }[],
  limits: Pick<DispatcherConfig, 'maxFileBytes' | 'maxSourceBytes'>,
): void {
  const seen = new Set<string>();
  const duplicates = files.flatMap((file, index) => {
    const key = file.name.toLowerCase();
    if (seen.has(key)) return [{ in: 'body' as const, field: `files.${index}.name`, message: 'repeats the name of an earlier file' }];
    seen.add(key);
    return [];
  });
  if (duplicates.length > 0) throw errors.validationFailed(duplicates);
  // JSON may escape half a surrogate pair ("\ud800"); stored as UTF-8 it would silently become U+FFFD.
  const malformed = files.flatMap((file, index) =>
    LONE_SURROGATE.test(file.content)
      ? [{ in: 'body' as const, field: `files.${index}.content`, message: 'is not valid Unicode text (it holds half of a surrogate pair)' }]
      : [],
  );
  if (malformed.length > 0) throw errors.validationFailed(malformed);
  let total = 0;
  for (const file of files) {
    const bytes = Buffer.byteLength(file.content, 'utf8');
    if (bytes > limits.maxFileBytes) throw errors.sourceTooLarge(`File '${file.name}'`, limits.maxFileBytes);
    total += bytes;
  }
  if (total > limits.maxSourceBytes) throw errors.sourceTooLarge('The source files together', limits.maxSourceBytes);
}
