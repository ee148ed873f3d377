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
  if (isStaff(viewer)) return { ...result, tests: result.tests.map((test, index) => ({ index, ...test })) };
  const { internalError, tests, ...rest } = result;
  return {
    ...rest,
    ...(internalError !== undefined && { internalError: { culprit: internalError.culprit } }),
    tests: tests.map((test, index) =>
      isSampleTest(test)
        ? { index, ...test }
        : {
            index,
            group: test.group,
            verdict: test.verdict,
            cpuMs: test.cpuMs,
            wallMs: test.wallMs,
            memoryKb: test.memoryKb,
          },
    ),
  };
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
