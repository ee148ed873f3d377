import type { RedisKeys } from '../../common/redis-keys.js';
import type { RedisConnection } from './redis-connection.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetS: number;
}

/**
 * Fixed-window counters in Redis, one per user, bucket and window: INCR, and EXPIRE on the first hit so
 * the key disappears with its window. Shared by every dispatcher process.
 */
export class RedisRateLimiter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly windowS: number,
  ) {}

  /** Counts one request of `userId` in `bucket` against `limit` (0: unlimited). */
  async hit(userId: string, bucket: string, limit: number, now = Date.now()): Promise<RateLimitDecision> {
    const windowMs = this.windowS * 1000;
    const window = Math.floor(now / windowMs);
    const resetS = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    if (limit <= 0) return { allowed: true, limit, remaining: Number.POSITIVE_INFINITY, resetS };
    const key = this.keys.rateLimit(userId, window, bucket);
    const [count] = await this.redis.multi().incr(key).expire(key, this.windowS + 1, 'NX').exec();
    const used = Number(count);
    return { allowed: used <= limit, limit, remaining: Math.max(0, limit - used), resetS };
  }
}
