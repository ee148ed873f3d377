/**
 * Submission records in Redis. Every state change is one Lua script (submission-scripts.ts) that checks
 * the current status against common/submission.ts ALLOWED_TRANSITIONS (the executor's scripts check the
 * same table), so a late or duplicate change can never regress a record.
 *
 * Acceptance protocol (why `pending` and the outbox exist): create() stores the record with `pending` =
 * '1' together with its sources, its external-id key and an outbox entry; the caller then publishes the
 * task and waits for the broker's confirm; confirm() clears `pending`, adds the record to the indices and
 * takes it out of the outbox. When the broker does not take the task, discard() deletes the record, its
 * sources, its external-id key and its outbox entry: a submission that was answered 503 leaves nothing
 * behind (an LMS retry with the same externalId starts afresh). A pending record is never listed or
 * shown. A dispatcher that dies in between leaves the id in the outbox; the OrphanSweeper publishes its
 * task again later (claimOrphans) and confirms it.
 */
import type { RedisKeys } from '../../common/redis-keys.js';
import type { SubmissionRecord, SubmissionStatus } from '../../common/submission.js';
import { runScript } from './lua-script.js';
import type { RedisConnection } from './redis-connection.js';
import { decodeSubmission, encodeSubmission, type StoredSubmission } from './submission-hash.js';
import {
  CANCEL,
  CLAIM_ORPHANS,
  CONFIRM,
  CREATE,
  DISCARD,
  REVERT_REJUDGE,
  START_REJUDGE,
  statusesLeadingTo,
} from './submission-scripts.js';

export interface SourceFile {
  name: string;
  content: string;
}

export type CreateOutcome = { kind: 'created' } | { kind: 'existing'; id: string };
export type CancelOutcome = { kind: 'cancelled'; record: SubmissionRecord } | { kind: 'conflict'; status: string } | { kind: 'missing' };
export type RejudgeOutcome =
  | { kind: 'queued'; round: number; previous: string }
  | { kind: 'skipped'; status: string }
  | { kind: 'missing' };

export interface SubmissionFilter {
  userId?: string;
  problemId?: string;
  courseId?: string;
  /** Only records of one of these courses. */
  courseIn?: readonly string[];
  submittedBy?: string;
  statuses?: readonly SubmissionStatus[];
  /** Creation time range, ms (inclusive). */
  fromMs?: number;
  toMs?: number;
}

export interface ListPage {
  items: SubmissionRecord[];
  /** Pass back as `cursor` for the next (older) page; undefined when there is none. */
  nextCursor?: string;
}

/** Position in an index: creation time (the sorted-set score) and id (ties). */
interface Cursor {
  score: number;
  id: string;
}

const SCAN_BATCH = 200;
/** Most index entries one list request reads; a page may then hold fewer items than asked, with a cursor. */
const MAX_SCAN = 5000;

const ARRIVAL_RETENTION_MS = 24 * 3600_000;

