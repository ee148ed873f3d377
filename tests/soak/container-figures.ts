/**
 * Containers as the soak counts them: all of the Docker engine's (running or not: a container that exited
 * and was never removed is a leak too), those of the system's pool (label `juez.pool`), and the memory the
 * idle sandboxes of the pool hold: from their memory cgroup, anonymous memory (processes left running)
 * plus shmem (files left in the tmpfs mounts, /dev/shm, SysV shared memory) — what a reset that missed
 * something would leave. Page cache and the kernel's reclaimable caches (dentries of the many short-lived
 * processes) are not held by anything and are left out.
 */
import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { memoryCgroupOf, type MemoryCgroup } from '../support/memory-cgroup.js';

export interface ContainerCounts {
  all: number;
  pool: number;
  /** Σ (anonymous + shmem) of the pool's running containers, MiB. */
  poolMemoryMb: number;
}

type CgroupDir = MemoryCgroup;

async function heldBytes({ dir, version }: CgroupDir): Promise<number> {
  const stat = await readFile(`${dir}/memory.stat`, 'utf8');
  const value = (key: string): number => {
    const match = stat.match(new RegExp(`^${key} (\\d+)$`, 'm'));
    if (match === null) throw new Error(`${dir}/memory.stat has no ${key}`);
    return Number(match[1]);
  };
  return version === 1 ? value('total_rss') + value('total_shmem') : value('anon') + value('shmem');
}

class NotRunningError extends Error {}

export class ContainerFigures {
  /** Container id → its memory cgroup (a container's first process never changes while it runs). */
  private readonly cgroups = new Map<string, CgroupDir>();

  constructor(
    private readonly docker: Docker,
    private readonly poolName: string,
  ) {}

  async read(): Promise<ContainerCounts> {
    const all = await this.docker.listContainers({ all: true });
    const pool = all.filter((info) => info.Labels['juez.pool'] === this.poolName);
    let bytes = 0;
    for (const info of pool) {
      if (info.State !== 'running') continue;
      try {
        bytes += await heldBytes(await this.cgroupOf(info.Id));
      } catch (error) {
        // Gone or stopped between the listing and the reading (replaced): it holds no memory any more.
        const gone = (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as { statusCode?: number }).statusCode === 404 || error instanceof NotRunningError;
        if (!gone) throw error;
        this.cgroups.delete(info.Id);
      }
    }
    return { all: all.length, pool: pool.length, poolMemoryMb: bytes / 1024 / 1024 };
  }

  private async cgroupOf(id: string): Promise<CgroupDir> {
    const known = this.cgroups.get(id);
    if (known !== undefined) return known;
    const pid = (await this.docker.getContainer(id).inspect()).State.Pid;
    if (!pid) throw new NotRunningError(`container ${id.slice(0, 12)} is not running`);
    const found = await memoryCgroupOf(pid);
    this.cgroups.set(id, found);
    return found;
  }
}
