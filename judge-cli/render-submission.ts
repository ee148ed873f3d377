import type { JudgeResult } from '../common/judge-result.js';
import type { JudgeResultView, SubmissionView } from './api-views.js';
import type { Colors } from './format.js';
import { renderJudgeResult } from './render-judge-result.js';

/**
 * A submission from the server for people: one line saying what it is and where it stands, then, once
 * judged, the same per-test table `judge-cli judge` prints.
 */
export function renderSubmission(submission: SubmissionView, colors: Colors): string {
  const head = [
    colors.bold(`submission ${submission.id}`),
    `problem ${submission.problemId} v${submission.problemVersion}`,
    submission.languageId,
    `user ${submission.userId}`,
    describeStatus(submission),
  ].join('  ');
  return submission.result === undefined ? head : `${head}\n${renderJudgeResult(toJudgeResult(submission.result), colors)}`;
}

/** `queued`, `judging 3/10 tests`, `done`, `cancelled`, with the round of a rejudge. */
export function describeStatus(submission: Pick<SubmissionView, 'status' | 'progress' | 'round'>): string {
  const progress = submission.status === 'judging' && submission.progress !== undefined ? ` ${submission.progress.done}/${submission.progress.total} tests` : '';
  const round = submission.round > 0 ? ` (rejudge ${submission.round})` : '';
  return `${submission.status}${progress}${round}`;
}

/**
 * The result as the judge renderer takes it. Students see hidden tests without a name or message and an
 * internal error without its message: those get placeholders instead of `undefined`.
 */
export function toJudgeResult(view: JudgeResultView): JudgeResult {
  const { internalError, tests, ...rest } = view;
  const seen = new Map<string, number>();
  /** `secret #3`: the third test of its group. */
  const placeholderName = (group: string): string => {
    const number = (seen.get(group) ?? 0) + 1;
    seen.set(group, number);
    return `${group} #${number}`;
  };
  return {
    ...rest,
    ...(internalError !== undefined && {
      internalError: { culprit: internalError.culprit, message: internalError.message ?? '(details are for the course staff)' },
    }),
    tests: tests.map(({ index: _index, ...test }) => ({
      ...test,
      name: test.name ?? placeholderName(test.group),
      wallMs: test.wallMs ?? 0,
    })),
  };
}
