/**
 * Submission records in Redis. Every state change is one Lua script that checks the current status
 * against common/submission.ts ALLOWED_TRANSITIONS (the executor's scripts check the same table), so a late
 * or duplicate change can never regress a record.
 *
 * Acceptance protocol (why `pending` exists): create() stores the record with `pending` = '1' together with
 * its sources and external-id key; the caller then publishes the task and waits for the broker's confirm;
 * accept() clears `pending` and adds the record to the indices. When the broker does not take the task,
 * discard() deletes the record, its sources and its external-id key: a submission that was answered 503
 * leaves nothing behind (an LMS retry with the same externalId starts afresh). A pending record is never
 * listed or shown.
 */
import type { RedisKeys } from '../../common/redis-keys.js';
import { ALLOWED_TRANSITIONS, type SubmissionRecord, type SubmissionStatus } from '../../common/submission.js';
import type { RedisConnection } from './redis-connection.js';
import { decodeSubmission, encodeSubmission, type StoredSubmission } from './submission-hash.js';

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

/** Statuses from which `to` may be reached, per ALLOWED_TRANSITIONS. */
function statusesLeadingTo(to: SubmissionStatus): string {
  const from = Object.entries(ALLOWED_TRANSITIONS)
    .filter(([, targets]) => targets.includes(to))
    .map(([status]) => status);
  return JSON.stringify(from);
}

const CREATE = `
if ARGV[1] == '1' then
  local existing = redis.call('GET', KEYS[3])
  if existing then return {'existing', existing} end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'collision', ''} end
redis.call('HSET', KEYS[1], 'pending', '1', unpack(ARGV, 4))
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[1] == '1' then redis.call('SET', KEYS[3], ARGV[3]) end
return {'created', ARGV[3]}
`;

const DISCARD = `
local status = redis.call('HGET', KEYS[1], 'status')
if status and status ~= 'queued' then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
return 1
`;

const CANCEL = `
local f = redis.call('HMGET', KEYS[1], 'status', 'round', 'pending')
if not f[1] or f[3] == '1' then return {'missing', ''} end
for _, from in ipairs(cjson.decode(ARGV[1])) do
  if from == f[1] then
    redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAt', ARGV[2])
    redis.call('PUBLISH', KEYS[2], cjson.encode({type = 'final', status = 'cancelled', round = tonumber(f[2])}))
    return {'cancelled', f[1]}
  end
end
return {'conflict', f[1]}
`;

const PREVIOUS_FIELDS = ['round', 'lane', 'problemVersion', 'result', 'progress', 'executor', 'startedAt', 'finishedAt'];

const START_REJUDGE = `
local f = redis.call('HMGET', KEYS[1], 'status', 'pending', ${PREVIOUS_FIELDS.map((name) => `'${name}'`).join(', ')})
if not f[1] then return {'missing', '', ''} end
local allowed = false
for _, from in ipairs(cjson.decode(ARGV[1])) do if from == f[1] then allowed = true end end
if not allowed then return {'skipped', f[1], ''} end
local previous = {}
local names = {${PREVIOUS_FIELDS.map((name) => `'${name}'`).join(', ')}}
for i, name in ipairs(names) do previous[name] = f[i + 2] or '' end
local round = tonumber(f[3]) + 1
redis.call('HSET', KEYS[1], 'status', 'queued', 'round', tostring(round), 'lane', 'rejudge', 'problemVersion', ARGV[2])
redis.call('HDEL', KEYS[1], 'result', 'progress', 'executor', 'startedAt', 'finishedAt')
redis.call('PUBLISH', KEYS[2], cjson.encode({type = 'status', status = 'queued', round = round}))
return {'queued', tostring(round), cjson.encode(previous)}
`;

// queued → done is an allowed transition (ALLOWED_TRANSITIONS); only undone while nobody took the task.
const REVERT_REJUDGE = `
local f = redis.call('HMGET', KEYS[1], 'status', 'round')
if f[1] ~= 'queued' or f[2] ~= ARGV[1] then return 0 end
local previous = cjson.decode(ARGV[2])
redis.call('HSET', KEYS[1], 'status', 'done')
for name, value in pairs(previous) do
  if value ~= '' then redis.call('HSET', KEYS[1], name, value) end
end
return 1
`;

export class RedisSubmissionStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Stores a new pending record with its sources; with an externalId, atomically claims
   * (submittedBy, externalId) first and returns the existing id when it was already claimed.
   */
  async create(record: SubmissionRecord, files: readonly SourceFile[]): Promise<CreateOutcome> {
    const hasExternalId = record.externalId !== undefined;
    const reply = (await this.redis.eval(CREATE, {
      keys: [
        this.keys.submission(record.id),
        this.keys.submissionSources(record.id),
        this.keys.externalId(record.submittedBy, record.externalId ?? ''),
      ],
      arguments: [hasExternalId ? '1' : '0', JSON.stringify(files), record.id, ...encodeSubmission(record)],
    })) as [string, string];
    if (reply[0] === 'existing') return { kind: 'existing', id: reply[1] };
    if (reply[0] === 'collision') throw new Error(`submission id ${record.id} already exists`);
    return { kind: 'created' };
  }

  /** The broker confirmed the task: show the record and index it. */
  async accept(record: SubmissionRecord, createdMs: number): Promise<void> {
    const entry = { score: createdMs, value: record.id };
    await this.redis
      .multi()
      .hDel(this.keys.submission(record.id), 'pending')
      .zAdd(this.keys.allSubmissions(), entry)
      .zAdd(this.keys.userSubmissions(record.userId), entry)
      .zAdd(this.keys.problemSubmissions(record.problemId), entry)
      .zAdd(this.keys.courseSubmissions(record.courseId), entry)
      .exec();
  }

  /** The broker did not take the task: remove every trace (unless an executor got it after all). */
  async discard(record: SubmissionRecord): Promise<void> {
    await this.redis.eval(DISCARD, {
      keys: [
        this.keys.submission(record.id),
        this.keys.submissionSources(record.id),
        this.keys.externalId(record.submittedBy, record.externalId ?? ''),
      ],
      arguments: [record.id],
    });
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
    const [kind, status] = (await this.redis.eval(CANCEL, {
      keys: [this.keys.submission(id), this.keys.submissionEvents(id)],
      arguments: [statusesLeadingTo('cancelled'), now.toISOString()],
    })) as [string, string];
    if (kind === 'missing') return { kind: 'missing' };
    if (kind === 'conflict') return { kind: 'conflict', status };
    const stored = await this.get(id);
    if (stored === undefined) return { kind: 'missing' };
    return { kind: 'cancelled', record: stored.record };
  }

  /**
   * done → queued with round + 1, on lane rejudge, against `problemVersion`; the previous result is
   * cleared. `previous` lets revertRejudge undo it when the task cannot be published.
   */
  async startRejudge(id: string, problemVersion: number): Promise<RejudgeOutcome> {
    const [kind, value, previous] = (await this.redis.eval(START_REJUDGE, {
      keys: [this.keys.submission(id), this.keys.submissionEvents(id)],
      arguments: [statusesLeadingTo('queued'), String(problemVersion)],
    })) as [string, string, string];
    if (kind === 'missing') return { kind: 'missing' };
    if (kind === 'skipped') return { kind: 'skipped', status: value };
    return { kind: 'queued', round: Number(value), previous };
  }

  /** Restores the state before startRejudge, if the record is still queued in that round. */
  async revertRejudge(id: string, round: number, previous: string): Promise<void> {
    await this.redis.eval(REVERT_REJUDGE, { keys: [this.keys.submission(id)], arguments: [String(round), previous] });
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