export class RedisSubmissionStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Stores a new pending record with its sources and its outbox entry; with an externalId, atomically
   * claims (submittedBy, externalId) first and returns the existing id when it was already claimed.
   */
  async create(record: SubmissionRecord, files: readonly SourceFile[], nowMs = Date.now()): Promise<CreateOutcome> {
    const hasExternalId = record.externalId !== undefined;
    const reply = (await runScript(
      this.redis,
      CREATE,
      [
        this.keys.submission(record.id),
        this.keys.submissionSources(record.id),
        this.keys.externalId(record.submittedBy, record.externalId ?? ''),
        this.keys.submissionOutbox(),
      ],
      [hasExternalId ? '1' : '0', JSON.stringify(files), record.id, String(nowMs), ...encodeSubmission(record)],
    )) as [string, string];
    if (reply[0] === 'existing') return { kind: 'existing', id: reply[1] };
    if (reply[0] === 'collision') throw new Error(`submission id ${record.id} already exists`);
    return { kind: 'created' };
  }

  /**
   * The broker confirmed the task of `record`'s round (published at `publishedMs`; undefined: at some
   * unknown time, no arrival is recorded): show the record, index it, record the arrival, take it out of
   * the outbox. Resolves with the record as it is now (undefined if it is gone).
   */
  async confirm(record: SubmissionRecord, publishedMs: number | undefined): Promise<StoredSubmission | undefined> {
    const hash = (await runScript(
      this.redis,
      CONFIRM,
      [
        this.keys.submission(record.id),
        this.keys.allSubmissions(),
        this.keys.userSubmissions(record.userId),
        this.keys.problemSubmissions(record.problemId),
        this.keys.courseSubmissions(record.courseId),
        this.keys.arrivals(record.lane),
        this.keys.submissionOutbox(),
      ],
      [
        String(Date.parse(record.createdAt)),
        record.id,
        `${record.id}:${record.round}`,
        publishedMs === undefined ? '' : String(publishedMs),
        String((publishedMs ?? 0) - ARRIVAL_RETENTION_MS),
      ],
    )) as string[];
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < hash.length; i += 2) fields[hash[i] as string] = hash[i + 1] as string;
    return decodeSubmission(fields);
  }

  /** The broker did not take the task: remove every trace (unless an executor got it after all). */
  async discard(record: SubmissionRecord): Promise<void> {
    await runScript(
      this.redis,
      DISCARD,
      [
        this.keys.submission(record.id),
        this.keys.submissionSources(record.id),
        this.keys.externalId(record.submittedBy, record.externalId ?? ''),
        this.keys.submissionOutbox(),
      ],
      [record.id],
    );
  }

  async get(id: string): Promise<StoredSubmission | undefined> {
    return decodeSubmission(await this.redis.hGetAll(this.keys.submission(id)));
  }

  async getSources(id: string): Promise<SourceFile[] | undefined> {
    const text = await this.redis.get(this.keys.submissionSources(id));
    return text === null ? undefined : (JSON.parse(text) as SourceFile[]);
  }

  /** queued → cancelled (the only way in, per ALLOWED_TRANSITIONS); publishes the final event. */
  async cancel(id: string, now = new Date()): Promise<CancelOutcome> {
    const [kind, status] = (await runScript(
      this.redis,
      CANCEL,
      [this.keys.submission(id), this.keys.submissionEvents(id)],
      [statusesLeadingTo('cancelled'), now.toISOString()],
    )) as [string, string];
    if (kind === 'missing') return { kind: 'missing' };
    if (kind === 'conflict') return { kind: 'conflict', status };
    const stored = await this.get(id);
    if (stored === undefined) return { kind: 'missing' };
    return { kind: 'cancelled', record: stored.record };
  }

  /**
   * done → queued with round + 1, on lane rejudge, against `problemVersion`, and into the outbox; the
   * previous result is cleared. `previous` lets revertRejudge undo it when the task cannot be published;
   * confirm() follows once it was.
   */
  async startRejudge(id: string, problemVersion: number, nowMs = Date.now()): Promise<RejudgeOutcome> {
    const [kind, value, previous] = (await runScript(
      this.redis,
      START_REJUDGE,
      [this.keys.submission(id), this.keys.submissionEvents(id), this.keys.submissionOutbox()],
      [statusesLeadingTo('queued'), String(problemVersion), id, String(nowMs)],
    )) as [string, string, string];
    if (kind === 'missing') return { kind: 'missing' };
    if (kind === 'skipped') return { kind: 'skipped', status: value };
    return { kind: 'queued', round: Number(value), previous };
  }

  /** Restores the state before startRejudge, if the record is still queued in that round; leaves the outbox. */
  async revertRejudge(id: string, round: number, previous: string): Promise<void> {
    await runScript(this.redis, REVERT_REJUDGE, [this.keys.submission(id), this.keys.submissionOutbox()], [String(round), previous, id]);
  }

  /**
   * Up to `limit` ids that entered the outbox before `cutoffMs` (their task was never confirmed), oldest
   * first. Each one's entry is set to `nowMs`: no sweeper takes it again until it is that old once more.
   */
  async claimOrphans(cutoffMs: number, nowMs: number, limit: number): Promise<string[]> {
    return (await runScript(this.redis, CLAIM_ORPHANS, [this.keys.submissionOutbox()], [String(cutoffMs), String(nowMs), String(limit)])) as string[];
  }

  /** Takes `id` out of the outbox (a record that is gone: nothing to publish). */
  async forgetOrphan(id: string): Promise<void> {
    await this.redis.zRem(this.keys.submissionOutbox(), id);
  }

  /** Newest first, filtered, one page at a time. @throws RangeError for a malformed cursor. */
  async list(filter: SubmissionFilter, limit: number, cursorText?: string): Promise<ListPage> {
    const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
    const index = this.indexFor(filter);
    const max = cursor !== undefined ? cursor.score : filter.toMs ?? '+inf';
    const min = filter.fromMs ?? '-inf';
    const items: SubmissionRecord[] = [];
    let scanned = 0;
    let last: Cursor | undefined;
    for (let offset = 0; scanned < MAX_SCAN; offset += SCAN_BATCH) {
      const entries = await this.redis.zRangeWithScores(index, max, min, {
        BY: 'SCORE',
        REV: true,
        LIMIT: { offset, count: SCAN_BATCH },
      });
      if (entries.length === 0) return { items };
      const fresh = entries.filter(
        (entry) => cursor === undefined || entry.score < cursor.score || entry.value < cursor.id,
      );
      const records = await Promise.all(fresh.map((entry) => this.get(entry.value)));
      for (const [i, entry] of fresh.entries()) {
        scanned += 1;
        last = { score: entry.score, id: entry.value };
        const stored = records[i];
        if (stored === undefined || stored.pending || !matches(stored.record, filter)) continue;
        items.push(stored.record);
        if (items.length === limit) return { items, nextCursor: encodeCursor(last) };
      }
      if (entries.length < SCAN_BATCH) return { items };
    }
    return last === undefined ? { items } : { items, nextCursor: encodeCursor(last) };
  }

  /** Every submission id of a problem, oldest first (for rejudges). */
  async idsOfProblem(problemId: string, sinceMs?: number): Promise<string[]> {
    return this.redis.zRange(this.keys.problemSubmissions(problemId), sinceMs ?? '-inf', '+inf', { BY: 'SCORE' });
  }

  /** Ids created in a time range from the most selective index (for usage). */
  async idsCreatedBetween(filter: { userId?: string; courseId?: string }, fromMs: number, toMs: number): Promise<string[]> {
    return this.redis.zRange(this.indexFor(filter), fromMs, toMs, { BY: 'SCORE' });
  }

  private indexFor(filter: { userId?: string; problemId?: string; courseId?: string }): string {
    if (filter.userId !== undefined) return this.keys.userSubmissions(filter.userId);
    if (filter.problemId !== undefined) return this.keys.problemSubmissions(filter.problemId);
    if (filter.courseId !== undefined) return this.keys.courseSubmissions(filter.courseId);
    return this.keys.allSubmissions();
  }
}

function matches(record: SubmissionRecord, filter: SubmissionFilter): boolean {
  if (filter.userId !== undefined && record.userId !== filter.userId) return false;
  if (filter.problemId !== undefined && record.problemId !== filter.problemId) return false;
  if (filter.courseId !== undefined && record.courseId !== filter.courseId) return false;
  if (filter.courseIn !== undefined && !filter.courseIn.includes(record.courseId)) return false;
  if (filter.submittedBy !== undefined && record.submittedBy !== filter.submittedBy) return false;
  if (filter.statuses !== undefined && filter.statuses.length > 0 && !filter.statuses.includes(record.status)) return false;
  return true;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.score}:${cursor.id}`).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d+):([A-Za-z0-9_-]{1,64})$/.exec(decoded);
  if (match === null) throw new RangeError('malformed cursor');
  return { score: Number(match[1]), id: match[2] as string };
}
