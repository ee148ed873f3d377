/** A steady stream of submissions, with what every request got and when, for tests that break things under load. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JuezSystem } from '../support/juez-system.js';

export interface SubmitAttempt {
  /** ms since epoch, when the request was sent and when its answer (or failure) came. */
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no answer came (connection refused or reset). */
  status: number;
  /** Submission id of a 202, error code of an error answer. */
  id?: string;
  code?: string;
}

export class SubmissionLoad {
  readonly attempts: SubmitAttempt[] = [];
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly system: JuezSystem,
    private readonly token: string,
    private readonly body: object,
    /** Pause between the answer to one request and the next request, ms. */
    private readonly pauseMs = 150,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Accepted submissions whose request was sent at `since` or later. */
  acceptedSince(since = 0): SubmitAttempt[] {
    return this.attempts.filter((attempt) => attempt.status === 202 && attempt.startedAt >= since);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const startedAt = Date.now();
      try {
        const { status, body } = await this.system.submit(this.token, this.body);
        this.attempts.push({ startedAt, endedAt: Date.now(), status, ...(status === 202 ? { id: String(body.id) } : { code: body?.error?.code }) });
      } catch {
        this.attempts.push({ startedAt, endedAt: Date.now(), status: 0 });
      }
      await sleep(this.pauseMs);
    }
  }
}
