#!/usr/bin/env node
/**
 * `npm run executor`: one process per judging host. Loads the configuration (listing every problem and
 * exiting 1 when it is invalid), makes sure the runtime image exists, starts the warm container pool
 * (which first removes containers a crashed predecessor left), connects to Redis and RabbitMQ and takes
 * tasks until SIGTERM or SIGINT; then it stops taking tasks, lets running ones finish within the grace
 * period (returning the rest to the queue), removes its containers, closes its connections and exits 0.
 *
 *   npm run executor -- --help     the configuration table
 */
import Docker from 'dockerode';
import { pino, type Logger } from 'pino';
import { ConfigError, describeConfig } from '../common/config-table.js';
import { Judge } from './judge.js';
import { readProblemPackage } from '../common/problem/read-problem-package.js';
import { ContainerPool } from './sandbox/container-pool.js';
import { DockerSandboxFactory } from './sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from './sandbox/runtime-image.js';
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

  const docker = new Docker();
  const image = await resolveImage(docker, config, log);
  const pool = new ContainerPool({
    name: `juez-executor-${config.name}`,
    factory: new DockerSandboxFactory({ docker, image, log: (level, message, fields) => log[level](fields ?? {}, message) }),
    size: config.poolSize,
    stopTimeoutMs: config.shutdownGraceSeconds * 1000,
    log: (level, message, fields) => log[level](fields ?? {}, message),
  });
  log.info({ image, poolSize: config.poolSize }, 'starting the sandbox pool');
  await pool.start();

  let service: ExecutorService;
  try {
    service = await ExecutorService.start({
      config,
      log,
      judge: new Judge(pool, { onSandboxFailure: (error, attempt) => log.warn({ err: error, attempt }, 'a sandbox failed: retrying on another') }),
      runner: new PoolProgramRunner(pool),
      readPackage: (dir) => readProblemPackage(dir),
      imageTag: image,
      poolStats: () => {
        const { busy, idle } = pool.stats();
        return { busy, idle };
      },
    });
  } catch (error) {
    await pool.stop();
    throw error;
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log.info({ signal }, 'shutting down');
  // A second signal means "now": the pool's containers are removed at the next start anyway.
  const again = (second: NodeJS.Signals): void => {
    log.warn({ signal: second }, 'second signal: exiting at once');
    process.exit(1);
  };
  process.once('SIGTERM', again);
  process.once('SIGINT', again);
  await service.stop();
  await pool.stop();
  log.info('bye');
  return 0;
}

/** The configured image (which must exist: it is not built), or this checkout's, built when missing. */
async function resolveImage(docker: Docker, config: ExecutorConfig, log: Logger): Promise<string> {
  if (config.imageTag === undefined) {
    return ensureRuntimeImage({ docker, onLog: (line) => log.info({ build: line }, 'building the runtime image') });
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
