/**
 * The executor's configuration: one table, read once by main.ts before anything connects, then passed
 * down as a typed, frozen object. `npm run executor -- --help` prints the table.
 */
import { cpus, hostname } from 'node:os';
import { loadConfig, parsers, validators, type ConfigOf, type ConfigTable } from '../../common/config-table.js';
import { loadLanguages } from '../../common/languages.js';
import { INSTALLATION_LIMITS_CONFIG_TABLE } from '../../common/problem/installation-limits-config.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** Executor names become container names, Redis keys and log fields. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function defaultName(): string {
  const name = hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63);
  return NAME_PATTERN.test(name) ? name : 'executor';
}

const sizeInMb = (raw: string): number => parsers.integer(raw);

/**
 * What is wrong with a cpuset (`0-3`, `1,3`, `0-1,4`), or undefined: CPU numbers and ascending ranges, each
 * CPU one of this host's `cpuCount`. Docker would refuse a missing CPU only when the first container starts.
 */
export function checkCpuset(value: string, cpuCount: number): string | undefined {
  for (const part of value.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (match === null) return 'expected CPU numbers and ranges, e.g. 0-3 or 1,3';
    const first = Number(match[1]);
    const last = Number(match[2] ?? match[1]);
    if (first > last) return `the range ${part} runs backwards`;
    if (last >= cpuCount) return `CPU ${last} does not exist: this host has CPUs 0-${cpuCount - 1}`;
  }
  return undefined;
}

/** What is wrong with a JUEZ_LANGUAGES list, or undefined: every id must be one of `known`, once. */
export function checkLanguageIds(ids: readonly string[], known: readonly string[]): string | undefined {
  if (ids.length === 0) return 'name at least one language (or leave it unset for every language)';
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) return `unknown language ${unknown.join(', ')}; known: ${known.join(', ')}`;
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  return repeated.length > 0 ? `${repeated.join(', ')} listed twice` : undefined;
}

