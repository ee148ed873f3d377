/**
 * problem.yaml's `languages` turned into juez's languages: the format's codes map onto the entries of
 * common/languages.yaml through their `formatCodes`. A code of a language this installation lacks allows
 * nothing here and is fine; a code no table knows is a warning naming it. The package is judged either way.
 */
import type { Language } from '../language.js';
import { FORMAT_LANGUAGE_CODES } from './format-language-codes.js';
import type { AllowedLanguages, ReferenceSubmission, UnjudgedSubmission } from './problem.js';

type Warn = (message: string) => void;

/** The ids of the languages in `languages` that answer to one of `codes` (their `formatCodes`). */
export function allowedLanguageIds(codes: readonly string[], languages: readonly Language[]): string[] {
  const wanted = new Set(codes);
  return languages.filter((language) => language.formatCodes?.some((code) => wanted.has(code)) === true).map((language) => language.id);
}

/**
 * The languages a problem allows, from problem.yaml's codes (undefined: `all`). Warns about each code
 * neither the format's table nor an installation language knows (with the code meant, when it is a juez
 * id such as `python`), and when no language of the installation is allowed at all.
 */
export function readAllowedLanguages(
  codes: readonly string[] | undefined,
  languages: readonly Language[],
  warn: Warn,
): AllowedLanguages | undefined {
  if (codes === undefined) return undefined;
  const ids = allowedLanguageIds(codes, languages);
  const claimed = new Set(languages.flatMap((language) => language.formatCodes ?? []));
  for (const code of codes) {
    if (FORMAT_LANGUAGE_CODES.has(code) || claimed.has(code)) continue;
    const meant = languages.find((language) => language.id === code)?.formatCodes?.[0];
    warn(`languages: '${code}' is not a language code of the format${meant === undefined ? '' : ` (juez's ${code} is '${meant}')`}: ignored`);
  }
  if (ids.length === 0) {
    warn(`languages allows ${codes.join(' ')}, none of them a language of this installation: no submission can be judged here`);
  }
  return { codes: [...codes], ids };
}

/** Why a submission in `languageId` is refused, for people: names what problem.yaml says and what it allows. */
export function describeDisallowed(allowed: AllowedLanguages, languageId: string): string {
  const here = allowed.ids.length === 0 ? 'none of them a language of this installation' : `allowed: ${allowed.ids.join(', ')}`;
  return `problem.yaml's languages (${allowed.codes.join(' ')}) does not allow ${languageId}; ${here}`;
}

/**
 * Moves the reference submissions in languages the problem does not allow to the unjudged ones, as skipped:
 * the reference tools do not run a submission in a language its problem forbids, so neither does verify.
 */
export function skipDisallowedSubmissions(
  read: { submissions: ReferenceSubmission[]; unjudged: UnjudgedSubmission[] },
  allowed: AllowedLanguages | undefined,
): { submissions: ReferenceSubmission[]; unjudged: UnjudgedSubmission[] } {
  if (allowed === undefined) return read;
  const submissions = read.submissions.filter((s) => allowed.ids.includes(s.languageId));
  const skipped = read.submissions
    .filter((s) => !allowed.ids.includes(s.languageId))
    .map((s): UnjudgedSubmission => ({
      name: s.name,
      category: s.category,
      kind: 'skipped',
      reason: `${s.languageId} is not allowed by problem.yaml languages (${allowed.codes.join(' ')})`,
    }));
  return { submissions, unjudged: [...read.unjudged, ...skipped] };
}
