/**
 * What a test system leaves in the shared services, found and removed by name: Redis keys by prefix,
 * RabbitMQ queues by prefix, sandbox containers by pool label. Used by JuezSystem.stop() and by tests
 * that assert a crashed executor's leftovers are removed.
 */
import amqp from 'amqplib';
import Docker from 'dockerode';
import { createClient } from 'redis';
import { queueTopology } from '../../common/queue-topology.js';
import { LANES } from '../../common/submission.js';

const docker = new Docker();

/** The container pool name executor/main.ts gives an executor (the `juez.pool` label of its sandboxes). */
export function poolNameOf(executorName: string): string {
  return `juez-executor-${executorName}`;
}

/** Ids of the sandbox containers (running or not) of an executor's pool. */
export async function poolContainers(executorName: string): Promise<string[]> {
  const found = await docker.listContainers({
    all: true,
    filters: { label: ['juez.role=sandbox', `juez.pool=${poolNameOf(executorName)}`] },
  });
  return found.map((info) => info.Id);
}

/** Removes (force) every sandbox container of an executor's pool; resolves with how many there were. */
export async function removePoolContainers(executorName: string): Promise<number> {
  const ids = await poolContainers(executorName);
  await Promise.all(
    ids.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true })
        .catch((error: { statusCode?: number }) => {
          // 404: already gone; 409: removal already in progress (the executor's own clean-up).
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
        }),
    ),
  );
  return ids.length;
}

/** Deletes every key starting with `prefix`; resolves with how many there were. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  // No reconnecting: a clean-up against a Redis that is down fails at once instead of hanging.
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 5_000, reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  try {
    let count = 0;
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (batch.length === 0) continue;
      count += await client.unlink(batch);
    }
    return count;
  } finally {
    client.destroy();
  }
}

/** Deletes the lane queues, the dead-letter queue and exchange of `queuePrefix` (missing ones are fine). */
export async function deleteQueues(amqpUrl: string, queuePrefix: string): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => {});
  try {
    const topology = queueTopology(queuePrefix);
    const queues = [...LANES.map((lane) => topology.queues[lane]), topology.deadLetterQueue];
    // One channel per operation: a failed operation closes its channel.
    for (const queue of queues) {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      await channel.deleteQueue(queue).catch(() => {});
      await channel.close().catch(() => {});
    }
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    await channel.deleteExchange(topology.deadLetterExchange).catch(() => {});
    await channel.close().catch(() => {});
  } finally {
    await connection.close().catch(() => {});
  }
}

/** Names of the queues whose name starts with `queuePrefix.` that still exist (checked passively). */
export async function existingQueues(amqpUrl: string, queuePrefix: string): Promise<string[]> {
  const topology = queueTopology(queuePrefix);
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => {});
  const found: string[] = [];
  try {
    for (const queue of [...LANES.map((lane) => topology.queues[lane]), topology.deadLetterQueue]) {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      const exists = await channel.checkQueue(queue).then(
        () => true,
        () => false,
      );
      if (exists) {
        found.push(queue);
        await channel.close().catch(() => {});
      }
    }
    return found;
  } finally {
    await connection.close().catch(() => {});
  }
}
