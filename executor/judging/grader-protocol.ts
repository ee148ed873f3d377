/**
 * The legacy format's grader protocol, as pure functions: a grader reads one `VERDICT score` line per
 * child result on stdin and prints one `VERDICT score` line, the group's result. Graders are written for
 * the reference tools, so they see the format's verdict names (problemtools: AC, WA, TLE, RTE, JE), not juez's.
 */
import type { Verdict } from '../../common/verdict.js';
import type { GraderResult } from './default-grader.js';

/**
 * juez's verdicts as the format names them. The format cannot tell a memory or output limit from a crash
 * (problemtools reports both as RTE), so MLE and OLE are RTE to a grader; IE is the format's judge error.
 */
const FORMAT_NAME: Readonly<Partial<Record<Verdict, string>>> = { RE: 'RTE', MLE: 'RTE', OLE: 'RTE', IE: 'JE' };

/** Names a grader may answer with: the format's, and juez's own (a grader written for juez may use them). */
const FROM_GRADER: Readonly<Record<string, Verdict>> = {
  AC: 'AC', WA: 'WA', TLE: 'TLE', RTE: 'RE', RE: 'RE', MLE: 'MLE', OLE: 'OLE',
};

/** The grader's stdin: one line per child, in judging order. */
export function formatGraderInput(children: readonly GraderResult[]): string {
  return children.map((child) => `${FORMAT_NAME[child.verdict] ?? child.verdict} ${child.score}\n`).join('');
}

/**
 * The group's result from the grader's stdout: its first non-empty line, `VERDICT score`, the score a
 * decimal number (problemtools reads it as a float). Anything else is the package's error, said in words.
 */
export function parseGraderOutput(stdout: string): GraderResult | { failure: string } {
  const line = stdout.split('\n').find((text) => text.trim() !== '')?.trim();
  if (line === undefined) return { failure: 'the grader printed nothing (expected "VERDICT score")' };
  const [name, scoreText, ...rest] = line.split(/\s+/);
  // A judge error is the grader saying the package is broken: IE naming the grader, not a verdict to pass on.
  if (name?.toUpperCase() === 'JE' || name?.toUpperCase() === 'IE') return { failure: `the grader reported a judge error: '${truncate(line, 200)}'` };
  const verdict = name === undefined ? undefined : FROM_GRADER[name.toUpperCase()];
  const score = scoreText === undefined ? Number.NaN : Number(scoreText);
  if (verdict === undefined || !Number.isFinite(score) || rest.length > 0) {
    return { failure: `the grader printed '${truncate(line, 200)}' (expected "VERDICT score", VERDICT one of AC WA TLE RTE JE)` };
  }
  return { verdict, score };
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
