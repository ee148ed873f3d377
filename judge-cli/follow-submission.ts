import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type ApiClient } from './api-client.js';
import { isFinalStatus, type SubmissionView } from './api-views.js';
import { CliError } from './cli-error.js';
import { readServerSentEvents } from './sse-reader.js';

/** What happens while a submission is judged. */
export interface FollowHandlers {
  /** The submission as it is on (re)connecting: queued, judging with progress, or already final. */
  onState?(submission: SubmissionView): void;
  onStatus?(status: string, round: number): void;
  onProgress?(done: number, total: number): void;
}

/** Connections after the first one that may end without a verdict before giving up (a dispatcher restart). */
const RECONNECTS = 3;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Follows GET /submissions/:id/events until the `final` event and returns the final submission. A stream
 * that breaks off early is reopened (the `state` event that starts every stream says where things stand,
 * so nothing is missed); an error the server answers (404, 403, 401) is not retried.
 * @throws ApiError, CliError (no verdict within `timeoutMs`, the stream keeps breaking off).
 */
export async function followSubmission(client: ApiClient, id: string, handlers: FollowHandlers, timeoutMs: number): Promise<SubmissionView> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const path = `/api/v1/submissions/${encodeURIComponent(id)}/events`;
  let lastProblem = '';
  for (let attempt = 0; attempt <= RECONNECTS; attempt++) {
    if (attempt > 0) await sleep(RECONNECT_DELAY_MS, undefined, { signal: deadline }).catch(() => undefined);
    if (deadline.aborted) break;
    const connection = new AbortController();
    const signal = AbortSignal.any([deadline, connection.signal]);
    try {
      const stream = await client.openEventStream(path, signal);
      for await (const event of readServerSentEvents(stream)) {
        if (event.event === 'state') {
          const submission = JSON.parse(event.data) as SubmissionView;
          handlers.onState?.(submission);
          if (isFinalStatus(submission.status)) return submission;
        } else if (event.event === 'status') {
          const { status, round } = JSON.parse(event.data) as { status: string; round: number };
          handlers.onStatus?.(status, round);
        } else if (event.event === 'progress') {
          const { done, total } = JSON.parse(event.data) as { done: number; total: number };
          handlers.onProgress?.(done, total);
        } else if (event.event === 'final') {
          return JSON.parse(event.data) as SubmissionView;
        }
      }
      lastProblem = 'the event stream ended before the verdict';
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (deadline.aborted) break;
      lastProblem = error instanceof CliError ? error.message : `the event stream broke off: ${(error as Error).message}`;
    } finally {
      connection.abort();
    }
  }
  if (deadline.aborted) {
    throw new CliError(`no verdict for ${id} within ${Math.round(timeoutMs / 1000)} s; 'judge-cli status ${id}' shows it later`);
  }
  throw new CliError(`${lastProblem} (${id}, ${RECONNECTS + 1} attempts); 'judge-cli status ${id}' shows it later`);
}
