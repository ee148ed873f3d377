/**
 * Webhook deliveries in Redis (contract: common/webhook-delivery.ts). Deliveries are claimed atomically:
 * the claim script moves each due delivery's score to the claim's expiry and tags it with a random token,
 * so two dispatchers never attempt the same delivery at once, and a dispatcher that dies mid-attempt only
 * delays it until the claim expires. Completing an attempt requires the token: a late completion after
 * the claim expired (and someone else took it) changes nothing.
 */
import type { RedisKeys } from '../../common/redis-keys.js';
import type { WebhookDeliveryFields } from '../../common/webhook-delivery.js';
import type { RedisConnection } from './redis-connection.js';

/** One attempt in the admin log (newest first). */
export interface WebhookAttemptLogEntry {
  deliveryId: string;
  submissionId: string;
  attempt: number;
  url: string;
  at: string;
  /** HTTP status, 0 when no response came. */
  status: number;
  error?: string;
  durationMs: number;
  /** What happened next. */
  outcome: 'delivered' | 'retry' | 'failed';
  nextAttemptAt?: string;
}

export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; nextAttemptAt: number }
  | { kind: 'failed' };

const LOG_LENGTH = 1000;

const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(ids) do
  local key = ARGV[5] .. id
  if redis.call('EXISTS', key) == 0 then
    redis.call('ZREM', KEYS[1], id)
  else
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]), id)
    redis.call('HSET', key, 'status', 'delivering', 'claim', ARGV[4])
    redis.call('HINCRBY', key, 'attempts', 1)
    if redis.call('HEXISTS', key, 'retryFrom') == 0 then redis.call('HSET', key, 'retryFrom', redis.call('HGET', key, 'createdAt')) end
    claimed[#claimed + 1] = id
  end
end
return claimed
`;

const COMPLETE = `
if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], 'claim')
redis.call('HSET', KEYS[1], 'lastAttemptAt', ARGV[5], 'lastStatus', ARGV[6], 'lastError', ARGV[7])
if ARGV[3] == 'delivered' then
  redis.call('HSET', KEYS[1], 'status', 'delivered', 'deliveredAt', ARGV[5])
  redis.call('ZREM', KEYS[2], ARGV[1])
elseif ARGV[3] == 'failed' then
  redis.call('HSET', KEYS[1], 'status', 'failed')
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], 'status', 'pending', 'nextAttemptAt', ARGV[4])
  redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), ARGV[1])
end
redis.call('LPUSH', KEYS[3], ARGV[8])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[9]) - 1)
return 1
`;

const REDELIVER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[1], 'claim')
redis.call('HSET', KEYS[1], 'status', 'pending', 'nextAttemptAt', ARGV[2], 'retryFrom', ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]), ARGV[1])
return 1
`;

export class RedisWebhookStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Claims up to `limit` due deliveries for `leaseMs`; returns them with the claim token set. */
  async claimDue(now: number, limit: number, leaseMs: number, token: string): Promise<WebhookDeliveryFields[]> {
    const ids = (await this.redis.eval(CLAIM, {
      keys: [this.keys.webhooksDue()],
      arguments: [String(now), String(limit), String(leaseMs), token, this.keys.webhook('')],
    })) as string[];
    const deliveries = await Promise.all(ids.map((id) => this.get(id)));
    return deliveries.filter((delivery): delivery is WebhookDeliveryFields => delivery !== undefined);
  }

  /** Records an attempt; false when the claim was lost meanwhile (nothing changed). */
  async complete(
    delivery: WebhookDeliveryFields,
    token: string,
    outcome: AttemptOutcome,
    entry: WebhookAttemptLogEntry,
  ): Promise<boolean> {
    const reply = await this.redis.eval(COMPLETE, {
      keys: [this.keys.webhook(delivery.id), this.keys.webhooksDue(), this.keys.webhookLog()],
      arguments: [
        delivery.id,
        token,
        outcome.kind,
        outcome.kind === 'retry' ? String(outcome.nextAttemptAt) : '0',
        String(Date.parse(entry.at)),
        String(entry.status),
        entry.error ?? '',
        JSON.stringify(entry),
        String(LOG_LENGTH),
      ],
    });
    return reply === 1;
  }

  async get(id: string): Promise<WebhookDeliveryFields | undefined> {
    const hash = await this.redis.hGetAll(this.keys.webhook(id));
    return hash.id === undefined ? undefined : (hash as unknown as WebhookDeliveryFields);
  }

  /** Makes a delivery due now with a fresh retry window (same id, same payload). False if unknown. */
  async redeliver(id: string, now = Date.now()): Promise<boolean> {
    const reply = await this.redis.eval(REDELIVER, {
      keys: [this.keys.webhook(id), this.keys.webhooksDue()],
      arguments: [id, String(now)],
    });
    return reply === 1;
  }

  /** The newest attempts, newest first. */
  async log(limit: number): Promise<WebhookAttemptLogEntry[]> {
    const entries = await this.redis.lRange(this.keys.webhookLog(), 0, limit - 1);
    return entries.map((entry) => JSON.parse(entry) as WebhookAttemptLogEntry);
  }
}
