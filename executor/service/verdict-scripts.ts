/**
 * The Lua scripts behind RedisVerdictStore. Each one checks the record's status and round and changes it
 * only along ALLOWED_TRANSITIONS (common/submission.ts), then publishes the matching event, all in one
 * atomic step: a duplicate or late delivery can never write twice nor move a final record back, and an
 * event is never published for a change that was not stored.
 *
 * Replies: 'start' / 'stored' / 'ok' when the change was made; otherwise why not: 'missing' (no record),
 * 'final' (done), 'cancelled', 'stale' (another round, or another executor took over).
 */
import { ENQUEUE_WEBHOOK_LUA } from '../../common/webhook-delivery.js';
import { luaScript } from './redis-connection.js';

/**
 * Records a finished job for statistics: member `<id>:<round>` of the finished-jobs set and its details
 * hash, both kept for `retentionMs`. `fields` is a flat list of field, value pairs.
 */
const RECORD_JOB_LUA = `
local function juez_record_job(jobsKey, jobKey, member, nowMs, retentionMs, fields)
  redis.call('ZADD', jobsKey, nowMs, member)
  redis.call('ZREMRANGEBYSCORE', jobsKey, '-inf', nowMs - retentionMs)
  redis.call('HSET', jobKey, unpack(fields))
  redis.call('PEXPIRE', jobKey, retentionMs)
end

-- The job's statistics plus who it belongs to (usage is reported per user, course and problem).
local function juez_with_owner(stats, userId, courseId, problemId)
  for _, pair in ipairs({{'userId', userId}, {'courseId', courseId}, {'problemId', problemId}}) do
    stats[#stats + 1] = pair[1]
    stats[#stats + 1] = pair[2] or ''
  end
  return stats
end
`;

/** ARGV from `first` on, as a Lua table. */
const ARGV_FROM = `
local function juez_argv_from(first)
  local t = {}
  for i = first, #ARGV do t[#t + 1] = ARGV[i] end
  return t
end
`;

/**
 * queued → judging, or judging → judging (a redelivery, or another executor taking over a task whose
 * executor died). Clears the progress of an earlier attempt.
 * KEYS: record. ARGV: round, executor, startedAt (ISO), events channel, status event JSON.
 */
export const START_JUDGING = luaScript(`
local f = redis.call('HMGET', KEYS[1], 'status', 'round')
local status = f[1]
if not status then return 'missing' end
if status == 'done' then return 'final' end
if status == 'cancelled' then return 'cancelled' end
if tonumber(f[2]) ~= tonumber(ARGV[1]) then return 'stale' end
if status ~= 'queued' and status ~= 'judging' then return redis.error_reply('unknown submission status ' .. status) end
redis.call('HSET', KEYS[1], 'status', 'judging', 'executor', ARGV[2], 'startedAt', ARGV[3])
redis.call('HDEL', KEYS[1], 'progress')
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 'start'
`);

/**
 * Progress of the executor that holds the task: only while judging this round, and only by the executor
 * named in the record (after a takeover, the old executor's reports are dropped).
 * KEYS: record. ARGV: round, executor, progress JSON, events channel, progress event JSON.
 */
export const REPORT_PROGRESS = luaScript(`
local f = redis.call('HMGET', KEYS[1], 'status', 'round', 'executor')
if f[1] ~= 'judging' then return f[1] and 'final' or 'missing' end
if tonumber(f[2]) ~= tonumber(ARGV[1]) or f[3] ~= ARGV[2] then return 'stale' end
redis.call('HSET', KEYS[1], 'progress', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 'ok'
`);

/**
 * judging → done, or queued → done (a dead-lettered task that no executor could judge). Exactly once per
 * round: the first finish wins, every later one is 'final'. Publishes the final event on the submission's
 * channel and on the verdicts channel, enqueues the webhook delivery when the record has a callbackUrl,
 * and records the job for statistics.
 * KEYS: record, webhook, webhooks due, finished jobs, finished job.
 * ARGV: round, result JSON, finishedAt (ISO), now (ms), executor, submission channel, final event JSON,
 *       verdicts channel, verdicts event JSON, webhook delivery id, verdict, score, maxScore,
 *       retention (ms), finished-jobs member, then field, value pairs of the job's statistics.
 */
export const FINISH = luaScript(`${ENQUEUE_WEBHOOK_LUA}${RECORD_JOB_LUA}${ARGV_FROM}
local f = redis.call('HMGET', KEYS[1], 'status', 'round', 'userId', 'courseId', 'problemId')
local status = f[1]
if not status then return 'missing' end
if status == 'done' then return 'final' end
if status == 'cancelled' then return 'cancelled' end
if tonumber(f[2]) ~= tonumber(ARGV[1]) then return 'stale' end
if status ~= 'queued' and status ~= 'judging' then return redis.error_reply('unknown submission status ' .. status) end
local now = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'status', 'done', 'result', ARGV[2], 'finishedAt', ARGV[3], 'executor', ARGV[5])
redis.call('HDEL', KEYS[1], 'progress')
redis.call('PUBLISH', ARGV[6], ARGV[7])
redis.call('PUBLISH', ARGV[8], ARGV[9])
juez_enqueue_webhook(KEYS[1], KEYS[2], KEYS[3], ARGV[10], tonumber(ARGV[1]), now, ARGV[11], ARGV[12], ARGV[13])
juez_record_job(KEYS[4], KEYS[5], ARGV[15], now, tonumber(ARGV[14]), juez_with_owner(juez_argv_from(16), f[3], f[4], f[5]))
return 'stored'
`);

/**
 * queued → judging for a one-off run (again judging on a redelivery). A run whose record expired is
 * 'missing': nobody waits for it any more.
 * KEYS: run record. ARGV: executor, startedAt (ISO), run channel, status event JSON.
 */
export const START_RUN = luaScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'done' then return 'final' end
redis.call('HSET', KEYS[1], 'status', 'judging', 'executor', ARGV[1], 'startedAt', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 'start'
`);

/**
 * → done for a run, exactly once; the record lives at least `ttl` more seconds (never shortened: the
 * dispatcher owns its lifetime). HSET keeps the TTL the dispatcher set.
 * KEYS: run record, finished jobs, finished job.
 * ARGV: result JSON, finishedAt (ISO), now (ms), executor, run channel, final event JSON, ttl (s),
 *       retention (ms), finished-jobs member, then field, value pairs of the job's statistics.
 */
export const FINISH_RUN = luaScript(`${RECORD_JOB_LUA}${ARGV_FROM}
local f = redis.call('HMGET', KEYS[1], 'status', 'userId', 'courseId', 'problemId')
if not f[1] then return 'missing' end
if f[1] == 'done' then return 'final' end
local now = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'status', 'done', 'result', ARGV[1], 'finishedAt', ARGV[2], 'executor', ARGV[4])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[7]) then redis.call('EXPIRE', KEYS[1], ARGV[7]) end
redis.call('PUBLISH', ARGV[5], ARGV[6])
juez_record_job(KEYS[2], KEYS[3], ARGV[9], now, tonumber(ARGV[8]), juez_with_owner(juez_argv_from(10), f[2], f[3], f[4]))
return 'stored'
`);
