/**
 * Listens to every submission event of a system (pattern subscription on `<prefix>events:sub:*`) and
 * counts, per submission, how many times an executor started judging it and how many final verdicts were
 * stored: the executors publish both from the same Lua scripts that change the record, so an event is
 * published exactly when the change was made.
 */
import { createClient } from 'redis';
import { parseSubmissionEvent } from '../../common/submission-events.js';

export interface SubmissionHistory {
  /** Executors that started judging it, in order (one per `status: judging` event). */
  judgingBy: string[];
  /** `final` events (stored verdicts and cancellations). */
  finals: number;
  /** Verdicts of the final events. */
  verdicts: string[];
}

export class SubmissionEventRecorder {
  private readonly histories = new Map<string, SubmissionHistory>();

  /** Only closed by us: node-redis's generic client types do not survive being named here. */
  private constructor(private readonly client: { destroy(): void }) {}

  /** Subscribes; resolves once the subscription is active (events published afterwards are all seen). */
  static async start(redisUrl: string, keyPrefix: string): Promise<SubmissionEventRecorder> {
    const client = createClient({ url: redisUrl });
    client.on('error', () => {}); // reconnects (and resubscribes) by itself
    await client.connect();
    const recorder = new SubmissionEventRecorder(client);
    const channelPrefix = `${keyPrefix}events:sub:`;
    await client.pSubscribe(`${channelPrefix}*`, (message, channel) => recorder.record(channel.slice(channelPrefix.length), message));
    return recorder;
  }

  history(submissionId: string): SubmissionHistory {
    return this.histories.get(submissionId) ?? { judgingBy: [], finals: 0, verdicts: [] };
  }

  /** Submissions being judged now: a judging start and no final yet, with the executor judging each. */
  judgingNow(): Map<string, string> {
    const judging = new Map<string, string>();
    for (const [id, history] of this.histories) {
      const executor = history.judgingBy.at(-1);
      if (history.finals === 0 && executor !== undefined) judging.set(id, executor);
    }
    return judging;
  }

  async stop(): Promise<void> {
    this.client.destroy();
  }

  private record(submissionId: string, message: string): void {
    const event = parseSubmissionEvent(message);
    if (event === undefined) return;
    const history = this.histories.get(submissionId) ?? { judgingBy: [], finals: 0, verdicts: [] };
    this.histories.set(submissionId, history);
    if (event.type === 'status' && event.status === 'judging') history.judgingBy.push(event.executor ?? '?');
    if (event.type === 'final') {
      history.finals += 1;
      history.verdicts.push(event.result?.verdict ?? event.status);
    }
  }
}
