/**
 * The composition root: connects Redis and RabbitMQ, builds the stores, the default run package, the
 * webhook worker, the orphan sweeper and the Koa app, and knows how to shut all of it down gracefully.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { loadLanguages } from '../common/languages.js';
import { queueTopology } from '../common/queue-topology.js';
import { redisKeys } from '../common/redis-keys.js';
import { readProblemPackage } from '../common/problem/read-problem-package.js';
import { installationLimitsOf } from '../common/problem/installation-limits-config.js';
import type { AppDeps } from './app-deps.js';
import { createApp } from './app.js';
import { TokenVerifier } from './auth/token-verifier.js';
import type { DispatcherConfig } from './config.js';
import { answerParserErrors, SERVER_OPTIONS } from './http/parser-errors.js';
import { SseRegistry } from './http/sse-registry.js';
import { LanguageAvailability } from './languages/language-availability.js';
import { DispatcherMetrics } from './metrics/dispatcher-metrics.js';
import { buildDefaultRunPackage } from './problems/default-run-package.js';
import { type PackageReader, ProblemUploader } from './problems/problem-uploader.js';
import { OrphanSweeper } from './queue/orphan-sweeper.js';
import { RabbitTaskPublisher } from './queue/rabbit-task-publisher.js';
import type { TaskPublisher } from './queue/task-publisher.js';
import { connectRedis } from './store/redis-connection.js';
import { RedisEventSubscriber } from './store/redis-event-subscriber.js';
import { RedisLanguageAdvertisements } from './store/redis-language-advertisements.js';
import { RedisProblemStore } from './store/redis-problem-store.js';
import { RedisRateLimiter } from './store/redis-rate-limiter.js';
import { RedisRunStore } from './store/redis-run-store.js';
import { RedisStatsStore } from './store/redis-stats-store.js';
import { RedisSubmissionStore } from './store/redis-submission-store.js';
import { RedisWebhookStore } from './store/redis-webhook-store.js';
import type { HostResolver } from './webhooks/check-callback-url.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';

export interface DispatcherOptions {
  log?: Logger;
  /** Default: readProblemPackage. */
  readPackage?: PackageReader;
  resolveHost?: HostResolver;
  /** Default: a RabbitTaskPublisher on config.amqpUrl. */
  publisher?: TaskPublisher;
}

export interface Dispatcher {
  deps: AppDeps;
  /** Listens on config.httpHost:httpPort; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /**
   * Graceful shutdown: stop accepting, end waits and SSE streams, let in-flight requests finish (at most
   * JUEZ_SHUTDOWN_TIMEOUT_S), then close the webhook worker, the orphan sweeper, the broker and Redis connections.
   */
  close(): Promise<void>;
}

