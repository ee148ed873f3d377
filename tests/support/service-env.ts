/**
 * The environments the harness starts the dispatcher and the executors with. Every variable either
 * service reads is removed from the inherited environment first, so that a developer's exported
 * JUEZ_* settings never leak into a test system.
 */
import { DISPATCHER_CONFIG_TABLE } from '../../dispatcher/config.js';
import { DISPATCHER_NODE_OPTIONS } from '../../dispatcher/node-options.js';
import { EXECUTOR_CONFIG_TABLE } from '../../executor/service/config.js';

/** What makes one test system distinct from every other one sharing Redis, RabbitMQ and Docker. */
export interface SystemIdentity {
  id: string;
  keyPrefix: string;
  queuePrefix: string;
  redisUrl: string;
  amqpUrl: string;
  jwtSecret: string;
  webhookSecret: string;
}

/** Both services must agree on it: it is the quorum queues' x-delivery-limit. */
const DELIVERY_LIMIT = '3';

const SERVICE_VARIABLES = new Set([...Object.values(DISPATCHER_CONFIG_TABLE), ...Object.values(EXECUTOR_CONFIG_TABLE)].map((entry) => entry.name));

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !SERVICE_VARIABLES.has(name) && !name.startsWith('JUEZ_')) env[name] = value;
  }
  return env;
}

/** The dispatcher's environment: loopback only, on `port` (0: any free port), fast webhook retries, no rate limits. */
export function dispatcherEnv(identity: SystemIdentity, port: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...inheritedEnv(),
    JUEZ_HTTP_HOST: '127.0.0.1',
    JUEZ_HTTP_PORT: String(port),
    JUEZ_LOG_LEVEL: 'info',
    JUEZ_REDIS_URL: identity.redisUrl,
    JUEZ_REDIS_PREFIX: identity.keyPrefix,
    JUEZ_AMQP_URL: identity.amqpUrl,
    JUEZ_QUEUE_PREFIX: identity.queuePrefix,
    JUEZ_QUEUE_DELIVERY_LIMIT: DELIVERY_LIMIT,
    JUEZ_JWT_HS256_SECRET: identity.jwtSecret,
    JUEZ_JWT_ISSUER: 'juez',
    JUEZ_JWT_AUDIENCE: 'juez-api',
    JUEZ_WEBHOOK_SECRET: identity.webhookSecret,
    JUEZ_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    JUEZ_WEBHOOK_POLL_MS: '50',
    JUEZ_WEBHOOK_INITIAL_DELAY_MS: '200',
    JUEZ_WEBHOOK_MAX_DELAY_MS: '1000',
    JUEZ_WEBHOOK_TIMEOUT_MS: '2000',
    JUEZ_RATE_LIMIT_REQUESTS: '0',
    JUEZ_RATE_LIMIT_SUBMISSIONS: '0',
    JUEZ_SHUTDOWN_TIMEOUT_S: '2',
    // The Node options every launcher gives the dispatcher (dispatcher/node-options.ts).
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...DISPATCHER_NODE_OPTIONS].join(' ').trim(),
    ...overrides,
  };
}

export interface ExecutorSettings {
  name: string;
  poolSize: number;
  cacheDir: string;
  /** Runtime image tag, resolved (and built if needed) once by the harness: executors never build it. */
  image: string;
}

/** An executor's environment: 1 s heartbeats, a short shutdown grace, its own package cache. */
export function executorEnv(identity: SystemIdentity, settings: ExecutorSettings, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...inheritedEnv(),
    JUEZ_EXECUTOR_NAME: settings.name,
    JUEZ_POOL_SIZE: String(settings.poolSize),
    JUEZ_AMQP_URL: identity.amqpUrl,
    JUEZ_REDIS_URL: identity.redisUrl,
    JUEZ_QUEUE_PREFIX: identity.queuePrefix,
    JUEZ_REDIS_PREFIX: identity.keyPrefix,
    JUEZ_QUEUE_DELIVERY_LIMIT: DELIVERY_LIMIT,
    JUEZ_PACKAGE_CACHE_DIR: settings.cacheDir,
    JUEZ_PACKAGE_CACHE_MB: '512',
    JUEZ_MAX_PACKAGE_MB: '256',
    JUEZ_HEARTBEAT_S: '1',
    JUEZ_SHUTDOWN_GRACE_S: '5',
    JUEZ_STORE_RETRY_S: '60',
    JUEZ_RUNTIME_IMAGE: settings.image,
    JUEZ_LOG_LEVEL: 'info',
    ...overrides,
  };
}
