import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../common/submission.js';
import type { Principal } from '../../../dispatcher/auth/principal.js';
import { maySeeSubmission, presentSubmission } from '../../../dispatcher/routes/submissions/present-submission.js';

const record: SubmissionRecord = {
  id: 's1',
  userId: 'alice',
  courseId: 'c1',
  submittedBy: 'lms',
  problemId: 'p',
  problemVersion: 1,
  languageId: 'python',
  callbackUrl: 'https://lms.example/hook',
  status: 'done',
  lane: 'submission',
  round: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  result: {
    verdict: 'IE',
    score: 0,
    maxScore: 1,
    cpuMs: 3,
    maxMemoryKb: 10,
    internalError: { culprit: 'validator', message: 'validator crashed on host judge-7 at /srv/x' },
    tests: [
      { name: 'sample/1', group: 'sample', verdict: 'AC', cpuMs: 1, wallMs: 1, memoryKb: 1, output: 'o', expected: 'o' },
      { name: 'secret/g1/big', group: 'secret/g1', verdict: 'IE', cpuMs: 2, wallMs: 2, memoryKb: 2, message: 'x', output: 'y', signal: 'SIGKILL' },
    ],
  },
};
const student: Principal = { id: 'alice', role: 'student', courses: ['c1'] };
const instructor: Principal = { id: 'tina', role: 'instructor', courses: ['c1'] };

describe('presentSubmission', () => {
  it('shows students hidden tests as verdict, time and memory only, and no internals', () => {
    const view = presentSubmission(record, student) as { result: { tests: unknown[]; internalError: unknown }; callbackUrl?: string };
    expect(view.callbackUrl).toBeUndefined();
    expect(view.result.internalError).toEqual({ culprit: 'validator' });
    expect(view.result.tests[0]).toMatchObject({ index: 0, name: 'sample/1', output: 'o' });
    expect(view.result.tests[1]).toEqual({ index: 1, group: 'secret/g1', verdict: 'IE', cpuMs: 2, wallMs: 2, memoryKb: 2 });
  });

  it('shows staff everything', () => {
    const view = presentSubmission(record, instructor) as { result: { tests: unknown[]; internalError: unknown } };
    expect(view.result.internalError).toEqual(record.result?.internalError);
    expect(view.result.tests[1]).toMatchObject({ name: 'secret/g1/big', message: 'x', output: 'y' });
  });
});

describe('maySeeSubmission', () => {
  it('follows the roles', () => {
    expect(maySeeSubmission(record, student)).toBe(true);
    expect(maySeeSubmission(record, { ...student, id: 'bob' })).toBe(false);
    expect(maySeeSubmission(record, instructor)).toBe(true);
    expect(maySeeSubmission(record, { ...instructor, courses: ['c2'] })).toBe(false);
    expect(maySeeSubmission(record, { id: 'lms', role: 'service', courses: ['c1'] })).toBe(true);
    expect(maySeeSubmission(record, { id: 'other-lms', role: 'service', courses: ['c1'] })).toBe(false);
    expect(maySeeSubmission(record, { id: 'root', role: 'admin', courses: [] })).toBe(true);
  });
});
