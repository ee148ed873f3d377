/**
 * Webhook deliveries to an LMS: the contract between the executor, which creates a delivery atomically with
 * the final verdict, and the dispatcher, which sends it (Standard Webhooks) and retries it.
 *
 * A delivery is a hash at redisKeys().webhook(id) plus an entry in the sorted set redisKeys().webhooksDue()
 * scored by the time (ms) of its next attempt. Creating it in the same Lua script that stores the final
 * verdict means a verdict is never stored without its webhook, nor a webhook sent for a verdict that was not
 * stored; a dispatcher restart loses nothing because everything is in Redis.
 *
 * The id is `<submissionId>.<round>` (webhookDeliveryId): every retry and every manual redelivery of one
 * verdict carries the same `webhook-id` header, so the receiver can deduplicate; a rejudge (new round) is a
 * new delivery.
 *
 * Executor side: in the finish script, when the transition to `done` succeeded, call the Lua function in
 * ENQUEUE_WEBHOOK_LUA (prepend its text to the script) as
 *   juez_enqueue_webhook(KEYS.submission, KEYS.webhook, KEYS.webhooksDue, deliveryId, round, nowMs,
 *                        verdict, score, maxScore)
 * It does nothing when the record has no callbackUrl (the dispatcher stores the service client's
 * registered URL there at submission time, so "has a callbackUrl" is the only question), and nothing when
 * the delivery already exists (a duplicate finish never enqueues twice).
 */

/** Delivery id for a submission's judging round: the Standard Webhooks `webhook-id`. */
export function webhookDeliveryId(submissionId: string, round: number): string {
  return `${submissionId}.${round}`;
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;
/**
 * pending     waiting in webhooksDue for its next attempt
 * delivering  claimed by a dispatcher (its webhooksDue score is then the claim's expiry: if that dispatcher
 *             dies, the delivery becomes due again)
 * delivered   a 2xx was received (removed from webhooksDue)
 * failed      gave up after the retry window (removed from webhooksDue); an admin may redeliver it
 */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * Fields of the delivery hash. All values are strings in Redis. The event data (userId … maxScore) is a
 * snapshot taken with the verdict, so every attempt sends byte-identical JSON even if the submission is
 * rejudged meanwhile.
 */
export interface WebhookDeliveryFields {
  id: string;
  submissionId: string;
  round: string;
  /** Target URL (http or https), validated when the submission was accepted. */
  url: string;
  userId: string;
  /** Empty string when the submission has none. */
  externalId: string;
  problemId: string;
  problemVersion: string;
  verdict: string;
  score: string;
  maxScore: string;
  /** When the verdict was stored (ms since epoch): the payload's `timestamp`. */
  createdAt: string;
  status: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts: string;
  /** Next attempt (ms). */
  nextAttemptAt: string;
  /** Written by the dispatcher only: */
  lastAttemptAt?: string;
  /** HTTP status of the last attempt, or 0 when no response came (timeout, refused, DNS). */
  lastStatus?: string;
  lastError?: string;
  deliveredAt?: string;
  /** Start of the retry window (ms): createdAt, or the time of the last manual redelivery. */
  retryFrom?: string;
  /** Random token of the dispatcher holding the claim (status delivering). */
  claim?: string;
}

/**
 * Lua (Redis 6+) defining `juez_enqueue_webhook`; see the module comment. Returns 1 when a delivery was
 * created, 0 otherwise.
 */
export const ENQUEUE_WEBHOOK_LUA = `
local function juez_enqueue_webhook(recordKey, webhookKey, dueKey, deliveryId, round, nowMs, verdict, score, maxScore)
  local f = redis.call('HMGET', recordKey, 'callbackUrl', 'id', 'userId', 'externalId', 'problemId', 'problemVersion')
  if not f[1] or f[1] == '' then return 0 end
  if redis.call('EXISTS', webhookKey) == 1 then return 0 end
  redis.call('HSET', webhookKey,
    'id', deliveryId, 'submissionId', f[2], 'round', tostring(round), 'url', f[1],
    'userId', f[3] or '', 'externalId', f[4] or '', 'problemId', f[5] or '', 'problemVersion', f[6] or '',
    'verdict', verdict, 'score', tostring(score), 'maxScore', tostring(maxScore),
    'createdAt', tostring(nowMs), 'retryFrom', tostring(nowMs), 'status', 'pending', 'attempts', '0',
    'nextAttemptAt', tostring(nowMs))
  redis.call('ZADD', dueKey, nowMs, deliveryId)
  return 1
end
`;
