import type { RedisKeys } from '../../common/redis-keys.js';
import { luaScript, runScript } from './lua-script.js';
import type { RedisConnection } from './redis-connection.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetS: number;
}

/** INCR, and EXPIRE on the first hit: one command on the wire instead of MULTI, INCR, EXPIRE, EXEC. */
const HIT = luaScript(`
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return used
`);

/**
 * Fixed-window counters in Redis, one per user, bucket and window: INCR, and EXPIRE on the first hit so
 * the key disappears with its window. Shared by every dispatcher process.
 */
export class RedisRateLimiter {
  private readonly ttlS: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly windowS: number,
  ) {
    this.ttlS = String(windowS + 1);
  }

  /** Counts one request of `userId` in `bucket` against `limit` (0: unlimited). */
  async hit(userId: string, bucket: string, limit: number, now = Date.now()): Promise<RateLimitDecision> {
    const windowMs = this.windowS * 1000;
    const window = Math.floor(now / windowMs);
    const resetS = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    if (limit <= 0) return { allowed: true, limit, remaining: Number.POSITIVE_INFINITY, resetS };
    const used = Number(await runScript(this.redis, HIT, [this.keys.rateLimit(userId, window, bucket)], [this.ttlS]));
    return { allowed: used <= limit, limit, remaining: Math.max(0, limit - used), resetS };
  }
}
