import type { Logger } from 'pino';
import type { LanguageVersions } from '../../common/language-versions.js';
import { queueTopology } from '../../common/queue-topology.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import type { ExecutorConfig } from './config.js';
import { DeadLetterHandler } from './dead-letter-handler.js';
import { ExecutorHeartbeat } from './executor-heartbeat.js';
import { ExecutorTaskHandler } from './executor-task-handler.js';
import { PackageCache } from './package-cache.js';
import { RabbitTaskConsumer } from './rabbit-task-consumer.js';
import { RedisConnection } from './redis-connection.js';
import { RedisExecutorRegistry } from './redis-executor-registry.js';
import { RedisPackageSource } from './redis-package-source.js';
import { RedisVerdictStore } from './redis-verdict-store.js';
import { TaskProcessor, type ProblemPackages, type ProgramRunner, type SubmissionJudge } from './task-processor.js';

export interface ExecutorServiceOptions {
  config: ExecutorConfig;
  log: Logger;
  judge: SubmissionJudge;
  runner: ProgramRunner;
  /** Reads an unpacked package directory (readProblemPackage); rejects with ProblemPackageError. */
  readPackage(dir: string): Promise<ProblemPackage>;
  /** Tag of the runtime image in use, for heartbeats. */
  imageTag: string;
  /**
   * The languages this executor judges, id → version read from its image (main.ts probes it): advertised
   * with every heartbeat; tasks in other languages are handed back for other executors.
   */
  languages: LanguageVersions;
  /** The container pool's busy and idle slots, for heartbeats. Default: the consumer's own count. */
  poolStats?: () => { busy: number; idle: number };
  /** Replaces the on-disk package cache (tests). */
  packages?: ProblemPackages;
}

/**
 * The executor's service: Redis, the package cache, the task consumer and the heartbeat, wired together
 * and started and stopped in order. The judging engine and the container pool are given to it (main.ts
 * owns them), so that tests can run the whole service around a fake judge.
 */
export class ExecutorService {
  private constructor(
    private readonly redis: RedisConnection,
    private readonly consumer: RabbitTaskConsumer,
    private readonly heartbeat: ExecutorHeartbeat,
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  /** Connects to Redis and RabbitMQ and starts taking tasks. */
  static async start(options: ExecutorServiceOptions): Promise<ExecutorService> {
    const { config, log } = options;
    const storeRetryMs = config.storeRetrySeconds * 1000;
    const redis = await RedisConnection.connect({ url: config.redisUrl, log });
    try {
      const store = new RedisVerdictStore(redis, { keyPrefix: config.keyPrefix, runResultTtlSeconds: config.runResultTtlSeconds });
      const packages = options.packages ?? (await openPackageCache(options, redis));
      let handler: ExecutorTaskHandler | undefined;
      const processor = new TaskProcessor({
        executor: config.name,
        verdicts: store,
        runs: store,
        packages,
        judge: options.judge,
        runner: options.runner,
        log,
        storeRetryMs,
        diskRetryMs: config.diskRetrySeconds * 1000,
        onStored: (kind, internalError) => handler?.count(kind, internalError),
      });
      const deadLetters = new DeadLetterHandler({ executor: config.name, verdicts: store, runs: store, log, storeRetryMs });
      const served = new Set(Object.keys(options.languages));
      handler = new ExecutorTaskHandler(
        processor,
        deadLetters,
        { serves: (languageId) => served.has(languageId), unservedTimeoutMs: config.unservedTimeoutSeconds * 1000 },
        log,
      );
      const consumer = new RabbitTaskConsumer({
        url: config.amqpUrl,
        topology: queueTopology(config.queuePrefix, config.deliveryLimit),
        slots: config.poolSize,
        handler,
        log,
      });
      const startedAt = Date.now();
      const counts = handler.counts;
      const heartbeat = new ExecutorHeartbeat(
        new RedisExecutorRegistry(redis, config.keyPrefix),
        () => {
          const { busy, held } = consumer.stats();
          const pool = options.poolStats?.() ?? { busy, idle: config.poolSize - busy };
          return { name: config.name, poolSize: config.poolSize, ...pool, held, startedAt, ...counts, imageTag: options.imageTag, languages: options.languages };
        },
        config.heartbeatSeconds * 1000,
        log,
      );
      await consumer.start();
      await heartbeat.start();
      log.info({ executor: config.name, poolSize: config.poolSize, languages: options.languages }, 'executor ready');
      return new ExecutorService(redis, consumer, heartbeat, config.shutdownGraceSeconds * 1000, log);
    } catch (error) {
      await redis.close();
      throw error;
    }
  }

  /** Tasks running and held, and whether the broker is connected. */
  stats(): { busy: number; held: number; connected: boolean } {
    return this.consumer.stats();
  }

  /**
   * Stops taking tasks, lets running ones finish within the grace period (the rest are returned to the
   * queue), removes the heartbeat and closes connections. The container pool is the caller's to stop.
   */
  async stop(): Promise<void> {
    this.log.info({ graceMs: this.graceMs }, 'executor stopping');
    await this.consumer.stop(this.graceMs);
    await this.heartbeat.stop();
    await this.redis.close();
    this.log.info('executor stopped');
  }
}

async function openPackageCache(options: ExecutorServiceOptions, redis: RedisConnection): Promise<PackageCache> {
  const { config, log } = options;
  const cache = new PackageCache({
    dir: config.packageCacheDir,
    maxBytes: config.packageCacheMb * 1024 * 1024,
    maxPackageBytes: config.maxPackageMb * 1024 * 1024,
    archives: new RedisPackageSource(redis, config.keyPrefix),
    read: options.readPackage,
    log,
  });
  await cache.init();
  return cache;
}
