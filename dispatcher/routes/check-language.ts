import { findLanguage } from '../../common/languages.js';
import { allowedLanguageIds } from '../../common/problem/allowed-languages.js';
import type { AppDeps } from '../app-deps.js';
import { errors } from '../http/errors.js';

/**
 * Whether a submission or run in `languageId` can be accepted, in this order, permanent refusals before the
 * one that passes: 400 `unknown_language` (not in the table), then, for a problem, 422 `language_not_allowed`
 * (its problem.yaml `languages` leaves it out), then 409 `language_unavailable` (no live executor serves it
 * now, listing those that are served: a task no executor can judge is never accepted, and a client told to
 * retry later must not be refused for good when it does). The routes check the language is known before
 * loading the problem and the rest after it. Costs no Redis round trip but once a second (LanguageAvailability):
 * the problem's codes come from its stored version, never from its package.
 */
export function checkLanguageKnown(deps: Pick<AppDeps, 'languages'>, languageId: string): void {
  if (findLanguage(languageId, deps.languages) === undefined) throw errors.unknownLanguage(languageId);
}

/**
 * 422 `language_not_allowed` when `problem` (the stored version a submission or run is for) has
 * `languageCodes` (problem.yaml `languages`; absent: all) that do not allow `languageId`; then 409
 * `language_unavailable`. See checkLanguageKnown.
 */
export async function checkLanguageAccepted(
  deps: Pick<AppDeps, 'languages' | 'availability'>,
  languageId: string,
  problem?: { problemId: string; languageCodes?: readonly string[] },
): Promise<void> {
  if (problem?.languageCodes !== undefined) {
    const allowed = allowedLanguageIds(problem.languageCodes, deps.languages);
    if (!allowed.includes(languageId)) throw errors.languageNotAllowed(problem.problemId, languageId, allowed, problem.languageCodes);
  }
  const served = await deps.availability.served();
  if (!served.has(languageId)) {
    throw errors.languageUnavailable(
      languageId,
      deps.languages.filter((language) => served.has(language.id)).map((language) => language.id),
    );
  }
}
