/**
 * Shared helpers of the executor service's integration tests: a unique queue and key prefix per test,
 * records and tasks to seed, a fake judge, and the clean-up that deletes everything a test created.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type ConfirmChannel, type ChannelModel } from 'amqplib';
import { pino } from 'pino';
import { createClient, type RedisClientType } from 'redis';
import type { JudgeProgress, JudgeResult } from '../../../common/judge-result.js';
import { queueTopology, type QueueTopology } from '../../../common/queue-topology.js';
import { redisKeys, type RedisKeys } from '../../../common/redis-keys.js';
import type { Lane, SubmissionRecord } from '../../../common/submission.js';
import type { TaskMessage } from '../../../common/task-message.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { loadExecutorConfig, type ExecutorConfig } from '../../../executor/service/config.js';
import type { JudgeSubmission, ProblemPackages, SubmissionJudge } from '../../../executor/service/task-processor.js';

export const AMQP_URL = process.env['JUEZ_AMQP_URL'] ?? 'amqp://guest:guest@localhost:5672';
export const REDIS_URL = process.env['JUEZ_REDIS_URL'] ?? 'redis://localhost:6379';

export type TestRedis = RedisClientType<{}, {}, {}, 3, {}>;

export const silentLog = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

/** One test's own queues and keys. */
export interface TestScope {
  queuePrefix: string;
  keyPrefix: string;
  topology: QueueTopology;
  keys: RedisKeys;
  redis: TestRedis;
  amqp: ChannelModel;
  publisher: ConfirmChannel;
  /** Deletes the test's queues, exchange and keys, and closes connections. */
  cleanup(): Promise<void>;
}

export async function openScope(deliveryLimit = 3): Promise<TestScope> {
  const id = randomBytes(5).toString('hex');
  const queuePrefix = `test-${id}`;
  const keyPrefix = `test-${id}:`;
  const topology = queueTopology(queuePrefix, deliveryLimit);
  const redis = createClient({ url: REDIS_URL });
  redis.on('error', () => {});
  await redis.connect();
  const amqp = await connect(AMQP_URL);
  amqp.on('error', () => {});
  const publisher = await amqp.createConfirmChannel();
  return {
    queuePrefix,
    keyPrefix,
    topology,
    keys: redisKeys(keyPrefix),
    redis,
    amqp,
    publisher,
    async cleanup() {
      const channel = await amqp.createChannel();
      channel.on('error', () => {});
      for (const queue of [...Object.values(topology.queues), topology.deadLetterQueue]) {
        await channel.deleteQueue(queue).catch(() => {});
      }
      await channel.deleteExchange(topology.deadLetterExchange).catch(() => {});
      await amqp.close().catch(() => {});
      for await (const batch of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) {
        if (batch.length > 0) await redis.del(batch);
      }
      redis.destroy();
    },
  };
}

/** An executor configuration for the scope, with small timings. */
export function testConfig(scope: TestScope, env: Record<string, string> = {}): ExecutorConfig {
  return loadExecutorConfig({
    JUEZ_EXECUTOR_NAME: 'test-executor',
    JUEZ_POOL_SIZE: '1',
    AMQP_URL,
    REDIS_URL,
    JUEZ_QUEUE_PREFIX: scope.queuePrefix,
    JUEZ_REDIS_PREFIX: scope.keyPrefix,
    JUEZ_QUEUE_DELIVERY_LIMIT: String(scope.topology.deliveryLimit),
    JUEZ_HEARTBEAT_S: '1',
    JUEZ_SHUTDOWN_GRACE_S: '5',
    JUEZ_STORE_RETRY_S: '2',
    ...env,
  });
}

