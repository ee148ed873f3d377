import type { Language } from '../../common/language.js';
import { findLanguage } from '../../common/languages.js';
import { checkFileName } from './check-file-name.js';
import type { SourceFile } from './compile-program.js';
import { InvalidSubmissionError } from './invalid-submission-error.js';

export interface SubmissionFile {
  /** A plain file name (checked by checkFileName). */
  name: string;
  /** Bytes, or text (UTF-8), as the queue carries it. */
  content: Buffer | string;
}

/** A program to judge or run: its language and its files (several for a multi-file submission). */
export interface Submission {
  languageId: string;
  files: readonly SubmissionFile[];
}

/**
 * The submission's language and files (as bytes), or InvalidSubmissionError saying what is wrong with it.
 * Cheap and free of I/O: callers check before they lease a container.
 */
export function checkSubmission(
  submission: Submission,
  languages: readonly Language[] | undefined,
): { language: Language; files: SourceFile[] } {
  const language = findLanguage(submission.languageId, languages);
  if (language === undefined) throw new InvalidSubmissionError(`unknown language '${submission.languageId}'`);
  if (submission.files.length === 0) throw new InvalidSubmissionError('the submission has no files');
  const names = new Set<string>();
  for (const file of submission.files) {
    checkFileName(file.name);
    if (names.has(file.name)) throw new InvalidSubmissionError(`the file name ${file.name} is used twice`);
    names.add(file.name);
  }
  const files = submission.files.map((f) => ({
    name: f.name,
    content: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content,
  }));
  return { language, files };
}

