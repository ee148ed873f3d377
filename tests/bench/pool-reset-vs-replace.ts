/**
 * Measures, on this machine, what returning a container to the pool costs: RESET in place (the supervisor
 * cleans and verifies) versus destroying the container and starting a new one up to READY. The figures
 * decide the pool's strategy: reset in place, destroy only when verification fails.
 *
 *   npm run build && node dist/tests/bench/pool-reset-vs-replace.js [--json] [--n 20]
 */
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import type { SandboxSession } from '../../executor/judging/sandbox-session.js';
import type { PoolSandbox } from '../../executor/sandbox/sandbox-factory.js';
import { DockerSandboxFactory } from '../../executor/sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';

interface Figures {
  median: number;
  p99: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

function summarize(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { median: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

/** What a typical submission leaves behind: sources, build output, temp files, a stray child. */
async function dirty(session: SandboxSession): Promise<void> {
  await session.putFile('/work/main.c', 'int main(void) { return 0; }\n', 'sandbox');
  await session.run([
    {
      argv: ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8; do echo x > /work/f$i; echo y > /tmp/t$i; done; echo z > /dev/shm/s; (sleep 30 &)'],
      env: { PATH: '/usr/bin:/bin' },
      cpuMs: 1000,
      memoryKb: 65536,
    },
  ]);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const nIndex = process.argv.indexOf('--n');
  const n = nIndex === -1 ? 20 : Number(process.argv[nIndex + 1]);
  const log = (line: string): void => {
    if (!json) console.error(line);
  };

  const docker = new Docker();
  const image = await ensureRuntimeImage({ docker, onLog: log });
  const factory = new DockerSandboxFactory({ docker, image });
  const poolName = `bench-${randomBytes(4).toString('hex')}`;
  let sandbox: PoolSandbox | undefined;
  try {
    sandbox = await factory.create(poolName);
    const resetMs: number[] = [];
    for (let i = 0; i < n + 1; i++) {
      await dirty(sandbox.session);
      const start = performance.now();
      await sandbox.session.reset();
      if (i > 0) resetMs.push(performance.now() - start); // the first one warms caches
    }
    log(`reset: ${resetMs.map((ms) => ms.toFixed(1)).join(' ')}`);

    const replaceMs: number[] = [];
    for (let i = 0; i < n; i++) {
      await dirty(sandbox.session);
      const start = performance.now();
      const old: PoolSandbox = sandbox;
      sandbox = undefined;
      await factory.destroy(old);
      sandbox = await factory.create(poolName);
      replaceMs.push(performance.now() - start);
    }
    log(`replace: ${replaceMs.map((ms) => ms.toFixed(0)).join(' ')}`);

    const figures = { resetMs: summarize(resetMs), replaceMs: summarize(replaceMs) };
    if (json) {
      console.log(JSON.stringify(figures));
    } else {
      console.log(`| operation (N=${n}) | median ms | p99 ms |`);
      console.log('|---|---:|---:|');
      console.log(`| RESET in place + verify | ${figures.resetMs.median} | ${figures.resetMs.p99} |`);
      console.log(`| destroy + create + start + READY | ${figures.replaceMs.median} | ${figures.replaceMs.p99} |`);
    }
  } finally {
    if (sandbox) await factory.destroy(sandbox);
    await factory.removeLeftovers(poolName);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
