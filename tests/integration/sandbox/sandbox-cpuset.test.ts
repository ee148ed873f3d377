/**
 * JUEZ_SANDBOX_CPUSET reaches the containers: DockerSandboxFactory's `cpuset` becomes the container's
 * CpusetCpus when it is created, so a program inside may run only there (and a replacement container is
 * confined like the first).
 */
import { cpus } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerPool } from '../../../executor/sandbox/container-pool.js';
import { DockerSandboxFactory } from '../../../executor/sandbox/docker-sandbox-factory.js';
import { containersOf, docker, PATH, removeContainersOf, runtimeImage, uniquePoolName } from './sandbox-fixture.js';

const pools: string[] = [];

afterAll(async () => {
  for (const name of pools) await removeContainersOf(name);
});

/** The CPUs a process in the leased container may run on, as Linux lists them (`0`, `0-1`). */
async function allowedCpus(pool: ContainerPool): Promise<string> {
  const lease = await pool.acquire();
  try {
    const facts = await lease.session.run([
      {
        argv: ['sh', '-c', "grep '^Cpus_allowed_list:' /proc/self/status"],
        env: { PATH },
        cpuMs: 2_000,
        memoryKb: 64 * 1024,
        returnStdoutBytes: 256,
      },
    ]);
    return facts.stdout.toString('utf8').split(':')[1]?.trim() ?? '';
  } finally {
    await lease.release();
  }
}

async function startPool(cpuset: string | undefined): Promise<ContainerPool> {
  const name = uniquePoolName('cpuset');
  pools.push(name);
  const factory = new DockerSandboxFactory({ docker, image: await runtimeImage(), ...(cpuset === undefined ? {} : { cpuset }) });
  const pool = new ContainerPool({ name, factory, size: 1, stopTimeoutMs: 5_000 });
  await pool.start();
  return pool;
}

describe('the sandbox cpuset', () => {
  it('confines every container of the pool, a replacement too, to the CPUs given', async () => {
    const last = String(cpus().length - 1);
    const pool = await startPool(last);
    try {
      const [first] = await containersOf(pool.name);
      expect((await docker.getContainer(first?.Id ?? '').inspect()).HostConfig.CpusetCpus).toBe(last);
      expect(await allowedCpus(pool)).toBe(last);

      const lease = await pool.acquire();
      await lease.discard();
      expect(await allowedCpus(pool)).toBe(last);
      const now = await containersOf(pool.name);
      expect(now.map((c) => c.Id)).not.toContain(first?.Id);
    } finally {
      await pool.stop();
    }
  });

  it('leaves the containers free to run on any CPU by default', async () => {
    const pool = await startPool(undefined);
    try {
      const [only] = await containersOf(pool.name);
      expect((await docker.getContainer(only?.Id ?? '').inspect()).HostConfig.CpusetCpus).toBe('');
      expect(await allowedCpus(pool)).toBe(cpus().length === 1 ? '0' : `0-${cpus().length - 1}`);
    } finally {
      await pool.stop();
    }
  });
});
