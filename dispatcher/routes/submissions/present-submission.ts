import type { JudgeResult, TestCaseResult } from '../../../common/judge-result.js';
import type { SubmissionRecord } from '../../../common/submission.js';
import { isStaff, type Principal } from '../../auth/principal.js';

/** A test of the sample group (shown in full to everyone who may see the submission). */
export function isSampleTest(test: Pick<TestCaseResult, 'group' | 'name'>): boolean {
  return test.group === 'sample' || test.group.startsWith('sample/') || test.name.startsWith('sample/');
}

/**
 * The result as `viewer` may see it. Staff see everything. Students and service clients (whose LMS shows
 * the result to students) see sample tests in full, but of hidden tests only verdict, time and memory:
 * never their names, data, output, expected answer or validator messages. An internal error keeps its
 * culprit, not its message (which may name hosts and paths).
 */
export function presentResult(result: JudgeResult, viewer: Principal): Record<string, unknown> {
  const { internalError, tests, ...rest } = result;
  const shownError = isStaff(viewer) ? internalError : internalError && { culprit: internalError.culprit };
  return {
    ...rest,
    ...(shownError !== undefined && { internalError: shownError }),
    tests: tests.map((test, index) => presentTest(test, index, viewer)),
  };
}

/** One test case as `viewer` may see it (the rules of presentResult); used by the live events too. */
export function presentTest(test: TestCaseResult, index: number, viewer: Principal): Record<string, unknown> {
  if (isStaff(viewer) || isSampleTest(test)) return { index, ...test };
  return { index, group: test.group, verdict: test.verdict, cpuMs: test.cpuMs, wallMs: test.wallMs, memoryKb: test.memoryKb };
}

/** A submission record as returned by the API (callbackUrl is never shown). */
export function presentSubmission(record: SubmissionRecord, viewer: Principal): Record<string, unknown> {
  const { result, callbackUrl: _callbackUrl, ...rest } = record;
  return { ...rest, ...(result !== undefined && { result: presentResult(result, viewer) }) };
}

/** Whether `viewer` may read the submission: its student, the client that submitted it, course staff, admins. */
export function maySeeSubmission(record: SubmissionRecord, viewer: Principal): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'instructor':
      return viewer.courses.includes(record.courseId);
    case 'service':
      return record.submittedBy === viewer.id && viewer.courses.includes(record.courseId);
    case 'student':
      return record.userId === viewer.id;
  }
}

export function isFinalStatus(status: string): boolean {
  return status === 'done' || status === 'cancelled';
}
