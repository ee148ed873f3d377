/**
 * A dispatcher started in-process against the real Redis and RabbitMQ, isolated by a random Redis key
 * prefix and queue prefix, with helpers to sign tokens, call the API, and clean up everything it created.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { createClient } from 'redis';
import type { LanguageVersions } from '../../../common/language-versions.js';
import { loadLanguages } from '../../../common/languages.js';
import { queueTopology } from '../../../common/queue-topology.js';
import { redisKeys, type RedisKeys } from '../../../common/redis-keys.js';
import { LANES } from '../../../common/submission.js';
import { type Role, signToken } from '../../../common/auth-token.js';
import { loadDispatcherConfig } from '../../../dispatcher/config.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../../dispatcher/dispatcher.js';

export const REDIS_URL = 'redis://localhost:6379';
/** The version the seeded advertisement gives every language (see TestDispatcher.advertise). */
export const TEST_VERSION = '0.0.0-seeded';
const SEEDED_EXECUTOR = 'test-languages';
export const AMQP_URL = 'amqp://guest:guest@localhost:5672';
export const HS256_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const WEBHOOK_SECRET = `whsec_${Buffer.from('a webhook secret of 32 bytes!!!!').toString('base64')}`;
export const RSA = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const makeRedis = () => createClient({ url: REDIS_URL });
export type TestRedis = ReturnType<typeof makeRedis>;

export interface TestDispatcher {
  dispatcher: Dispatcher;
  url: string;
  keys: RedisKeys;
  redis: TestRedis;
  queuePrefix: string;
  token(sub: string, role: Role, courses?: string[]): string;
  /**
   * Writes the heartbeat of an executor `name` serving `languages` (as a real one would, without TTL), or
   * with `undefined` removes it. Every test dispatcher starts with one, 'test-languages', serving every
   * language of common/languages.yaml at version TEST_VERSION, so that submissions are accepted. The
   * dispatcher reads advertisements at most once a second: a change shows within a second.
   */
  advertise(languages: LanguageVersions | undefined, name?: string): Promise<void>;
  /** fetch against the dispatcher with a token (or none) and a JSON body. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (tests read arbitrary fields of it), undefined when the body is not JSON. */
  body: any;
  text: string;
}

/** Starts a dispatcher; `env` overrides the test defaults. */
export async function startTestDispatcher(
  env: Record<string, string> = {},
  options: DispatcherOptions = {},
): Promise<TestDispatcher> {
  const id = randomBytes(6).toString('hex');
  const config = loadDispatcherConfig({
    JUEZ_HTTP_HOST: '127.0.0.1',
    JUEZ_HTTP_PORT: '0',
    JUEZ_LOG_LEVEL: process.env.JUEZ_TEST_LOG_LEVEL ?? 'silent',
    JUEZ_REDIS_URL: REDIS_URL,
    JUEZ_REDIS_PREFIX: `jueztest:${id}:`,
    JUEZ_AMQP_URL: AMQP_URL,
    JUEZ_QUEUE_PREFIX: `jueztest.${id}`,
    JUEZ_JWT_HS256_SECRET: HS256_SECRET,
    JUEZ_JWT_RS256_PUBLIC_KEY: RSA.publicKey,
    JUEZ_WEBHOOK_SECRET: WEBHOOK_SECRET,
    JUEZ_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    JUEZ_WEBHOOK_POLL_MS: '50',
    JUEZ_WEBHOOK_INITIAL_DELAY_MS: '100',
    JUEZ_WEBHOOK_MAX_DELAY_MS: '200',
    JUEZ_RATE_LIMIT_REQUESTS: '0',
    JUEZ_RATE_LIMIT_SUBMISSIONS: '0',
    JUEZ_SSE_HEARTBEAT_S: '0.2',
    JUEZ_SHUTDOWN_TIMEOUT_S: '2',
    // Only what live executors serve, unless a test is about the grace period.
    JUEZ_LANGUAGE_GRACE_S: '0',
    ...env,
  });
  const prefix = config.redisPrefix;
  const queuePrefix = config.queuePrefix;
  const dispatcher = await createDispatcher(config, options);
  const address = await dispatcher.listen();
  const url = `http://127.0.0.1:${address.port}`;
  if (options.publisher === undefined && !env.JUEZ_AMQP_URL) {
    await (dispatcher.deps.publisher as { waitUntilReady?: (ms: number) => Promise<boolean> }).waitUntilReady?.(10_000);
  }
  const redis = makeRedis();
  await redis.connect();
  const keys = redisKeys(prefix);
  const advertise = async (languages: LanguageVersions | undefined, name = SEEDED_EXECUTOR): Promise<void> => {
    if (languages === undefined) {
      await redis.del(keys.executor(name));
      await redis.zRem(keys.executors(), name);
      return;
    }
    await redis.hSet(keys.executor(name), { name, lastSeen: String(Date.now()), languages: JSON.stringify(languages) });
    await redis.zAdd(keys.executors(), { score: Date.now(), value: name });
  };
  await advertise(Object.fromEntries(loadLanguages().map((language) => [language.id, TEST_VERSION])));
  const token = (sub: string, role: Role, courses: string[] = ['c1']): string =>
    signToken({ sub, role, courses }, { issuer: config.jwtIssuer, audience: config.jwtAudience, hs256Secret: HS256_SECRET });
  return {
    dispatcher,
    url,
    keys,
    redis,
    queuePrefix,
    token,
    advertise,
    call: (method, path, callOptions = {}) => call(url, method, path, callOptions),
    close: async () => {
      await dispatcher.close();
      await deleteKeys(redis, prefix);
      await redis.close();
      await deleteQueues(queuePrefix);
    },
  };
}

export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: Blob | string | undefined = typeof options.body === 'string' ? options.body : options.body && new Blob([new Uint8Array(options.body)]);
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function deleteKeys(redis: TestRedis, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
  if (keys.length > 0) await redis.del(keys);
}

export async function deleteQueues(queuePrefix: string): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const topology = queueTopology(queuePrefix);
    for (const name of [...LANES.map((lane) => topology.queues[lane]), topology.deadLetterQueue]) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    const channel = await connection.createChannel();
    await channel.deleteExchange(topology.deadLetterExchange).catch(() => undefined);
    await channel.close().catch(() => undefined);
  } finally {
    await connection.close();
  }
}

/** Takes the next message from a lane's queue (or undefined when it is empty), removing it. */
export async function takeTask(queuePrefix: string, lane: (typeof LANES)[number]): Promise<Record<string, unknown> | undefined> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    const message = await channel.get(queueTopology(queuePrefix).queues[lane], { noAck: true });
    await channel.close();
    if (message === false) return undefined;
    return { ...(JSON.parse(message.content.toString()) as Record<string, unknown>), _properties: message.properties };
  } finally {
    await connection.close();
  }
}
