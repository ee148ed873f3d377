import type { LanguageVersions, ProbedVersion } from '../../common/language-versions.js';

/** Which languages an executor serves, and why it serves no others. */
export interface ServedLanguages {
  /** Language id → version read from the image. */
  served: LanguageVersions;
  /** Languages of the table the image lacks (id → reason), for the start-up log. */
  missing: Readonly<Record<string, string>>;
  /**
   * Languages JUEZ_LANGUAGES asks for that the image lacks: the executor refuses to start, since the
   * operator expects it to judge them.
   */
  problems: string[];
}

/**
 * The languages an executor serves: those of `configured` (JUEZ_LANGUAGES; undefined = every language)
 * whose version could be read from the image. A configured one the image lacks is a problem, not a
 * silent omission. `probed` has one entry per language of the table, in table order.
 */
export function chooseServedLanguages(probed: ReadonlyMap<string, ProbedVersion>, configured: readonly string[] | undefined): ServedLanguages {
  const wanted = configured === undefined ? undefined : new Set(configured);
  const served: Record<string, string> = {};
  const missing: Record<string, string> = {};
  const problems: string[] = [];
  for (const [id, result] of probed) {
    if (wanted !== undefined && !wanted.has(id)) continue;
    if (result.found) served[id] = result.version;
    else {
      missing[id] = result.reason;
      if (wanted !== undefined) problems.push(`JUEZ_LANGUAGES lists ${id}, but the runtime image lacks it: ${result.reason}`);
    }
  }
  for (const id of wanted ?? []) {
    if (!probed.has(id)) problems.push(`JUEZ_LANGUAGES lists ${id}, which common/languages.yaml does not define`);
  }
  return { served, missing, problems };
}
