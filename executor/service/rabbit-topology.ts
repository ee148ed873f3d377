import type { Channel } from 'amqplib';
import {
  DEAD_LETTER_EXCHANGE_TYPE,
  deadLetterQueueArguments,
  laneQueueArguments,
  type QueueTopology,
} from '../../common/queue-topology.js';
import { LANES } from '../../common/submission.js';

/**
 * Declares every exchange and queue of common/queue-topology.ts, exactly as the dispatcher does (the
 * broker refuses a declaration that differs from an existing one). Idempotent.
 */
export async function declareQueueTopology(channel: Channel, topology: QueueTopology): Promise<void> {
  await channel.assertExchange(topology.deadLetterExchange, DEAD_LETTER_EXCHANGE_TYPE, { durable: true });
  await channel.assertQueue(topology.deadLetterQueue, { durable: true, arguments: deadLetterQueueArguments() });
  await channel.bindQueue(topology.deadLetterQueue, topology.deadLetterExchange, '');
  for (const lane of LANES) {
    await channel.assertQueue(topology.queues[lane], { durable: true, arguments: laneQueueArguments(topology) });
  }
}

/**
 * The URL with an AMQP heartbeat (unless it sets one): a broker that vanished without closing the TCP
 * connection is noticed within two heartbeats instead of the OS's keepalive hours.
 */
export function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
