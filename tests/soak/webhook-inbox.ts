/**
 * The LMS's end of the soak: a webhook endpoint (tests/support/webhook-receiver.ts, always answering 204)
 * that files every `submission.judged` delivery by submission id and lets the LMS client wait for its own.
 */
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';

/** What arrived for one submission: every delivery (retries included) and the verdicts they carried. */
export interface WebhookArrivals {
  deliveryIds: Set<string>;
  requests: number;
  verdicts: string[];
}

export class WebhookInbox {
  private readonly arrivals = new Map<string, WebhookArrivals>();
  private readonly waiters = new Map<string, () => void>();
  /** Bodies that were not a submission.judged webhook. */
  readonly unreadable: string[] = [];

  private constructor(private readonly receiver: WebhookReceiver) {}

  static async start(): Promise<WebhookInbox> {
    const inbox = new WebhookInbox(await WebhookReceiver.reserve());
    await inbox.receiver.up((request) => inbox.file(request));
    return inbox;
  }

  get url(): string {
    return this.receiver.url;
  }

  /** Requests received so far (every delivery attempt). */
  get received(): number {
    return this.receiver.received.length;
  }

  arrivalsOf(submissionId: string): WebhookArrivals | undefined {
    return this.arrivals.get(submissionId);
  }

  /** Resolves once a webhook for `submissionId` arrived (at once if one already did); rejects after `timeoutMs`. */
  waitFor(submissionId: string, timeoutMs: number): Promise<WebhookArrivals> {
    const arrived = this.arrivals.get(submissionId);
    if (arrived !== undefined) return Promise.resolve(arrived);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(submissionId);
        reject(new Error(`no webhook for ${submissionId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(submissionId, () => {
        clearTimeout(timer);
        this.waiters.delete(submissionId);
        resolve(this.arrivals.get(submissionId)!);
      });
    });
  }

  async stop(): Promise<void> {
    await this.receiver.down();
  }

  private file(request: Omit<ReceivedWebhook, 'status'>): number {
    let payload: { type?: string; data?: { submissionId?: string; verdict?: string } };
    try {
      payload = JSON.parse(request.body);
    } catch {
      this.unreadable.push(request.body.slice(0, 200));
      return 204;
    }
    const id = payload.data?.submissionId;
    if (payload.type !== 'submission.judged' || id === undefined) {
      this.unreadable.push(request.body.slice(0, 200));
      return 204;
    }
    const arrivals = this.arrivals.get(id) ?? { deliveryIds: new Set<string>(), requests: 0, verdicts: [] };
    this.arrivals.set(id, arrivals);
    arrivals.requests += 1;
    arrivals.deliveryIds.add(String(request.headers['webhook-id']));
    arrivals.verdicts.push(String(payload.data?.verdict));
    this.waiters.get(id)?.();
    return 204;
  }
}
