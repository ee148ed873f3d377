#!/usr/bin/env node
/**
 * `npm run executor`: one process per judging host. Loads the configuration (listing every problem and
 * exiting 1 when it is invalid), waits for the Docker engine, Redis and RabbitMQ (however long it takes,
 * saying what it waits for; exiting 1 only when one of them refuses it for a reason waiting cannot fix),
 * makes sure the runtime image exists, reads every language's version from it (the languages it serves:
 * those the image has, or JUEZ_LANGUAGES), starts the warm container pool (which first removes containers a
 * crashed predecessor left), connects to Redis and RabbitMQ and takes tasks until SIGTERM or SIGINT; then
 * it stops taking tasks, lets running ones finish within the grace period (returning the rest to the
 * queue), removes its containers, closes its connections and exits 0.
 *
 *   npm run executor -- --help     the configuration table
 */
import Docker from 'dockerode';
import { pino, type Logger } from 'pino';
import { DependencyRefusedError, type Dependency } from '../common/dependencies/dependency.js';
import { rabbitMqDependency } from '../common/dependencies/rabbitmq-dependency.js';
import { redisDependency } from '../common/dependencies/redis-dependency.js';
import { waitForDependencies, waitForDependency, type WaitOptions } from '../common/dependencies/wait-for-dependencies.js';
import { ConfigError, describeConfig } from '../common/config-table.js';
import { Judge } from './judge.js';
import { readProblemPackage } from '../common/problem/read-problem-package.js';
import { installationLimitsOf } from '../common/problem/installation-limits-config.js';
import type { LanguageVersions } from '../common/language-versions.js';
import { loadLanguages } from '../common/languages.js';
import { sandboxMemoryCeilingBytes } from './sandbox/sandbox-memory-ceiling.js';
import { ContainerPool } from './sandbox/container-pool.js';
import { dockerEngineDependency } from './sandbox/docker-engine-dependency.js';
import { DockerSandboxFactory } from './sandbox/docker-sandbox-factory.js';
import { probeLanguageVersions } from './sandbox/docker-version-probe.js';
import { isEngineUnreachable } from './sandbox/engine-health.js';
import { ensureRuntimeImage } from './sandbox/runtime-image.js';
import { chooseServedLanguages } from './service/choose-served-languages.js';
import { EXECUTOR_CONFIG_TABLE, loadExecutorConfig, type ExecutorConfig } from './service/config.js';
import { ExecutorService } from './service/executor-service.js';
import { PoolProgramRunner } from './service/pool-program-runner.js';

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`juez executor: configuration (environment variables)\n\n${describeConfig(EXECUTOR_CONFIG_TABLE)}\n`);
    return 0;
  }
  let config: ExecutorConfig;
  try {
    config = loadExecutorConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`juez executor: ${error.message}\n(npm run executor -- --help lists every setting)\n`);
    return 1;
  }
  const log = pino({ level: config.logLevel, base: { service: 'executor', executor: config.name } });
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'unhandled rejection: exiting');
    process.exit(1);
  });

  // The first signal stops whatever the executor is doing, waiting at start included; a second one means
  // "now": the pool's containers are removed at the next start anyway.
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping.signal.aborted) {
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    stopping.abort(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  let docker: Docker;
  try {
    docker = new Docker(); // reads DOCKER_HOST; throws when it is malformed
  } catch (error) {
    log.fatal({ err: error }, `cannot use the Docker engine: ${(error as Error).message}`);
    return 1;
  }
  const engine = await dockerEngineDependency(docker);
  const waiting: WaitOptions = { log, signal: stopping.signal, meanwhile: 'the executor takes no tasks until then' };

  let pool: ContainerPool | undefined;
  let service: ExecutorService | undefined;
  try {
    await waitForDependencies([engine, redisDependency(config.redisUrl, 'JUEZ_REDIS_URL'), rabbitMqDependency(config.amqpUrl, 'JUEZ_AMQP_URL')], waiting);
    const started = await startPool(docker, engine, config, log, waiting);
    const { image, languages } = started;
    pool = started.pool;
    const sandboxes = pool;
    if (!stopping.signal.aborted) {
      service = await ExecutorService.start({
        config,
        log,
        judge: new Judge(sandboxes, { onSandboxFailure: (error, attempt) => log.warn({ err: error, attempt }, 'a sandbox failed: retrying on another') }),
        runner: new PoolProgramRunner(sandboxes),
        readPackage: (dir) => readProblemPackage(dir, { installation: installationLimitsOf(config) }),
        imageTag: image,
        languages,
        poolStats: () => {
          const { busy, idle } = sandboxes.stats();
          return { busy, idle };
        },
      });
    }
    if (!stopping.signal.aborted) await new Promise((resolve) => stopping.signal.addEventListener('abort', resolve, { once: true }));
  } catch (error) {
    await pool?.stop();
    if (error instanceof DependencyRefusedError || error instanceof LanguagesUnavailableError) {
      log.fatal({ err: error }, error.message);
      return 1;
    }
    if (!stopping.signal.aborted) throw error;
    log.info('stopped while starting: bye');
    return 0;
  }
  await service?.stop();
  await pool?.stop();
  log.info('bye');
  return 0;
}

/** JUEZ_LANGUAGES asks for languages the runtime image lacks, or the image has none: nothing to serve. */
class LanguagesUnavailableError extends Error {
  override readonly name = 'LanguagesUnavailableError';
}

/**
 * Reads the version of every language from the image and chooses the ones this executor serves.
 * @throws LanguagesUnavailableError listing what JUEZ_LANGUAGES asks and the image lacks.
 */
async function chooseLanguages(docker: Docker, image: string, config: ExecutorConfig, log: Logger): Promise<LanguageVersions> {
  const startedAt = Date.now();
  const probed = await probeLanguageVersions({ docker, image, languages: loadLanguages() });
  const { served, missing, problems } = chooseServedLanguages(probed, config.languages);
  if (problems.length > 0) throw new LanguagesUnavailableError(`cannot serve the configured languages:\n  - ${problems.join('\n  - ')}`);
  if (Object.keys(served).length === 0) throw new LanguagesUnavailableError(`the runtime image ${image} reports no language: ${JSON.stringify(missing)}`);
  if (Object.keys(missing).length > 0) log.info({ missing }, 'languages not served: the runtime image lacks them');
  log.info({ languages: served, probeMs: Date.now() - startedAt }, 'language versions read from the runtime image');
  return served;
}

/**
 * Resolves the runtime image, reads the languages it serves from it and fills the pool. The engine may go away between the wait and the last
 * container (dockerd restarting while the executor starts): then it waits for the engine again and starts
 * over with a new pool, whose start removes what the failed one left.
 */
async function startPool(
  docker: Docker,
  engine: Dependency,
  config: ExecutorConfig,
  log: Logger,
  waiting: WaitOptions,
): Promise<{ pool: ContainerPool; image: string; languages: LanguageVersions }> {
  for (;;) {
    try {
      const image = await resolveImage(docker, config, log);
      const languages = await chooseLanguages(docker, image, config, log);
      const pool = new ContainerPool({
        name: `juez-executor-${config.name}`,
        factory: new DockerSandboxFactory({
          docker,
          image,
          memoryCeilingBytes: sandboxMemoryCeilingBytes(installationLimitsOf(config), loadLanguages()),
          ...(config.sandboxCpuset === undefined ? {} : { cpuset: config.sandboxCpuset }),
          log: (level, message, fields) => log[level](fields ?? {}, message),
        }),
        size: config.poolSize,
        stopTimeoutMs: config.shutdownGraceSeconds * 1000,
        log: (level, message, fields) => log[level](fields ?? {}, message),
      });
      log.info({ image, poolSize: config.poolSize }, 'starting the sandbox pool');
      await pool.start();
      return { pool, image, languages };
    } catch (error) {
      if (!isEngineUnreachable(error) || waiting.signal?.aborted) throw error;
      log.warn({ err: error }, 'the Docker engine went away while the sandbox pool was starting');
      await waitForDependency(engine, waiting);
    }
  }
}

/** The configured image (which must exist: it is not built), or this checkout's, built when missing. */
async function resolveImage(docker: Docker, config: ExecutorConfig, log: Logger): Promise<string> {
  if (config.imageTag === undefined) {
    return ensureRuntimeImage({ docker, languages: config.imageLanguages, onLog: (line) => log.info({ build: line }, 'building the runtime image') });
  }
  await docker.getImage(config.imageTag).inspect();
  return config.imageTag;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`juez executor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
