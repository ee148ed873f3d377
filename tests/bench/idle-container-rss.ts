/**
 * rssMb.idleContainer: the memory a warm sandbox costs while it waits in the pool. A pool of one container
 * judges one submission (so the container is in its steady state: used, then reset), then the container's
 * memory cgroup is read a few times: usage minus page cache (cache is tmpfs contents and file pages the
 * kernel reclaims or that belong to the shared image layers). The supervisor's own VmRSS goes with it.
 *
 * Baseline, same run: a container of the same image running `sleep infinity`, the floor of any container.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { makeFigure, type BenchOutcome } from './bench-figure.js';
import { startBenchPool } from './bench-pool.js';
import { readReferenceSubmission, repoPath } from './bench-repo.js';
import { round, summarize } from './bench-stats.js';
import type { ServiceBenchContext } from './service-bench-context.js';
import { memoryCgroupOf } from '../support/memory-cgroup.js';

export interface IdleContainerRssOptions {
  /** Readings of each container, 200 ms apart; the median is reported. */
  samples: number;
}

/** One reading of a container's memory, bytes. */
interface MemoryReading {
  usage: number;
  cache: number;
  /** Resident memory of the container's first process (the supervisor; `sleep` for the baseline). */
  initRss: number;
}

const GOAL_MB = 10;
const MIB = 1024 * 1024;
/** Lets the reset's freed pages and the kernel's per-cpu counters settle before reading. */
const SETTLE_MS = 1_000;

function statValue(stat: string, key: string): number {
  const match = stat.match(new RegExp(`^${key} (\\d+)$`, 'm'));
  if (match === null) throw new Error(`memory.stat has no ${key}`);
  return Number(match[1]);
}

async function readMemory(pid: number): Promise<MemoryReading> {
  const { dir, version } = await memoryCgroupOf(pid);
  const stat = await readFile(`${dir}/memory.stat`, 'utf8');
  const usage = Number((await readFile(`${dir}/${version === 1 ? 'memory.usage_in_bytes' : 'memory.current'}`, 'utf8')).trim());
  const cache = version === 1 ? statValue(stat, 'total_cache') : statValue(stat, 'file');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const initRss = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? Number.NaN) * 1024;
  return { usage, cache, initRss };
}

/** `samples` readings of a running container, SETTLE_MS after now; medians, MiB. */
async function measureContainer(docker: Docker, id: string, samples: number): Promise<{ uncachedMb: number; usageMb: number; cacheMb: number; initRssMb: number }> {
  const pid = (await docker.getContainer(id).inspect()).State.Pid;
  if (!pid) throw new Error(`container ${id.slice(0, 12)} is not running`);
  await sleep(SETTLE_MS);
  const readings: MemoryReading[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(200);
    readings.push(await readMemory(pid));
  }
  const median = (pick: (r: MemoryReading) => number): number => round(summarize(readings.map(pick)).median / MIB, 2);
  return { uncachedMb: median((r) => r.usage - r.cache), usageMb: median((r) => r.usage), cacheMb: median((r) => r.cache), initRssMb: median((r) => r.initRss) };
}

/** Starts `sleep infinity` in the runtime image with the sandbox's network and memory settings; removed by the cleanup. */
async function startSleepingContainer(ctx: ServiceBenchContext, image: string, poolName: string): Promise<string> {
  const container = await ctx.docker.createContainer({
    Image: image,
    Cmd: ['sleep', 'infinity'],
    // Labelled as the benchmark's own, so that the load watch does not count it as someone else's.
    Labels: { 'juez.role': 'bench-baseline', 'juez.pool': `${poolName}-sleep` },
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', Memory: 1024 ** 3, MemorySwap: 1024 ** 3, ReadonlyRootfs: true, LogConfig: { Type: 'none', Config: {} } },
  });
  ctx.cleanup.defer('removing the sleeping container', async () => {
    await container.remove({ force: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
    });
  });
  await container.start();
  return container.id;
}

export async function measureIdleContainerRss(ctx: ServiceBenchContext, options: IdleContainerRssOptions): Promise<BenchOutcome> {
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const bench = await startBenchPool(ctx.docker, image, ctx.cleanup, { what: 'idle-rss', size: 1, log: ctx.log });
  ctx.ownPools.push(bench.name);
  const submission = await readReferenceSubmission(await readProblemPackage(repoPath('problems', 'hello')), 'python');
  const judged = await bench.judge.judge(ctx.hello, submission);
  if (judged.verdict !== 'AC') throw new Error(`idleContainerRss: hello.py was judged ${judged.verdict}`);
  const [info] = await ctx.docker.listContainers({ filters: { label: [`juez.pool=${bench.name}`] } });
  if (info === undefined) throw new Error(`idleContainerRss: no running container in pool ${bench.name}`);
  const sandbox = await measureContainer(ctx.docker, info.Id, options.samples);
  await bench.pool.stop();

  const sleeping = await measureContainer(ctx.docker, await startSleepingContainer(ctx, image, bench.name), options.samples);
  ctx.log(`idleContainerRss: sandbox ${JSON.stringify(sandbox)}; sleep ${JSON.stringify(sleeping)}`);
  return {
    json: { rssMb: { idleContainer: sandbox.uncachedMb } },
    figures: [
      makeFigure({
        key: 'rssMb.idleContainer',
        unit: 'MiB',
        goal: { direction: 'at-most', value: GOAL_MB },
        measured: sandbox.uncachedMb,
        baseline: { what: '`sleep infinity` container, same image', value: sleeping.uncachedMb, unit: 'MiB' },
        note:
          `memory cgroup usage ${sandbox.usageMb} MiB − cache ${sandbox.cacheMb} MiB, after judging one submission and a reset, ` +
          `median of ${options.samples}; supervisor VmRSS ${sandbox.initRssMb} MiB`,
      }),
    ],
    details: { idleContainerRss: { sandboxMb: sandbox, sleepContainerMb: sleeping, samples: options.samples } },
  };
}
