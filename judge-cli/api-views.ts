/**
 * The shapes of the API answers judge-cli reads (the dispatcher's OpenAPI document has them all). Only the
 * fields judge-cli shows are listed; the JSON output passes whatever the server sent through unchanged.
 */
import type { GroupResult, TestCaseResult } from '../common/judge-result.js';
import type { SubmissionStatus } from '../common/submission.js';
import type { InternalErrorCulprit, Verdict } from '../common/verdict.js';

/** A test case as the caller may see it: students get hidden tests without name, message or data. */
export type TestCaseView = Partial<TestCaseResult> & Pick<TestCaseResult, 'group' | 'verdict' | 'cpuMs' | 'memoryKb'> & { index: number };

export interface JudgeResultView {
  verdict: Verdict;
  score: number;
  maxScore: number;
  compileOutput?: string;
  /** Students see the culprit only. */
  internalError?: { culprit: InternalErrorCulprit; message?: string };
  tests: TestCaseView[];
  groups?: GroupResult[];
  cpuMs: number;
  maxMemoryKb: number;
}

export interface SubmissionView {
  id: string;
  userId: string;
  courseId: string;
  problemId: string;
  problemVersion: number;
  languageId: string;
  status: SubmissionStatus;
  round: number;
  progress?: { done: number; total: number };
  result?: JudgeResultView;
  externalId?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ProblemSummary {
  id: string;
  courseId: string;
  name: string;
  latestVersion: number;
  updatedAt: string;
  deleted?: boolean;
}

export interface ProblemView {
  id: string;
  courseId: string;
  name: string;
  version: number;
  latestVersion: number;
  secretTestCount?: number;
  packageHash?: string;
  archiveBytes?: number;
}

export interface RejudgeReport {
  problemId: string;
  problemVersion: number;
  matched: number;
  queued: number;
  skipped: number;
  /** In a language no live executor serves now: not rejudged. */
  unavailable?: number;
}

/** GET /api/v1/languages; `judge-cli languages` prints the same shape from the local image. */
export interface LanguagesView {
  items: { id: string; name: string; extensions: string[]; available: boolean; version?: string }[];
}

/** Submissions in these states will not change any more (until a rejudge). */
export function isFinalStatus(status: SubmissionStatus): boolean {
  return status === 'done' || status === 'cancelled';
}
