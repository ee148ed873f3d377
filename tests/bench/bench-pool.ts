/**
 * A warm container pool built the way the executor and judge-cli build theirs (default size: one container
 * per CPU), under a unique name, stopped by the benchmark's cleanup however the benchmark ends.
 */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { Judge } from '../../executor/judge.js';
import { ContainerPool } from '../../executor/sandbox/container-pool.js';
import { DockerSandboxFactory } from '../../executor/sandbox/docker-sandbox-factory.js';
import type { CleanupStack } from './bench-cleanup.js';

export interface BenchPool {
  name: string;
  pool: ContainerPool;
  judge: Judge;
}

/** Starts the pool; `cleanup` stops it and removes any container left under its name. */
export async function startBenchPool(
  docker: Docker,
  image: string,
  cleanup: CleanupStack,
  options: { what: string; size?: number; log: (line: string) => void },
): Promise<BenchPool> {
  const name = `bench-${options.what}-${randomBytes(4).toString('hex')}`;
  const factory = new DockerSandboxFactory({ docker, image });
  const pool = new ContainerPool({
    name,
    factory,
    ...(options.size === undefined ? {} : { size: options.size }),
    // A benchmark that is interrupted should not keep its user waiting.
    stopTimeoutMs: 3_000,
    log: (level, message) => {
      if (level !== 'info') options.log(`[pool ${level}] ${message}`);
    },
  });
  cleanup.defer(`stopping pool ${name}`, async () => {
    await pool.stop();
    await factory.removeLeftovers(name);
  });
  await pool.start();
  return { name, pool, judge: new Judge(pool) };
}
