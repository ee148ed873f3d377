/**
 * What a reference submission is expected to get, as the reference judges read it: the verdicts its
 * submissions/<category>/ folder allows (problemtools' verifyproblem, the 2023-07 format, DOMjudge), unless
 * its source says otherwise with DOMjudge's `@EXPECTED_RESULTS@:` comment; and, for scoring problems, the
 * score it must get (`@EXPECTED_SCORE@:` in its source).
 */
import type { Verdict } from '../verdict.js';

/**
 * The verdicts each category folder allows. Kattis' own tools cannot tell a memory or output limit from a
 * crash (both are RTE there), so run_time_error takes juez's MLE and OLE too; a program over the memory limit
 * may crash on a failed allocation before the limit is seen, so memory_limit_exceeded takes RE.
 * `partially_accepted` is a score, not a verdict: see expectationOf.
 */
export const CATEGORY_VERDICTS: Readonly<Record<string, readonly Verdict[]>> = {
  accepted: ['AC'],
  wrong_answer: ['WA'],
  time_limit_exceeded: ['TLE'],
  run_time_error: ['RE', 'MLE', 'OLE'],
  memory_limit_exceeded: ['MLE', 'RE'],
  output_limit_exceeded: ['OLE'],
  compile_error: ['CE'],
  compiler_error: ['CE'],
  no_output: ['WA'],
  rejected: ['WA', 'TLE', 'RE', 'MLE', 'OLE', 'CE'],
  brute_force: ['TLE', 'RE', 'MLE'],
};

/** DOMjudge's result names, as written in `@EXPECTED_RESULTS@:` comments. */
const DOMJUDGE_RESULTS: Readonly<Record<string, Verdict>> = {
  'CORRECT': 'AC',
  'WRONG-ANSWER': 'WA',
  'TIMELIMIT': 'TLE',
  'RUN-ERROR': 'RE',
  'COMPILER-ERROR': 'CE',
  'NO-OUTPUT': 'WA',
  'OUTPUT-LIMIT': 'OLE',
  'MEMORY-LIMIT': 'MLE',
};

export interface Expectation {
  /** Verdicts that count as expected; undefined when nothing is expected (a category juez does not know). */
  verdicts?: readonly Verdict[];
  /** The score it must get (scoring problems), from `@EXPECTED_SCORE@:`. */
  score?: number;
  /** `partially_accepted`: a score strictly between 0 and the maximum. */
  partialScore?: boolean;
  /** Where the expectation comes from, for people: `folder wrong_answer`, `@EXPECTED_RESULTS@ in a.c`. */
  source: string;
  /** What in the source could not be read (an unknown result name, a score that is no number). */
  problems: string[];
}

/** A source file of a reference submission: its name and text. */
export interface ReferenceSource {
  name: string;
  text: string;
}

/**
 * The expectation for a submission in `category` whose sources are `sources`. An `@EXPECTED_RESULTS@:` list
 * replaces the folder's verdicts (DOMjudge reads it so, and packages use it for solutions that may get one of
 * several verdicts).
 */
export function expectationOf(category: string, sources: readonly ReferenceSource[]): Expectation {
  const expectation: Expectation = { source: `folder ${category}`, problems: [] };
  const verdicts = CATEGORY_VERDICTS[category];
  if (verdicts !== undefined) expectation.verdicts = verdicts;
  if (category === 'partially_accepted') {
    expectation.partialScore = true;
    expectation.verdicts = ['AC', 'WA', 'TLE', 'RE', 'MLE', 'OLE'];
  }
  for (const source of sources) {
    const results = tagValue(source.text, '@EXPECTED_RESULTS@');
    if (results !== undefined) {
      const names = results.split(/[\s,]+/).filter((name) => name !== '');
      const known = names.map((name) => DOMJUDGE_RESULTS[name.toUpperCase()]).filter((v): v is Verdict => v !== undefined);
      const unknown = names.filter((name) => DOMJUDGE_RESULTS[name.toUpperCase()] === undefined);
      if (unknown.length > 0) {
        expectation.problems.push(`${source.name}: @EXPECTED_RESULTS@ names ${unknown.join(', ')}, not a DOMjudge result (${Object.keys(DOMJUDGE_RESULTS).join(', ')})`);
      }
      if (known.length > 0) {
        expectation.verdicts = [...new Set(known)];
        expectation.source = `@EXPECTED_RESULTS@ in ${source.name}`;
      }
    }
    const score = tagValue(source.text, '@EXPECTED_SCORE@');
    if (score !== undefined) {
      const value = Number(score);
      if (score === '' || !Number.isFinite(value)) expectation.problems.push(`${source.name}: @EXPECTED_SCORE@ must be a number, got '${score}'`);
      else expectation.score = value;
    }
  }
  return expectation;
}

/** The text after `tag:` on the line that holds it (comment markers around it are the language's business). */
function tagValue(text: string, tag: string): string | undefined {
  const at = text.indexOf(`${tag}:`);
  if (at < 0) return undefined;
  const rest = text.slice(at + tag.length + 1);
  const line = rest.split(/\r?\n/, 1)[0] ?? '';
  // Block comments end on the same line in some packages: `/* @EXPECTED_SCORE@: 30 */`.
  return line.replace(/\*\/.*$|-->.*$|-\}.*$/, '').trim();
}

/** Scores are sums of decimals: equal when they agree to 1e-6 (relative, for large scores). */
export function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether `result` meets `expectation` for a problem of `type`, and if not, why (for the verify table). */
export function checkExpectation(
  expectation: Expectation,
  type: 'pass-fail' | 'scoring',
  result: { verdict: Verdict; score: number; maxScore: number },
): { ok: boolean; why?: string } {
  if (result.verdict === 'IE') return { ok: false, why: 'internal error' };
  if (expectation.problems.length > 0) return { ok: false, why: expectation.problems.join('; ') };
  if (expectation.verdicts !== undefined && !expectation.verdicts.includes(result.verdict)) {
    return { ok: false, why: `expected ${expectation.verdicts.join(' or ')} (${expectation.source}), got ${result.verdict}` };
  }
  if (type !== 'scoring') return { ok: true };
  if (expectation.score !== undefined) {
    return sameScore(result.score, expectation.score) ? { ok: true } : { ok: false, why: `expected score ${expectation.score}, got ${result.score}` };
  }
  if (expectation.partialScore === true && !(result.score > 0 && result.score < result.maxScore)) {
    return { ok: false, why: `expected a score strictly between 0 and ${result.maxScore} (partially_accepted), got ${result.score}` };
  }
  if (expectation.verdicts?.length === 1 && expectation.verdicts[0] === 'AC' && !sameScore(result.score, result.maxScore)) {
    return { ok: false, why: `an accepted submission must get the maximum score ${result.maxScore}, got ${result.score}` };
  }
  return { ok: true };
}
