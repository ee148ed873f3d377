import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { cpus } from 'node:os';
import Docker from 'dockerode';
import { Judge } from '../executor/judge.js';
import { ContainerPool } from '../executor/sandbox/container-pool.js';
import { DockerSandboxFactory } from '../executor/sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from '../executor/sandbox/runtime-image.js';
import { sandboxMemoryCeilingBytes } from '../executor/sandbox/sandbox-memory-ceiling.js';
import { loadLanguages } from '../common/languages.js';
import type { InstallationLimits } from '../common/problem/installation-limits.js';
import { CliError } from './cli-error.js';

/** Options every judging command takes. */
export interface PoolOptions {
  /** Containers kept warm (default: one per CPU). */
  poolSize?: number;
  /** Runtime image tag (default: this checkout's, built when missing). */
  image?: string;
  /** The maxima packages are capped to: the containers' memory ceiling leaves room for them (default: the defaults). */
  installation?: InstallationLimits;
}

/**
 * Docker, and the runtime image: `requested` (which must exist: it is not built), or this checkout's, built
 * when missing (its build log to `log`).
 * @throws CliError when Docker cannot be reached or has no image `requested`.
 */
export async function openRuntimeImage(requested: string | undefined, log: (line: string) => void): Promise<{ docker: Docker; image: string }> {
  const docker = new Docker();
  await docker.ping().catch((error: Error) => {
    throw new CliError(`cannot reach Docker (is the Docker engine running? try 'npm run setup'): ${error.message}`);
  });
  if (requested === undefined) return { docker, image: await ensureRuntimeImage({ docker, onLog: log }) };
  await docker
    .getImage(requested)
    .inspect()
    .catch(() => {
      throw new CliError(`Docker has no image ${requested}`);
    });
  return { docker, image: requested };
}

/** A judge over a container pool that belongs to this process; `stop` removes every container. */
export interface RunningJudge {
  judge: Judge;
  /** Containers in the pool: how many submissions can be judged at once. */
  size: number;
  /** Aborted on SIGINT / SIGTERM: judging stops, then the pool is stopped and the process exits. */
  signal: AbortSignal;
  stop(): Promise<void>;
}

/** How long stop() waits for leased containers before destroying them anyway: a CLI user is waiting. */
const STOP_TIMEOUT_MS = 3_000;

/**
 * Connects to Docker, makes sure the runtime image exists and starts a pool of `min(poolSize, needed)`
 * containers (more than there are submissions to judge at once would only cost start-up time).
 * Until stop() is called, SIGINT and SIGTERM abort judging, stop the pool and exit 130: no container is
 * left behind by an interrupted run.
 */
export async function startJudge(options: PoolOptions, needed: number, log: (line: string) => void): Promise<RunningJudge> {
  const { docker, image } = await openRuntimeImage(options.image, log);
  const size = Math.max(1, Math.min(options.poolSize ?? cpus().length, needed));
  const pool = new ContainerPool({
    name: `judge-cli-${process.pid}-${randomBytes(3).toString('hex')}`,
    factory: new DockerSandboxFactory({
      docker,
      image,
      ...(options.installation && { memoryCeilingBytes: sandboxMemoryCeilingBytes(options.installation, loadLanguages()) }),
    }),
    size,
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });
  const aborter = new AbortController();
  // Every submission being judged listens to this one signal (more than Node's default warning threshold).
  setMaxListeners(0, aborter.signal);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= pool.stop());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`judge-cli: ${signal}: stopping the sandbox containers`);
    aborter.abort(new CliError(`interrupted by ${signal}`));
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await pool.start();
  } catch (error) {
    await stop();
    throw new CliError(`cannot start the sandbox containers: ${(error as Error).message}`);
  }
  return {
    judge: new Judge(pool),
    size,
    signal: aborter.signal,
    stop: async () => {
      await stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
