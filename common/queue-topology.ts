import type { Lane } from './submission.js';

/**
 * RabbitMQ names and settings both services declare identically (declarations must match or the broker
 * refuses them). All queues are durable quorum queues; messages are persistent.
 */
export interface QueueTopology {
  /** Queue per lane. */
  queues: Record<Lane, string>;
  /** Dead-letter exchange and queue: tasks that failed `deliveryLimit` times end there and get an IE verdict. */
  deadLetterExchange: string;
  deadLetterQueue: string;
  /** Deliveries before a task is dead-lettered (quorum queue `x-delivery-limit`). */
  deliveryLimit: number;
}

/** Topology for a name prefix (tests use a random prefix so they never share queues). */
export function queueTopology(prefix = 'juez', deliveryLimit = 3): QueueTopology {
  return {
    queues: { run: `${prefix}.runs`, submission: `${prefix}.submissions`, rejudge: `${prefix}.rejudges` },
    deadLetterExchange: `${prefix}.dead`,
    deadLetterQueue: `${prefix}.dead`,
    deliveryLimit,
  };
}

/** Arguments of every lane queue. */
export function laneQueueArguments(topology: QueueTopology): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': topology.deliveryLimit,
    'x-dead-letter-exchange': topology.deadLetterExchange,
  };
}

/**
 * Type of the dead-letter exchange. Fanout: a dead-lettered message keeps its lane queue's name as routing
 * key, and every one of them must reach the single dead-letter queue whatever that key is.
 */
export const DEAD_LETTER_EXCHANGE_TYPE = 'fanout';

/**
 * Arguments of the dead-letter queue (bound to the dead-letter exchange with routing key ''): a quorum
 * queue without delivery limit, so an IE that cannot be stored yet is retried until it can.
 */
export function deadLetterQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum' };
}
