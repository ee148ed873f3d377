/**
 * Rejudging: every matching `done` submission of a problem goes done → queued with round + 1 against the
 * problem's latest version (one atomic script per submission), then its task is published on lane
 * `rejudge`, and confirmed once the broker took it (the store's outbox covers a dispatcher dying in
 * between). If the broker refuses a task, that submission is put back exactly as it was (queued → done,
 * its old result and round) and the rejudge stops with QueueUnavailableError: the caller learns how many
 * were queued before. A submission in a language no live executor serves now is left as it is (counted as
 * `unavailable`): its task could not be judged, and its old verdict is better than an IE.
 */
import type { SubmissionRecord, SubmissionStatus } from '../../common/submission.js';
import type { TaskMessage } from '../../common/task-message.js';
import type { Logger } from 'pino';
import type { AppDeps } from '../app-deps.js';
import { errors } from '../http/errors.js';
import type { ProblemVersion } from '../store/problem-version.js';

export interface RejudgeFilter {
  statuses?: SubmissionStatus[];
  verdicts?: string[];
  userId?: string;
  /** Only submissions created at or after, ms. */
  sinceMs?: number;
}

export interface RejudgeReport {
  problemId: string;
  problemVersion: number;
  /** Submissions that matched the filter. */
  matched: number;
  /** Put back on the queue. */
  queued: number;
  /** Matched but not final (queued, judging, cancelled): a rejudge starts only from done. */
  skipped: number;
  /** Matched, but in a language no live executor serves now: kept as they are. */
  unavailable: number;
}

const BATCH = 100;

export async function rejudgeProblem(
  deps: Pick<AppDeps, 'submissions' | 'publisher' | 'metrics' | 'availability'>,
  version: ProblemVersion,
  filter: RejudgeFilter,
  log: Logger,
): Promise<RejudgeReport> {
  const report: RejudgeReport = { problemId: version.problemId, problemVersion: version.version, matched: 0, queued: 0, skipped: 0, unavailable: 0 };
  const ids = await deps.submissions.idsOfProblem(version.problemId, filter.sinceMs);
  for (let start = 0; start < ids.length; start += BATCH) {
    const stored = await Promise.all(ids.slice(start, start + BATCH).map((id) => deps.submissions.get(id)));
    for (const entry of stored) {
      if (entry === undefined || entry.pending || !matches(entry.record, filter)) continue;
      report.matched += 1;
      if (!(await deps.availability.served()).has(entry.record.languageId)) {
        report.unavailable += 1;
        continue;
      }
      const outcome = await deps.submissions.startRejudge(entry.record.id, version.version);
      if (outcome.kind !== 'queued') {
        report.skipped += 1;
        continue;
      }
      const files = await deps.submissions.getSources(entry.record.id);
      const task: TaskMessage = {
        v: 1,
        kind: 'submission',
        lane: 'rejudge',
        id: entry.record.id,
        round: outcome.round,
        problemId: version.problemId,
        problemVersion: version.version,
        packageHash: version.packageHash,
        languageId: entry.record.languageId,
        files: files ?? [],
        publishedAt: Date.now(),
      };
      try {
        if (files === undefined || files.length === 0) throw new Error(`sources of ${entry.record.id} are missing`);
        await deps.publisher.publish(task);
      } catch (error) {
        await deps.submissions.revertRejudge(entry.record.id, outcome.round, outcome.previous);
        log.warn({ err: error, submissionId: entry.record.id }, 'rejudge task not published; submission restored');
        if (files === undefined || files.length === 0) {
          report.skipped += 1;
          continue;
        }
        throw errors.queueUnavailable({ ...report });
      }
      await deps.submissions.confirm({ ...entry.record, lane: 'rejudge', round: outcome.round }, task.publishedAt);
      deps.metrics.published.inc({ lane: 'rejudge' });
      report.queued += 1;
    }
  }
  return report;
}

function matches(record: SubmissionRecord, filter: RejudgeFilter): boolean {
  if (filter.userId !== undefined && record.userId !== filter.userId) return false;
  if (filter.statuses !== undefined && filter.statuses.length > 0 && !filter.statuses.includes(record.status)) return false;
  if (filter.verdicts !== undefined && filter.verdicts.length > 0) {
    if (record.result === undefined || !filter.verdicts.includes(record.result.verdict)) return false;
  }
  return true;
}
