/**
 * Sends due webhook deliveries. Runs in every dispatcher process; the atomic claim in RedisWebhookStore
 * keeps processes from sending the same attempt twice. Each attempt: re-check the URL (DNS may have
 * changed), sign (Standard Webhooks), POST with a short timeout and no redirects; a 2xx is delivered,
 * anything else is retried with exponential backoff and full jitter until the retry window (≥ 24 h) is
 * over, then the delivery is marked failed (an admin can still redeliver it).
 *
 * Attempts run side by side (up to maxInFlight) and polling goes on while they run: a receiver that
 * takes the whole timeout to answer, or never answers, holds one slot for that long and delays nobody
 * else's deliveries.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookDeliveryFields } from '../../common/webhook-delivery.js';
import type { AttemptOutcome, RedisWebhookStore, WebhookAttemptLogEntry } from '../store/redis-webhook-store.js';
import { checkCallbackUrl, type HostResolver } from './check-callback-url.js';
import { retryDelayMs } from './retry-delay.js';
import { type SendOutcome, sendWebhook, type WebhookSender } from './send-webhook.js';
import { signWebhook } from './sign-webhook.js';
import { buildWebhookPayload } from './webhook-payload.js';

export interface WebhookWorkerOptions {
  store: RedisWebhookStore;
  secret: string;
  log: Logger;
  timeoutMs: number;
  retryWindowMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  pollMs: number;
  allowPrivateTargets: boolean;
  /** Deliveries claimed per poll. Default 20. */
  batchSize?: number;
  /** Attempts in flight at once, across all receivers. Default 50. */
  maxInFlight?: number;
  send?: WebhookSender;
  resolve?: HostResolver;
  random?: () => number;
}

export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = true;
  /** Attempts started and not yet recorded. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WebhookWorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the attempts in flight to be recorded (each ends within its timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.settled();
  }

  /**
   * One poll: claims due deliveries, as many as there are free attempt slots, and starts attempting
   * them; resolves with how many it claimed, without waiting for the attempts (settled() does).
   */
  async poll(now = Date.now()): Promise<number> {
    const free = (this.options.maxInFlight ?? 50) - this.inFlight.size;
    if (free <= 0) return 0;
    const token = randomUUID();
    // The claim outlives the longest attempt (timeout plus DNS) with a wide margin.
    const leaseMs = this.options.timeoutMs * 4 + 10_000;
    const deliveries = await this.options.store.claimDue(now, Math.min(this.options.batchSize ?? 20, free), leaseMs, token);
    for (const delivery of deliveries) {
      const attempt = this.attempt(delivery, token)
        .catch((error: unknown) => {
          // Redis failed us mid-attempt: the claim expires and the delivery is attempted again.
          this.options.log.warn({ err: error, deliveryId: delivery.id }, 'webhook attempt not recorded; retried when its claim expires');
        })
        .finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }
    return deliveries.length;
  }

  /** Resolves once every attempt started so far is recorded. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        // More may be due right away when a poll was full; otherwise wait for the next round.
        .then((count) => this.schedule(count > 0 ? 0 : this.options.pollMs))
        .catch((error: unknown) => {
          this.options.log.warn({ err: error }, 'webhook poll failed; retrying');
          this.schedule(this.options.pollMs);
        });
    }, delayMs);
  }

  private async attempt(delivery: WebhookDeliveryFields, token: string): Promise<void> {
    const log = this.options.log.child({ deliveryId: delivery.id, submissionId: delivery.submissionId });
    const started = Date.now();
    const body = JSON.stringify(buildWebhookPayload(delivery));
    const problem = await checkCallbackUrl(delivery.url, {
      allowPrivate: this.options.allowPrivateTargets,
      ...(this.options.resolve && { resolve: this.options.resolve }),
    });
    let sent: SendOutcome;
    if (problem !== undefined) {
      sent = { status: 0, error: `refused target: ${problem}` };
    } else {
      const timestampS = Math.floor(started / 1000);
      const headers = {
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestampS),
        'webhook-signature': signWebhook(this.options.secret, delivery.id, timestampS, body),
      };
      sent = await (this.options.send ?? sendWebhook)(delivery.url, headers, body, this.options.timeoutMs);
    }
    const finished = Date.now();
    const attempts = Number(delivery.attempts);
    const outcome = this.decide(sent, delivery, attempts, finished);
    const entry: WebhookAttemptLogEntry = {
      deliveryId: delivery.id,
      submissionId: delivery.submissionId,
      attempt: attempts,
      url: delivery.url,
      at: new Date(finished).toISOString(),
      status: sent.status,
      ...('error' in sent && { error: sent.error }),
      ...(sent.status !== 0 && !isSuccess(sent.status) && { error: `HTTP ${sent.status}` }),
      durationMs: finished - started,
      outcome: outcome.kind,
      ...(outcome.kind === 'retry' && { nextAttemptAt: new Date(outcome.nextAttemptAt).toISOString() }),
    };
    const recorded = await this.options.store.complete(delivery, token, outcome, entry);
    if (!recorded) log.warn('webhook claim expired before the attempt was recorded');
    else if (outcome.kind === 'delivered') log.info({ status: sent.status, attempt: attempts }, 'webhook delivered');
    else log.warn({ status: sent.status, error: entry.error, attempt: attempts, outcome: outcome.kind }, 'webhook attempt failed');
  }

  private decide(sent: SendOutcome, delivery: WebhookDeliveryFields, attempts: number, now: number): AttemptOutcome {
    if (isSuccess(sent.status)) return { kind: 'delivered' };
    const retryFrom = Number(delivery.retryFrom ?? delivery.createdAt);
    const next = now + retryDelayMs(attempts, this.options.initialDelayMs, this.options.maxDelayMs, this.options.random);
    if (next - retryFrom > this.options.retryWindowMs) return { kind: 'failed' };
    return { kind: 'retry', nextAttemptAt: next };
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
