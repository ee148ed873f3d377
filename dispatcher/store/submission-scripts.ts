/**
 * The Lua scripts behind RedisSubmissionStore. Each is one atomic step; state changes check the current
 * status against common/submission.ts ALLOWED_TRANSITIONS (the executor's scripts check the same table).
 *
 * The outbox (redisKeys().submissionOutbox) holds every submission whose task was not yet confirmed by
 * the broker: CREATE and START_REJUDGE add it in the same step as the record change, CONFIRM and
 * DISCARD / REVERT_REJUDGE take it out in the same step as theirs. So a dispatcher that dies between the
 * two always leaves the id in the outbox, where the OrphanSweeper finds it.
 */
import { ALLOWED_TRANSITIONS, type SubmissionStatus } from '../../common/submission.js';
import { luaScript } from './lua-script.js';

/** Statuses from which `to` may be reached, per ALLOWED_TRANSITIONS, as a JSON list for ARGV. */
export function statusesLeadingTo(to: SubmissionStatus): string {
  const from = Object.entries(ALLOWED_TRANSITIONS)
    .filter(([, targets]) => targets.includes(to))
    .map(([status]) => status);
  return JSON.stringify(from);
}

/**
 * A new pending record with its sources and external-id claim, and its outbox entry.
 * KEYS: record, sources, external id, outbox. ARGV: '1' when there is an external id, sources JSON, id,
 * now (ms, the outbox score), then the record's field, value pairs.
 */
export const CREATE = luaScript(`
if ARGV[1] == '1' then
  local existing = redis.call('GET', KEYS[3])
  if existing then return {'existing', existing} end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'collision', ''} end
redis.call('HSET', KEYS[1], 'pending', '1', unpack(ARGV, 5))
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[1] == '1' then redis.call('SET', KEYS[3], ARGV[3]) end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
return {'created', ARGV[3]}
`);

/**
 * The broker confirmed the task: the record is shown (pending cleared), indexed, its arrival recorded
 * for statistics (older ones trimmed; not when ARGV[4] is ''), its outbox entry removed; replies with
 * the record's hash as it is now (flat field, value list; empty when the record is gone), so the answer
 * needs no second read.
 * KEYS: record, all, user's, problem's, course's index, lane arrivals, outbox.
 * ARGV: created (ms, the index score), id, arrival member, published (ms) or '', trim arrivals up to this (ms).
 */
export const CONFIRM = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[7], ARGV[2])
  return {}
end
redis.call('HDEL', KEYS[1], 'pending')
for i = 2, 5 do redis.call('ZADD', KEYS[i], ARGV[1], ARGV[2]) end
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[6], ARGV[4], ARGV[3])
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[5])
end
redis.call('ZREM', KEYS[7], ARGV[2])
return redis.call('HGETALL', KEYS[1])
`);

/**
 * The broker did not take the task: every trace goes (unless an executor got it after all).
 * KEYS: record, sources, external id, outbox. ARGV: id.
 */
export const DISCARD = luaScript(`
redis.call('ZREM', KEYS[4], ARGV[1])
local status = redis.call('HGET', KEYS[1], 'status')
if status and status ~= 'queued' then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
return 1
`);

/** KEYS: record, events channel. ARGV: statuses leading to cancelled (JSON), finishedAt (ISO). */
export const CANCEL = luaScript(`
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
`);

/** Fields a rejudge clears, returned so that REVERT_REJUDGE can put them back. */
export const PREVIOUS_FIELDS = ['round', 'lane', 'problemVersion', 'result', 'progress', 'executor', 'startedAt', 'finishedAt'];

/**
 * done → queued with round + 1 on lane rejudge, and into the outbox until its task is confirmed.
 * KEYS: record, events channel, outbox. ARGV: statuses leading to queued (JSON), problem version, id, now (ms).
 */
export const START_REJUDGE = luaScript(`
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
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
redis.call('PUBLISH', KEYS[2], cjson.encode({type = 'status', status = 'queued', round = round}))
return {'queued', tostring(round), cjson.encode(previous)}
`);

/**
 * Undoes START_REJUDGE while nobody took the task (queued → done is an allowed transition); the outbox
 * entry goes either way, the caller having dealt with the task.
 * KEYS: record, outbox. ARGV: round, previous fields (JSON), id.
 */
export const REVERT_REJUDGE = luaScript(`
redis.call('ZREM', KEYS[2], ARGV[3])
local f = redis.call('HMGET', KEYS[1], 'status', 'round')
if f[1] ~= 'queued' or f[2] ~= ARGV[1] then return 0 end
local previous = cjson.decode(ARGV[2])
redis.call('HSET', KEYS[1], 'status', 'done')
for name, value in pairs(previous) do
  if value ~= '' then redis.call('HSET', KEYS[1], name, value) end
end
return 1
`);

/**
 * Outbox entries older than a cutoff, each leased for another period (its score set to now) so that
 * the sweepers of other dispatchers leave it alone meanwhile; oldest first.
 * KEYS: outbox. ARGV: cutoff (ms, exclusive), now (ms), most entries.
 */
export const CLAIM_ORPHANS = luaScript(`
local ids = redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids
`);
