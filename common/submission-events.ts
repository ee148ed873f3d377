import type { JudgeResult, TestCaseResult } from './judge-result.js';
import type { RunResult } from './run-result.js';

/**
 * Events published (PUBLISH, one JSON object per message) on redisKeys().submissionEvents(id) while a
 * submission moves along, and consumed by the dispatcher's Server-Sent Events and `wait`.
 *
 * Publishers and when:
 *   executor    `status` judging when it takes the task; `progress` after each test case; `final` once the
 *               verdict is stored (also after a dead-lettered task got its IE verdict).
 *   dispatcher  `final` with status `cancelled` on cancel; `status` queued on rejudge.
 *
 * Rules:
 *   - Publish AFTER the matching record change is stored (inside the same Lua script is ideal): a reader that
 *     receives an event and then reads the record never sees an older state than the event describes.
 *   - `round` is the judging round the event belongs to; readers ignore events of another round.
 *   - Events are hints, not the source of truth: a subscriber may miss some (pub/sub is fire-and-forget), so
 *     readers subscribe first, then read the record, and treat the record as authoritative.
 *   - On redisKeys().verdictEvents() the executor publishes the same `final` event with `id` set.
 */
export type SubmissionEvent = SubmissionStatusEvent | SubmissionProgressEvent | SubmissionFinalEvent;

export interface SubmissionStatusEvent {
  type: 'status';
  status: 'queued' | 'judging';
  round?: number;
  /** Executor that took the task (status judging). */
  executor?: string;
}

/** `done` of `total` test cases finished. */
export interface SubmissionProgressEvent {
  type: 'progress';
  round?: number;
  done: number;
  total: number;
  /**
   * The test cases finished since the previous progress event, in judging order, each with its position in
   * the result's `tests`. Full data, like `final`'s result: readers filter it per audience before showing it.
   */
  tests?: IndexedTestResult[];
}

/** A test case result with its position in JudgeResult.tests. */
export type IndexedTestResult = TestCaseResult & { index: number };

export interface SubmissionFinalEvent {
  type: 'final';
  status: 'done' | 'cancelled';
  round?: number;
  /** Submission id: only on the verdictEvents channel, where events of every submission meet. */
  id?: string;
  /** Present when status is done. The full result: readers filter it per audience before showing it. */
  result?: JudgeResult;
}

/**
 * Event published on redisKeys().runEvents(id) by the executor once a run's result is stored (and
 * optionally `status` judging when it starts).
 */
export type RunEvent = { type: 'status'; status: 'judging'; executor?: string } | { type: 'final'; status: 'done'; result: RunResult };

/** Parses a message from a submission channel; undefined for anything that is not a known event. */
export function parseSubmissionEvent(text: string): SubmissionEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as { type?: unknown; status?: unknown; done?: unknown; total?: unknown };
  switch (event.type) {
    case 'status':
      return event.status === 'queued' || event.status === 'judging' ? (value as SubmissionStatusEvent) : undefined;
    case 'progress':
      return typeof event.done === 'number' && typeof event.total === 'number'
        ? (value as SubmissionProgressEvent)
        : undefined;
    case 'final':
      return event.status === 'done' || event.status === 'cancelled' ? (value as SubmissionFinalEvent) : undefined;
    default:
      return undefined;
  }
}

/** Parses a message from a run channel; undefined for anything that is not a known event. */
export function parseRunEvent(text: string): RunEvent | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown; status?: unknown };
    if (value.type === 'final' && value.status === 'done') return value as RunEvent;
    if (value.type === 'status' && value.status === 'judging') return value as RunEvent;
  } catch {
    // not JSON: ignored like any unknown message
  }
  return undefined;
}
