/**
 * Depths of the system's RabbitMQ queues (its three lanes and its dead-letter queue): messages ready,
 * messages delivered but not acknowledged, consumers. `rabbitmqctl list_queues` gives all three; without it
 * (not root, broker elsewhere) a passive declare gives ready and consumers, and unacked is unknown (NaN).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { queueTopology } from '../../common/queue-topology.js';
import { LANES } from '../../common/submission.js';

const run = promisify(execFile);

export interface QueueDepth {
  ready: number;
  unacked: number;
  consumers: number;
}

/** Per queue name; a queue that does not exist is missing. */
export type QueueDepths = Record<string, QueueDepth>;

/** Ready + unacked over every queue of the system. */
export function totalMessages(depths: QueueDepths): number {
  return Object.values(depths).reduce((sum, depth) => sum + depth.ready + depth.unacked, 0);
}

async function readWithRabbitmqctl(names: readonly string[]): Promise<QueueDepths> {
  const { stdout } = await run('rabbitmqctl', ['list_queues', '-q', '--formatter', 'json', 'name', 'messages_ready', 'messages_unacknowledged', 'consumers'], {
    timeout: 30_000,
  });
  const rows = JSON.parse(stdout) as { name: string; messages_ready: number; messages_unacknowledged: number; consumers: number }[];
  const depths: QueueDepths = {};
  for (const row of rows) {
    if (names.includes(row.name)) depths[row.name] = { ready: row.messages_ready, unacked: row.messages_unacknowledged, consumers: row.consumers };
  }
  return depths;
}

async function readWithAmqp(amqpUrl: string, names: readonly string[]): Promise<QueueDepths> {
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => {});
  const depths: QueueDepths = {};
  try {
    for (const name of names) {
      // One channel per queue: checking a missing queue closes its channel.
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      const found = await channel.checkQueue(name).catch(() => undefined);
      if (found !== undefined) depths[name] = { ready: found.messageCount, unacked: Number.NaN, consumers: found.consumerCount };
      await channel.close().catch(() => {});
    }
    return depths;
  } finally {
    await connection.close().catch(() => {});
  }
}

export class QueueFigures {
  private readonly names: string[];
  private useRabbitmqctl = true;

  constructor(
    private readonly amqpUrl: string,
    queuePrefix: string,
  ) {
    const topology = queueTopology(queuePrefix);
    this.names = [...LANES.map((lane) => topology.queues[lane]), topology.deadLetterQueue];
  }

  async read(): Promise<QueueDepths> {
    if (this.useRabbitmqctl) {
      try {
        return await readWithRabbitmqctl(this.names);
      } catch {
        this.useRabbitmqctl = false;
      }
    }
    return readWithAmqp(this.amqpUrl, this.names);
  }
}