export const EXECUTOR_CONFIG_TABLE = {
  ...INSTALLATION_LIMITS_CONFIG_TABLE,
  name: {
    name: 'JUEZ_EXECUTOR_NAME',
    description: 'Unique name of this executor (heartbeats, logs, its containers); default the host name',
    default: defaultName(),
    parse: parsers.string,
    validate: (value: string) => (NAME_PATTERN.test(value) ? undefined : 'use letters, digits, _ . - (at most 63)'),
  },
  poolSize: {
    name: 'JUEZ_POOL_SIZE',
    description: 'Warm sandbox containers, i.e. tasks judged at once; default one per CPU',
    default: Math.max(1, cpus().length),
    parse: parsers.integer,
    validate: validators.range(1, 256),
  },
  sandboxCpuset: {
    name: 'JUEZ_SANDBOX_CPUSET',
    description:
      "CPUs the sandbox containers may run on, as Docker's --cpuset-cpus (0-3, 1,3); default any. Each container still gets one CPU's time: give JUEZ_POOL_SIZE one per CPU listed",
    default: undefined as string | undefined,
    parse: parsers.string,
    validate: (value: string | undefined) => (value === undefined ? undefined : checkCpuset(value, cpus().length)),
  },
  amqpUrl: {
    name: 'JUEZ_AMQP_URL',
    description: 'RabbitMQ URL',
    default: 'amqp://guest:guest@localhost:5672',
    parse: parsers.url(['amqp:', 'amqps:']),
    secret: true,
  },
  redisUrl: {
    name: 'JUEZ_REDIS_URL',
    description: 'Redis URL',
    default: 'redis://localhost:6379',
    parse: parsers.url(['redis:', 'rediss:']),
    secret: true,
  },
  queuePrefix: {
    name: 'JUEZ_QUEUE_PREFIX',
    description: 'Prefix of every RabbitMQ queue and exchange name (must match the dispatcher)',
    default: 'juez',
    parse: parsers.string,
    validate: (value: string) => (/^[A-Za-z0-9_.-]{1,64}$/.test(value) ? undefined : 'use letters, digits, _ . -'),
  },
  keyPrefix: {
    name: 'JUEZ_REDIS_PREFIX',
    description: 'Prefix of every Redis key (must match the dispatcher)',
    default: 'juez:',
    parse: parsers.string,
    validate: (value: string) => (/^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? undefined : 'use letters, digits, _ . : -'),
  },
  deliveryLimit: {
    name: 'JUEZ_QUEUE_DELIVERY_LIMIT',
    description: 'Redeliveries of a failing task before it is dead-lettered with an IE (must match the dispatcher)',
    default: 3,
    parse: parsers.integer,
    validate: validators.range(0, 100),
  },
  packageCacheDir: {
    name: 'JUEZ_PACKAGE_CACHE_DIR',
    description: 'Directory where problem packages are unpacked, one folder per content hash',
    default: '/var/cache/juez/packages',
    parse: parsers.string,
    validate: (value: string) => (value.startsWith('/') ? undefined : 'must be an absolute path'),
  },
  packageCacheMb: {
    name: 'JUEZ_PACKAGE_CACHE_MB',
    description: 'Disk space the package cache may use before the least recently used packages are removed, MiB',
    default: 2048,
    parse: sizeInMb,
    validate: validators.range(16),
  },
  maxPackageMb: {
    name: 'JUEZ_MAX_PACKAGE_MB',
    description: 'Largest unpacked problem package accepted from Redis, MiB',
    default: 512,
    parse: sizeInMb,
    validate: validators.range(1),
  },
  heartbeatSeconds: {
    name: 'JUEZ_HEARTBEAT_S',
    description: 'Seconds between heartbeats; an executor silent for 3 heartbeats is considered gone',
    default: 5,
    parse: parsers.integer,
    validate: validators.range(1, 300),
  },
  shutdownGraceSeconds: {
    name: 'JUEZ_SHUTDOWN_GRACE_S',
    description: 'On SIGTERM, how long tasks being judged may finish before they are returned to the queue, s',
    default: 60,
    parse: parsers.integer,
    validate: validators.range(0, 3600),
  },
  storeRetrySeconds: {
    name: 'JUEZ_STORE_RETRY_S',
    description: 'How long a verdict that cannot be stored (Redis down) is retried before the task is returned, s',
    default: 120,
    parse: parsers.integer,
    validate: validators.range(1, 3600),
  },
  diskRetrySeconds: {
    name: 'JUEZ_DISK_RETRY_S',
    description:
      'How long a problem package that does not fit on the disk (even with every unused package evicted) is retried before the task is returned, s',
    default: 30,
    parse: parsers.integer,
    validate: validators.range(0, 3600),
  },
  runResultTtlSeconds: {
    name: 'JUEZ_RUN_RESULT_TTL_S',
    description: 'Lifetime of a one-off run record once its result is stored, s',
    default: 3600,
    parse: parsers.integer,
    validate: validators.range(60),
  },
  languages: {
    name: 'JUEZ_LANGUAGES',
    description:
      'Languages this executor serves (comma-separated ids of common/languages.yaml); default every language whose version the runtime image reports. One the image lacks stops the executor at start',
    default: undefined as string[] | undefined,
    parse: parsers.list,
    validate: (value: string[] | undefined) => (value === undefined ? undefined : checkLanguageIds(value, loadLanguages().map((language) => language.id))),
  },
  unservedTimeoutSeconds: {
    name: 'JUEZ_UNSERVED_TIMEOUT_S',
    description:
      'How long after its publication a task in a language this executor does not serve is still handed back to the queue for an executor that serves it; past that it ends as an internal error naming the language, s',
    default: 600,
    parse: parsers.integer,
    validate: validators.range(10, 7 * 24 * 3600),
  },
  imageLanguages: {
    name: 'JUEZ_IMAGE_LANGUAGES',
    description:
      'Languages whose toolchains the runtime image built from executor/image/ carries (comma-separated ids with a packages/<id>.txt there); default every one. A smaller image for a host that judges only some languages',
    default: undefined as string[] | undefined,
    parse: parsers.list,
  },
  imageTag: {
    name: 'JUEZ_RUNTIME_IMAGE',
    description: 'Runtime image tag to use instead of the one built from executor/image/ (not built if missing)',
    default: undefined as string | undefined,
    parse: parsers.string,
    validate: (value: string | undefined) =>
      value === undefined || /^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/.test(value) ? undefined : 'not a Docker image reference',
  },
  logLevel: {
    name: 'JUEZ_LOG_LEVEL',
    description: `Log level: ${LOG_LEVELS.join(', ')}`,
    default: 'info' as (typeof LOG_LEVELS)[number],
    parse: parsers.oneOf(LOG_LEVELS),
  },
} satisfies ConfigTable;

export type ExecutorConfig = ConfigOf<typeof EXECUTOR_CONFIG_TABLE>;

/**
 * Reads and validates the executor's configuration from `env`.
 * @throws ConfigError listing every problem, each naming its variable.
 */
export function loadExecutorConfig(env: Readonly<Record<string, string | undefined>>): ExecutorConfig {
  return loadConfig(EXECUTOR_CONFIG_TABLE, env, (config) =>
    config.maxPackageMb > config.packageCacheMb
      ? [`JUEZ_MAX_PACKAGE_MB (${config.maxPackageMb}) must not exceed JUEZ_PACKAGE_CACHE_MB (${config.packageCacheMb})`]
      : [],
  );
}