export async function createDispatcher(config: DispatcherConfig, options: DispatcherOptions = {}): Promise<Dispatcher> {
  const log = options.log ?? pino({ level: config.logLevel, base: { service: 'dispatcher' } });
  const languages = loadLanguages(config.languagesFile);
  const installation = installationLimitsOf(config);
  const readPackage = options.readPackage ?? ((dir: string) => readProblemPackage(dir, { installation }));
  const keys = redisKeys(config.redisPrefix);
  const redis = await connectRedis(config.redisUrl, (error) => log.warn({ err: error }, 'Redis connection error'));
  const publisher =
    options.publisher ??
    RabbitTaskPublisher.start({
      url: withHeartbeat(config.amqpUrl, 10),
      topology: queueTopology(config.queuePrefix, config.queueDeliveryLimit),
      confirmTimeoutMs: config.publishTimeoutMs,
      log: log.child({ component: 'rabbitmq' }),
    });
  const events = await RedisEventSubscriber.open(redis, (error) => log.warn({ err: error }, 'Redis subscriber error'));
  const problems = new RedisProblemStore(redis, keys);
  const defaultRunPackage = await buildDefaultRunPackage(
    { timeLimitS: config.runTimeLimitS, memoryMb: config.runMemoryMb, outputMb: config.runOutputMb },
    languages,
    readPackage,
  );
  await problems.putArchive(defaultRunPackage.packageHash, defaultRunPackage.archive);
  const stats = new RedisStatsStore(redis, keys);
  const webhooks = new RedisWebhookStore(redis, keys);
  const shutdown = new AbortController();
  const { archive: _archive, ...runPackage } = defaultRunPackage;
  const deps: AppDeps = {
    config,
    log,
    keys,
    tokens: new TokenVerifier({
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ...(config.jwtHs256Secret !== undefined && { hs256Secret: config.jwtHs256Secret }),
      ...(config.jwtRs256PublicKey !== undefined && { rs256PublicKey: config.jwtRs256PublicKey }),
    }),
    rateLimiter: new RedisRateLimiter(redis, keys, config.rateLimitWindowS),
    submissions: new RedisSubmissionStore(redis, keys),
    problems,
    runs: new RedisRunStore(redis, keys, config.runTtlS),
    webhooks,
    stats,
    events,
    publisher,
    languages,
    availability: new LanguageAvailability(new RedisLanguageAdvertisements(redis, keys, config.languageGraceS * 1000), {
      onStale: (error) => log.warn({ err: error }, 'cannot read the executors’ languages: using the last ones read'),
    }),
    uploader: new ProblemUploader(
      {
        maxArchiveBytes: config.maxArchiveBytes,
        maxEntries: config.maxArchiveEntries,
        maxUncompressedBytes: config.maxArchiveUncompressedBytes,
      },
      languages,
      readPackage,
    ),
    defaultRunPackage: runPackage,
    sse: new SseRegistry(),
    metrics: new DispatcherMetrics(stats, publisher),
    pingRedis: async () => {
      await redis.ping();
    },
    shutdownSignal: shutdown.signal,
    ...(options.resolveHost && { resolveHost: options.resolveHost }),
  };
  const { app } = createApp(deps);
  const worker =
    config.webhookSecret === undefined
      ? undefined
      : new WebhookWorker({
          store: webhooks,
          secret: config.webhookSecret,
          log: log.child({ component: 'webhooks' }),
          timeoutMs: config.webhookTimeoutMs,
          retryWindowMs: config.webhookRetryWindowS * 1000,
          initialDelayMs: config.webhookInitialDelayMs,
          maxDelayMs: config.webhookMaxDelayMs,
          pollMs: config.webhookPollMs,
          allowPrivateTargets: config.webhookAllowPrivateTargets,
          ...(options.resolveHost && { resolve: options.resolveHost }),
        });
  if (worker === undefined) log.warn('JUEZ_WEBHOOK_SECRET is not set: webhooks are not sent');
  worker?.start();
  const sweeper = new OrphanSweeper({
    submissions: deps.submissions,
    problems,
    publisher,
    log: log.child({ component: 'orphans' }),
    orphanAfterMs: config.orphanAfterS * 1000,
    intervalMs: config.orphanSweepS * 1000,
    onPublished: (task) => deps.metrics.published.inc({ lane: task.lane }),
  });
  sweeper.start();

  let server: Server | undefined;
  let closing: Promise<void> | undefined;
  return {
    deps,
    listen: () =>
      new Promise((resolve, reject) => {
        server = createServer(SERVER_OPTIONS, app.callback());
        answerParserErrors(server, log);
        server.once('error', reject);
        server.listen(config.httpPort, config.httpHost, () => {
          const address = (server as Server).address() as AddressInfo;
          log.info({ port: address.port, host: address.address }, 'dispatcher listening');
          resolve(address);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        log.info('shutting down');
        const stopped = server === undefined ? Promise.resolve() : new Promise<void>((resolve) => (server as Server).close(() => resolve()));
        shutdown.abort();
        deps.sse.closeAll();
        // Keep-alive connections become idle as their last request ends; close them as they do.
        const sweep = setInterval(() => server?.closeIdleConnections(), 50);
        server?.closeIdleConnections();
        const deadline = setTimeout(() => server?.closeAllConnections(), config.shutdownTimeoutS * 1000);
        await stopped;
        clearInterval(sweep);
        clearTimeout(deadline);
        await worker?.stop();
        await sweeper.stop();
        await publisher.close();
        await events.close();
        await redis.close().catch(() => undefined);
        log.info('shut down');
      })()),
  };
}

/** The URL with an AMQP heartbeat unless it sets one: a vanished broker is noticed in two heartbeats. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