export function makeTask(overrides: Partial<TaskMessage> = {}): TaskMessage {
  const kind = overrides.kind ?? 'submission';
  return {
    v: 1,
    kind,
    lane: kind === 'run' ? 'run' : 'submission',
    id: `t${randomBytes(4).toString('hex')}`,
    round: 0,
    problemId: 'hello',
    problemVersion: 1,
    packageHash: 'a'.repeat(64),
    languageId: 'python',
    files: [{ name: 'hello.py', content: 'print("Hello, World!")' }],
    publishedAt: Date.now(),
    ...overrides,
  };
}

/** Writes the submission record a dispatcher would have written before publishing `task`. */
export async function seedSubmission(scope: TestScope, task: TaskMessage, extra: Partial<Record<keyof SubmissionRecord, string>> = {}): Promise<void> {
  await scope.redis.hSet(scope.keys.submission(task.id), {
    id: task.id,
    userId: 'u1',
    courseId: 'c1',
    submittedBy: 'u1',
    problemId: task.problemId,
    problemVersion: String(task.problemVersion),
    languageId: task.languageId,
    status: 'queued',
    lane: task.lane,
    round: String(task.round),
    createdAt: new Date().toISOString(),
    ...extra,
  });
}

export async function seedRun(scope: TestScope, task: TaskMessage): Promise<void> {
  const key = scope.keys.run(task.id);
  await scope.redis.hSet(key, { id: task.id, userId: 'u1', languageId: task.languageId, status: 'queued', createdAt: new Date().toISOString() });
  await scope.redis.expire(key, 600);
}

/** Publishes a raw body (or a task) on a lane's queue, waiting for the broker's confirm. */
export async function publish(scope: TestScope, lane: Lane, body: TaskMessage | Buffer): Promise<void> {
  const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  scope.publisher.sendToQueue(scope.topology.queues[lane], content, { persistent: true, contentType: 'application/json' });
  await scope.publisher.waitForConfirms();
}

export async function readRecord(scope: TestScope, id: string): Promise<Record<string, string>> {
  return scope.redis.hGetAll(scope.keys.submission(id));
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const ACCEPTED: JudgeResult = { verdict: 'AC', score: 1, maxScore: 1, tests: [], cpuMs: 7, maxMemoryKb: 1000 };

type Behaviour = (submission: JudgeSubmission, options: { onProgress?: (p: JudgeProgress) => void; signal?: AbortSignal }) => Promise<JudgeResult>;

/**
 * A judge whose answer is chosen per test through the source text: `behave(marker, fn)` makes every
 * submission whose first file contains `marker` judged by `fn`. Records the order in which tasks start.
 */
export class FakeJudge implements SubmissionJudge {
  readonly started: string[] = [];
  private readonly behaviours: [string, Behaviour][] = [];

  behave(marker: string, behaviour: Behaviour): this {
    this.behaviours.push([marker, behaviour]);
    return this;
  }

  async judge(_problem: ProblemPackage, submission: JudgeSubmission, options: { onProgress?: (p: JudgeProgress) => void; signal?: AbortSignal }): Promise<JudgeResult> {
    const source = submission.files[0]?.content ?? '';
    this.started.push(source);
    const behaviour = this.behaviours.find(([marker]) => source.includes(marker))?.[1];
    return behaviour ? behaviour(submission, options) : ACCEPTED;
  }
}

/** A judge behaviour that waits until `gate` resolves (or the signal aborts), then accepts. */
export function blockUntil(gate: Promise<unknown>): Behaviour {
  return async (_submission, { signal }) => {
    await Promise.race([gate, new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }))]);
    return ACCEPTED;
  };
}

/** Packages without a disk: every hash is the same dummy problem (the fake judge never reads it). */
export const FAKE_PACKAGES: ProblemPackages = {
  acquire: async () => ({ problem: { shortName: 'fake' } as ProblemPackage, release: () => {} }),
};

/** A gate: a promise and the function that opens it. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A TCP proxy in front of Redis or RabbitMQ: `cut()` drops every connection and refuses new ones, as a
 * restart of the service would, but only for the client under test (the real service is shared).
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = netConnect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Drops every connection and stops listening. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    await this.start();
  }
}
