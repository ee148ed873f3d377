/**
 * The dispatcher's configuration: one table, validated once at start (every problem listed), then passed
 * down as a typed object. Nothing else in dispatcher/ reads process.env.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type ConfigOf, type ConfigTable, describeConfig, loadConfig, parsers, validators } from '../common/config-table.js';
import { INSTALLATION_LIMITS_CONFIG_TABLE } from '../common/problem/installation-limits-config.js';
import { TOKEN_SIGNING_CONFIG_ROWS } from '../common/auth-token.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A PEM value given inline, or the path of a file holding it. */
function pemOrFile(raw: string): string {
  if (raw.includes('-----BEGIN')) return raw.replace(/\\n/g, '\n');
  if (!existsSync(raw)) throw new Error('expected a PEM key or the path of a PEM file');
  return readFileSync(raw, 'utf8');
}

function webhookSecret(raw: string): string {
  if (!raw.startsWith('whsec_')) throw new Error('expected a Standard Webhooks secret: whsec_<base64>');
  const key = Buffer.from(raw.slice('whsec_'.length), 'base64');
  if (key.length < 16) throw new Error('the secret must hold at least 16 bytes (base64 after whsec_)');
  return raw;
}

/** Browser origins, `scheme://host[:port]` exactly as a browser sends them in `Origin` (no path, no slash). */
function origins(raw: string): string[] {
  const list = parsers.list(raw);
  const bad = list.filter((origin) => {
    try {
      const url = new URL(origin);
      return (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin;
    } catch {
      return true;
    }
  });
  if (bad.length > 0) throw new Error(`not origins like https://course.example.edu: ${bad.join(', ')}`);
  return list;
}

const positive = validators.range(1);

export const DISPATCHER_CONFIG_TABLE = {
  ...INSTALLATION_LIMITS_CONFIG_TABLE,
  httpHost: { name: 'JUEZ_HTTP_HOST', description: 'address to listen on', default: '0.0.0.0', parse: parsers.string },
  httpPort: {
    name: 'JUEZ_HTTP_PORT',
    description: 'HTTP port (0: any free port)',
    default: 8080,
    parse: parsers.integer,
    validate: validators.range(0, 65535),
  },
  logLevel: {
    name: 'JUEZ_LOG_LEVEL',
    description: 'pino log level',
    default: 'info' as const,
    parse: parsers.oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const),
  },
  redisUrl: {
    name: 'JUEZ_REDIS_URL',
    description: 'Redis URL',
    default: 'redis://localhost:6379',
    parse: parsers.url(['redis:', 'rediss:']),
  },
  redisPrefix: { name: 'JUEZ_REDIS_PREFIX', description: 'prefix of every Redis key', default: 'juez:', parse: parsers.string },
  amqpUrl: {
    name: 'JUEZ_AMQP_URL',
    description: 'RabbitMQ URL',
    default: 'amqp://guest:guest@localhost:5672',
    parse: parsers.url(['amqp:', 'amqps:']),
    secret: true,
  },
  queuePrefix: { name: 'JUEZ_QUEUE_PREFIX', description: 'prefix of queue and exchange names', default: 'juez', parse: parsers.string },
  queueDeliveryLimit: {
    name: 'JUEZ_QUEUE_DELIVERY_LIMIT',
    description: 'deliveries of a task before it is dead-lettered (must match the executors)',
    default: 3,
    parse: parsers.integer,
    validate: positive,
  },
  publishTimeoutMs: {
    name: 'JUEZ_PUBLISH_TIMEOUT_MS',
    description: 'how long to wait for the broker to confirm a task before answering 503, ms',
    default: 2000,
    parse: parsers.integer,
    validate: positive,
  },
  languageGraceS: {
    name: 'JUEZ_LANGUAGE_GRACE_S',
    description:
      'a language some executor served this recently is still accepted when none serves it now (an executor restarting), seconds; 0: only what live executors serve',
    default: 600,
    parse: parsers.number,
    validate: validators.range(0, 86400),
  },
  orphanAfterS: {
    name: 'JUEZ_ORPHAN_AFTER_S',
    description:
      'a stored submission whose task the broker has not confirmed after this long (its dispatcher died) is published again, seconds; must exceed JUEZ_PUBLISH_TIMEOUT_MS',
    default: 30,
    parse: parsers.number,
    validate: validators.range(0.1, 86400),
  },
  orphanSweepS: {
    name: 'JUEZ_ORPHAN_SWEEP_S',
    description: 'how often each dispatcher looks for such submissions, seconds',
    default: 5,
    parse: parsers.number,
    validate: validators.range(0.05, 3600),
  },
  ...TOKEN_SIGNING_CONFIG_ROWS,
  jwtRs256PublicKey: {
    name: 'JUEZ_JWT_RS256_PUBLIC_KEY',
    description: 'public key (PEM, or path of a PEM file) for RS256 tokens',
    default: undefined as string | undefined,
    parse: pemOrFile,
  },
  rateLimitWindowS: {
    name: 'JUEZ_RATE_LIMIT_WINDOW_S',
    description: 'length of a rate-limit window, seconds',
    default: 60,
    parse: parsers.integer,
    validate: positive,
  },
  rateLimitSubmissions: {
    name: 'JUEZ_RATE_LIMIT_SUBMISSIONS',
    description: 'submissions and runs per user per window (0: unlimited)',
    default: 20,
    parse: parsers.integer,
    validate: validators.range(0),
  },
  rateLimitRequests: {
    name: 'JUEZ_RATE_LIMIT_REQUESTS',
    description: 'other API requests per user per window (0: unlimited)',
    default: 600,
    parse: parsers.integer,
    validate: validators.range(0),
  },
  maxFiles: { name: 'JUEZ_MAX_FILES', description: 'source files per submission or run', default: 16, parse: parsers.integer, validate: validators.range(1, 32) },
  maxFileBytes: {
    name: 'JUEZ_MAX_FILE_BYTES',
    description: 'size of one source file, bytes (UTF-8)',
    default: 256 * KiB,
    parse: parsers.integer,
    validate: validators.range(1, MiB),
  },
  maxSourceBytes: {
    name: 'JUEZ_MAX_SOURCE_BYTES',
    description: 'total size of the source files of one submission, bytes',
    default: 512 * KiB,
    parse: parsers.integer,
    validate: positive,
  },
  maxStdinBytes: {
    name: 'JUEZ_MAX_STDIN_BYTES',
    description: 'stdin of a run, bytes',
    default: 256 * KiB,
    parse: parsers.integer,
    validate: validators.range(0, MiB),
  },
  maxJsonBodyBytes: {
    name: 'JUEZ_MAX_JSON_BODY_BYTES',
    description: 'size of a JSON request body, bytes (JSON escaping included)',
    default: 2 * MiB,
    parse: parsers.integer,
    validate: positive,
  },
  maxArchiveBytes: {
    name: 'JUEZ_MAX_ARCHIVE_BYTES',
    description: 'size of an uploaded problem package archive, bytes',
    default: 64 * MiB,
    parse: parsers.integer,
    validate: positive,
  },
  maxArchiveEntries: {
    name: 'JUEZ_MAX_ARCHIVE_ENTRIES',
    description: 'files and directories in a problem package archive',
    default: 5000,
    parse: parsers.integer,
    validate: positive,
  },
  maxArchiveUncompressedBytes: {
    name: 'JUEZ_MAX_ARCHIVE_UNCOMPRESSED_BYTES',
    description: 'total size of the files of an extracted problem package, bytes',
    default: 256 * MiB,
    parse: parsers.integer,
    validate: positive,
  },
  maxWaitS: {
    name: 'JUEZ_MAX_WAIT_S',
    description: 'longest `wait` a client may ask for, seconds',
    default: 30,
    parse: parsers.integer,
    validate: validators.range(0, 300),
  },
  runTtlS: {
    name: 'JUEZ_RUN_TTL_S',
    description: 'how long a run and its output are kept, seconds',
    default: 86400,
    parse: parsers.integer,
    validate: positive,
  },
  runTimeLimitS: {
    name: 'JUEZ_RUN_TIME_LIMIT_S',
    description: 'CPU time limit of runs without a problem, seconds',
    default: 2,
    parse: parsers.number,
    validate: validators.range(0.1, 60),
  },
  runMemoryMb: {
    name: 'JUEZ_RUN_MEMORY_MB',
    description: 'memory limit of runs without a problem, MiB',
    default: 256,
    parse: parsers.integer,
    validate: validators.range(16, 4096),
  },
  runOutputMb: {
    name: 'JUEZ_RUN_OUTPUT_MB',
    description: 'output limit of runs without a problem, MiB',
    default: 1,
    parse: parsers.integer,
    validate: validators.range(1, 64),
  },
  corsOrigins: {
    name: 'JUEZ_CORS_ORIGINS',
    description: 'origins whose pages may call the API from a browser (CORS), comma-separated, e.g. https://course.example.edu; unset: none',
    default: [] as string[],
    parse: origins,
  },
  sseHeartbeatS: {
    name: 'JUEZ_SSE_HEARTBEAT_S',
    description: 'interval of heartbeat comments on event streams, seconds',
    default: 15,
    parse: parsers.number,
    validate: validators.range(0.05, 300),
  },
  webhookSecret: {
    name: 'JUEZ_WEBHOOK_SECRET',
    description: 'Standard Webhooks signing secret (whsec_<base64>); unset: webhooks are not sent',
    default: undefined as string | undefined,
    parse: webhookSecret,
    secret: true,
  },
  webhookUrls: {
    name: 'JUEZ_WEBHOOK_URLS',
    description: 'registered webhook URL per service client: client=url,client2=url',
    default: {} as Record<string, string>,
    parse: parsers.keyValues,
    validate: (value: Record<string, string>) => {
      const bad = Object.entries(value).filter(([, url]) => !/^https?:\/\//.test(url));
      return bad.length > 0 ? `not http(s) URLs: ${bad.map(([client]) => client).join(', ')}` : undefined;
    },
  },
  webhookAllowPrivateTargets: {
    name: 'JUEZ_WEBHOOK_ALLOW_PRIVATE_TARGETS',
    description: 'allow callback URLs on loopback, private and link-local addresses (tests, single-host setups)',
    default: false,
    parse: parsers.boolean,
  },
  webhookTimeoutMs: {
    name: 'JUEZ_WEBHOOK_TIMEOUT_MS',
    description: 'timeout of one webhook attempt, ms',
    default: 5000,
    parse: parsers.integer,
    validate: positive,
  },
  webhookRetryWindowS: {
    name: 'JUEZ_WEBHOOK_RETRY_WINDOW_S',
    description: 'how long a failing webhook is retried before it is marked failed, seconds',
    default: 86400,
    parse: parsers.integer,
    validate: positive,
  },
  webhookInitialDelayMs: {
    name: 'JUEZ_WEBHOOK_INITIAL_DELAY_MS',
    description: 'base delay of the first webhook retry (exponential backoff, full jitter), ms',
    default: 5000,
    parse: parsers.integer,
    validate: positive,
  },
  webhookMaxDelayMs: {
    name: 'JUEZ_WEBHOOK_MAX_DELAY_MS',
    description: 'longest delay between two webhook attempts, ms',
    default: 3_600_000,
    parse: parsers.integer,
    validate: positive,
  },
  webhookPollMs: {
    name: 'JUEZ_WEBHOOK_POLL_MS',
    description: 'how often the webhook worker looks for due deliveries, ms',
    default: 1000,
    parse: parsers.integer,
    validate: validators.range(10),
  },
  shutdownTimeoutS: {
    name: 'JUEZ_SHUTDOWN_TIMEOUT_S',
    description: 'how long in-flight requests may take to finish on SIGTERM, seconds',
    default: 10,
    parse: parsers.integer,
    validate: validators.range(0),
  },
  languagesFile: {
    name: 'JUEZ_LANGUAGES_FILE',
    description: 'languages file (default: common/languages.yaml)',
    default: undefined as string | undefined,
    parse: parsers.string,
  },
} satisfies ConfigTable;

export type DispatcherConfig = ConfigOf<typeof DISPATCHER_CONFIG_TABLE>;

/**
 * Reads and validates the configuration.
 * @throws ConfigError listing every problem.
 */
export function loadDispatcherConfig(env: Readonly<Record<string, string | undefined>>): DispatcherConfig {
  return loadConfig(DISPATCHER_CONFIG_TABLE, env, (config) => {
    const problems: string[] = [];
    if (config.jwtHs256Secret === undefined && config.jwtRs256PublicKey === undefined) {
      problems.push('set JUEZ_JWT_HS256_SECRET or JUEZ_JWT_RS256_PUBLIC_KEY (or both): no token could be verified');
    }
    if (config.maxFileBytes > config.maxSourceBytes) {
      problems.push('JUEZ_MAX_FILE_BYTES must not exceed JUEZ_MAX_SOURCE_BYTES');
    }
    // A request still waiting for its confirm must not see its submission published a second time.
    if (config.orphanAfterS * 1000 <= config.publishTimeoutMs) {
      problems.push('JUEZ_ORPHAN_AFTER_S must exceed JUEZ_PUBLISH_TIMEOUT_MS (a request waiting for its confirm is not an orphan)');
    }
    return problems;
  });
}

/** The table as Markdown, for the README. */
export function describeDispatcherConfig(): string {
  return describeConfig(DISPATCHER_CONFIG_TABLE);
}
