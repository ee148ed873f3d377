import type { JudgeResult } from './judge-result.js';

/**
 * A submission's life: queued → judging → done, or queued → cancelled.
 * `done` and `cancelled` are final: nothing ever moves a submission out of them (a rejudge creates a new
 * judging round by moving done → queued explicitly, with a new `round`, see ALLOWED_TRANSITIONS).
 */
export const SUBMISSION_STATUSES = ['queued', 'judging', 'done', 'cancelled'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * Allowed status transitions. Both services' Redis scripts enforce exactly this table, so a duplicate or
 * late task delivery can never regress a final verdict.
 *   queued  → judging    an executor took the task
 *   judging → judging    progress, or a redelivery after an executor died
 *   judging → done       final verdict stored
 *   queued  → done       a dead-lettered task gets its IE verdict without ever being judged
 *   queued  → cancelled  the owner cancelled it before any executor took it
 *   done    → queued     rejudge (only with a new round number)
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  queued: ['judging', 'done', 'cancelled'],
  judging: ['judging', 'done'],
  done: ['queued'],
  cancelled: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Which queue a task travels on. Runs go ahead of submissions, submissions ahead of rejudges. */
export type Lane = 'run' | 'submission' | 'rejudge';
export const LANES: readonly Lane[] = ['run', 'submission', 'rejudge'];

/** A submission as stored in Redis and returned (minus sources) by the API. */
export interface SubmissionRecord {
  id: string;
  /** The student the submission belongs to (for service clients: the user they submitted for). */
  userId: string;
  /** Course scope, from the submitter's token. */
  courseId: string;
  /** Who called the API (a student's own id, or the service client's id). */
  submittedBy: string;
  problemId: string;
  /** Problem version judged against (immutable package versions). */
  problemVersion: number;
  languageId: string;
  /** Client-supplied id, unique per (submittedBy, externalId): an LMS retry returns the same submission. */
  externalId?: string;
  callbackUrl?: string;
  status: SubmissionStatus;
  lane: Lane;
  /** Incremented by every rejudge; a task carries the round it was published for. */
  round: number;
  /** Progress while judging: test cases done / total. */
  progress?: { done: number; total: number };
  result?: JudgeResult;
  /** Executor that judged (or is judging) it. */
  executor?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}
