import { redisKeys, type RedisKeys } from '../../common/redis-keys.js';
import type { ExecutorRegistry, ExecutorStatus } from './executor-heartbeat.js';
import { luaScript, type RedisConnection } from './redis-connection.js';

/**
 * KEYS: executor hash, executors set, languages-seen hash. ARGV: name, now (ms), ttl (ms), then field, value
 * pairs, `languages` (a JSON object id → version) among them. One script so that the hash and its entry in
 * the set never disagree about lastSeen, and the languages it serves are stamped with the same time.
 */
const BEAT = luaScript(`
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
for i = 4, #ARGV - 1, 2 do
  if ARGV[i] == 'languages' then
    for id, version in pairs(cjson.decode(ARGV[i + 1])) do redis.call('HSET', KEYS[3], id, ARGV[2] .. ' ' .. version) end
  end
end
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
    const keys = [this.keys.executor(status.name), this.keys.executors(), this.keys.languagesSeen()];
    await this.redis.script(BEAT, keys, [status.name, now, ttlMs, ...pairs]);
  }

  async remove(name: string): Promise<void> {
    await this.redis.command(['DEL', this.keys.executor(name)]);
    await this.redis.command(['ZREM', this.keys.executors(), name]);
  }
}
