import type { Channel, Message } from 'amqplib';
import type { Logger } from 'pino';
import { LANES, type Lane } from '../../common/submission.js';

/**
 * One consumer per lane queue on one channel, all with the same prefetch, which the owner changes as its
 * free slots change. A consumer's prefetch is fixed when it is created (basic.qos applies to consumers
 * created afterwards), so a change cancels and re-creates it; messages the old consumer delivered stay
 * unacked on the channel and are settled as usual. Prefetch 0 means no consumer at all (for the broker,
 * 0 would mean "unlimited").
 */
export class RabbitLaneConsumers {
  private readonly consumers = new Map<Lane, { tag: string; prefetch: number }>();
  private desired = 0;
  private updating: Promise<void> | undefined;
  private updateAgain = false;

  constructor(
    private readonly channel: Channel,
    private readonly queues: Record<Lane, string>,
    /** A delivery, or null when the broker cancelled that lane's consumer (it is then re-created). */
    private readonly onDelivery: (lane: Lane, message: Message) => void,
    private readonly log: Logger,
  ) {}

  /** Sets every lane's prefetch; applied in the background, one change at a time, latest value wins. */
  setPrefetch(prefetch: number): void {
    this.desired = Math.max(0, prefetch);
    if (this.updating !== undefined) {
      this.updateAgain = true;
      return;
    }
    this.updating = (async () => {
      do {
        this.updateAgain = false;
        await this.update().catch((error: unknown) => this.log.debug({ err: error }, 'consumer update failed'));
      } while (this.updateAgain);
    })().finally(() => (this.updating = undefined));
  }

  /** Resolves once the last setPrefetch is applied (or failed because the channel is gone). */
  async settled(): Promise<void> {
    while (this.updating !== undefined) await this.updating;
  }

  private async update(): Promise<void> {
    for (const lane of LANES) {
      const desired = this.desired;
      const current = this.consumers.get(lane);
      if ((current?.prefetch ?? 0) === desired) continue;
      if (current !== undefined) {
        this.consumers.delete(lane);
        await this.channel.cancel(current.tag);
      }
      if (desired === 0) continue;
      await this.channel.prefetch(desired);
      const tag = { value: '' };
      const reply = await this.channel.consume(this.queues[lane], (message) => {
        if (message !== null) return this.onDelivery(lane, message);
        // Cancelled by the broker (queue deleted, node lost): forget it and make a new one.
        if (this.consumers.get(lane)?.tag === tag.value) this.consumers.delete(lane);
        this.log.warn({ lane }, 'the broker cancelled a consumer');
        this.setPrefetch(this.desired);
      });
      tag.value = reply.consumerTag;
      this.consumers.set(lane, { tag: reply.consumerTag, prefetch: desired });
    }
  }
}
