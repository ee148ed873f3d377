/**
 * Which hello-world program the per-language benchmark submits in each language: problems/hello's accepted
 * reference submission in that language, as the package reader assigns languages to files (by extension:
 * common/languages.ts's languageForFile). A language that a file name never picks (PyPy: `.py` is CPython's)
 * is benchmarked with a reference whose files it takes when chosen explicitly (`extensionsWhenChosen`), under
 * its own id, as a student who chooses it would submit. Pure: no files are read.
 */
import type { Language, LanguageFamily } from '../../common/language.js';
import { isSourceOf } from '../../common/languages.js';
import type { ReferenceSubmission } from '../../common/problem/problem.js';

/** A language to benchmark and the reference submission to submit in it. */
export interface LanguageHello {
  language: Language;
  family: LanguageFamily;
  /** Submitted with `languageId: language.id`, whatever language the package reader gave it. */
  reference: ReferenceSubmission;
}

/** What cannot be benchmarked, and why (reported with the figures rather than silently left out). */
export interface LanguageLeftOut {
  languageId: string;
  why: string;
}

/** Whether every file of `reference` is a source of `language` when it is chosen. */
function takesAllFiles(language: Language, reference: ReferenceSubmission): boolean {
  return reference.files.length > 0 && reference.files.every((file) => isSourceOf(language, file));
}

/**
 * For each of `languages` (in their order), the accepted reference of `submissions` to benchmark it with:
 * one the package reader assigned to it, else one whose files it takes when chosen; first by name. A
 * language without either, or without a family (its goal would be a guess), is left out with the reason.
 */
export function chooseLanguageHellos(
  submissions: readonly ReferenceSubmission[],
  languages: readonly Language[],
): { hellos: LanguageHello[]; leftOut: LanguageLeftOut[] } {
  const accepted = submissions.filter((s) => s.category === 'accepted').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hellos: LanguageHello[] = [];
  const leftOut: LanguageLeftOut[] = [];
  for (const language of languages) {
    const reference = accepted.find((s) => s.languageId === language.id) ?? accepted.find((s) => takesAllFiles(language, s));
    if (language.family === undefined) leftOut.push({ languageId: language.id, why: 'common/languages.yaml gives it no family, so no goal applies' });
    else if (reference === undefined) leftOut.push({ languageId: language.id, why: 'problems/hello has no accepted submission it takes' });
    else hellos.push({ language, family: language.family, reference });
  }
  return { hellos, leftOut };
}
