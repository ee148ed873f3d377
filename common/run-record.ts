import type { RunResult } from './run-result.js';

/**
 * A one-off run (custom stdin, no judging against tests), stored as a hash at redisKeys().run(id) with a
 * TTL the dispatcher sets on creation (writers must not remove it: HSET keeps it, SET would not).
 *
 * Hash fields: the RunRecord fields as strings; `result` as JSON; absent optional fields are absent.
 * Life: the dispatcher creates it `queued` and publishes a task (kind 'run', lane 'run'); the executor
 * sets `status` judging, `executor`, `startedAt` when it starts, then `result`, `status` done and
 * `finishedAt` in one step (result: common/run-result.ts RunResult), adds `<id>:0` to
 * redisKeys().finishedJobs() and publishes `{"type":"final","status":"done","result":…}` on
 * redisKeys().runEvents(id) (see submission-events.ts).
 *
 * A run without a problem is published with the dispatcher's built-in default-limits package
 * (problemId `juez-default-run`, a real package stored by hash like any other), so the executor handles
 * every run the same way: limits always come from a package.
 */
export interface RunRecord {
  id: string;
  /** Who asked for the run. */
  userId: string;
  /** Course of the problem whose limits were used, if any. */
  courseId?: string;
  problemId?: string;
  problemVersion?: number;
  languageId: string;
  status: 'queued' | 'judging' | 'done';
  result?: RunResult;
  executor?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}
