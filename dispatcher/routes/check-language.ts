import { findLanguage } from '../../common/languages.js';
import type { AppDeps } from '../app-deps.js';
import { errors } from '../http/errors.js';

/**
 * Refuses a language juez does not know (400 `unknown_language`) or one no live executor serves now (409
 * `language_unavailable`, listing those that are served): a task no executor can judge is never accepted.
 * Costs no Redis round trip but once a second (LanguageAvailability).
 */
export async function checkLanguage(deps: Pick<AppDeps, 'languages' | 'availability'>, languageId: string): Promise<void> {
  if (findLanguage(languageId, deps.languages) === undefined) throw errors.unknownLanguage(languageId);
  const served = await deps.availability.served();
  if (!served.has(languageId)) {
    throw errors.languageUnavailable(
      languageId,
      deps.languages.filter((language) => served.has(language.id)).map((language) => language.id),
    );
  }
}
