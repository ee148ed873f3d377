import { redisKeys, type RedisKeys } from '../../common/redis-keys.js';
import type { ExecutorRegistry, ExecutorStatus } from './executor-heartbeat.js';
import { luaScript, type RedisConnection } from './redis-connection.js';

/**
 * KEYS: executor hash, executors set, languages-seen hash. ARGV: name, now (ms), ttl (ms), n, then n field,
 * value strings for the executor hash, then id, `<now> <version>` strings for the languages-seen hash. One
 * script so that the hash and its entry in the set never disagree about lastSeen, and the languages it
 * serves are stamped with the same time.
 */
const BEAT = luaScript(`
local n = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], unpack(ARGV, 5, 4 + n))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
if #ARGV > 4 + n then redis.call('HSET', KEYS[3], unpack(ARGV, 5 + n, #ARGV)) end
return 1
`);

/** Executor heartbeats at redisKeys().executor(name) and redisKeys().executors(), read by the dispatcher. */
export class RedisExecutorRegistry implements ExecutorRegistry {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: RedisConnection,
    keyPrefix: string,
  ) {
    this.keys = redisKeys(keyPrefix);
  }

  async beat(status: ExecutorStatus, ttlMs: number): Promise<void> {
    const now = Date.now();
    const fields = { ...status, lastSeen: now, heartbeatMs: Math.round(ttlMs / 3) };
    const pairs = Object.entries(fields).flatMap(([field, value]) => [field, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
    const seen = Object.entries(status.languages).flatMap(([id, version]) => [id, `${now} ${version}`]);
    const keys = [this.keys.executor(status.name), this.keys.executors(), this.keys.languagesSeen()];
    await this.redis.script(BEAT, keys, [status.name, now, ttlMs, pairs.length, ...pairs, ...seen]);
  }

  async remove(name: string): Promise<void> {
    await this.redis.command(['DEL', this.keys.executor(name)]);
    await this.redis.command(['ZREM', this.keys.executors(), name]);
  }
}
