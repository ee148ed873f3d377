import type { Lane } from './submission.js';

/**
 * RabbitMQ names and settings both services declare identically (declarations must match or the broker
 * refuses them). All queues are durable quorum queues; messages are persistent.
 *
 * Languages are not part of the topology: every executor consumes the same three lane queues, whatever
 * languages its image carries (issue 11). The dispatcher accepts a task only in a language some live
 * executor advertises (redisKeys().executor's `languages`), and an executor that gets a task in a language
 * it lacks hands it back to the tail of its queue as a new message (executor-task-handler.ts), which spends
 * none of the delivery limit and so never turns into an IE while an executor serving it lives. Why not a
 * queue per lane and language: 25 languages would make 75 quorum queues (75 Raft groups on the broker and
 * in every test's topology), each executor's lane scheduler would have to probe up to 25 queues per lane
 * for every freed slot (each basic.get a round trip on the hot path) and hold a consumer window on each,
 * keeping tasks from idle executors; and every tool that names queues (metrics, the KEDA scaler, the soak
 * figures) would sum per language. Fleets here run one image with every language, so a hand-back is the
 * rare case of a mixed fleet, paid there and only there.
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
