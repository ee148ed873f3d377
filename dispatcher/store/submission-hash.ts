/**
 * SubmissionRecord ↔ Redis hash fields (redisKeys().submission). Scalars are strings, `progress` and
 * `result` are JSON, absent optional fields are absent. One dispatcher-only field: `pending` = '1' between
 * storing a new record and the broker's confirm (such a record is not shown: it was not accepted yet).
 */
import type { JudgeResult } from '../../common/judge-result.js';
import { LANES, type Lane, SUBMISSION_STATUSES, type SubmissionRecord, type SubmissionStatus } from '../../common/submission.js';

export interface StoredSubmission {
  record: SubmissionRecord;
  /** True until the broker confirmed the task and no executor took it yet (see module comment). */
  pending: boolean;
}

/** The hash fields of a record, as an alternating [field, value, …] list (absent optional fields left out). */
export function encodeSubmission(record: SubmissionRecord): string[] {
  // Pushed one by one: this runs for every submission, and an intermediate object plus
  // Object.entries().flatMap() made a dozen short-lived arrays each time.
  const fields: string[] = [
    'id', record.id,
    'userId', record.userId,
    'courseId', record.courseId,
    'submittedBy', record.submittedBy,
    'problemId', record.problemId,
    'problemVersion', String(record.problemVersion),
    'languageId', record.languageId,
  ];
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) fields.push(name, value);
  };
  add('externalId', record.externalId);
  add('callbackUrl', record.callbackUrl);
  fields.push('status', record.status, 'lane', record.lane, 'round', String(record.round));
  add('progress', record.progress === undefined ? undefined : JSON.stringify(record.progress));
  add('result', record.result === undefined ? undefined : JSON.stringify(record.result));
  add('executor', record.executor);
  fields.push('createdAt', record.createdAt);
  add('startedAt', record.startedAt);
  add('finishedAt', record.finishedAt);
  return fields;
}

/** A record from its hash, or undefined when the hash is empty (no such submission) or unusable. */
export function decodeSubmission(hash: Record<string, string>): StoredSubmission | undefined {
  const { id, userId, courseId, submittedBy, problemId, languageId, createdAt } = hash;
  const status = hash.status as SubmissionStatus | undefined;
  if (
    id === undefined ||
    userId === undefined ||
    courseId === undefined ||
    submittedBy === undefined ||
    problemId === undefined ||
    languageId === undefined ||
    createdAt === undefined ||
    status === undefined ||
    !SUBMISSION_STATUSES.includes(status)
  ) {
    return undefined;
  }
  const lane = (LANES as readonly string[]).includes(hash.lane ?? '') ? (hash.lane as Lane) : 'submission';
  const record: SubmissionRecord = {
    id,
    userId,
    courseId,
    submittedBy,
    problemId,
    problemVersion: Number(hash.problemVersion ?? 1),
    languageId,
    status,
    lane,
    round: Number(hash.round ?? 0),
    createdAt,
  };
  if (hash.externalId !== undefined) record.externalId = hash.externalId;
  if (hash.callbackUrl !== undefined && hash.callbackUrl !== '') record.callbackUrl = hash.callbackUrl;
  const progress = parseJson<{ done: number; total: number }>(hash.progress);
  if (progress !== undefined) record.progress = { done: progress.done, total: progress.total };
  const result = parseJson<JudgeResult>(hash.result);
  if (result !== undefined) record.result = result;
  if (hash.executor !== undefined) record.executor = hash.executor;
  if (hash.startedAt !== undefined) record.startedAt = hash.startedAt;
  if (hash.finishedAt !== undefined) record.finishedAt = hash.finishedAt;
  // A record an executor already took was published, whatever became of the accept step (a dispatcher
  // that died between the broker's confirm and accept()): it is shown.
  return { record, pending: hash.pending === '1' && status === 'queued' };
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
