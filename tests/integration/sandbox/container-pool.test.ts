import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxError } from '../../../executor/judging/sandbox-error.js';
import type { ContainerPool } from '../../../executor/sandbox/container-pool.js';
import {
  compileC,
  containersOf,
  docker,
  makeFactory,
  makePool,
  removeContainersOf,
  runProgram,
  runtimeImage,
  uniquePoolName,
} from './sandbox-fixture.js';
import { FIND_TRACES, LEAVE_TRACES } from './trace-programs.js';

/** Every pool this file created, stopped and swept in afterAll even when a test failed half way. */
const pools: { name: string; pool: ContainerPool }[] = [];

async function startPool(what: string, size = 1): Promise<{ name: string; pool: ContainerPool }> {
  const name = uniquePoolName(what);
  const pool = await makePool(name, { size });
  pools.push({ name, pool });
  await pool.start();
  return { name, pool };
}

/** Waits until the pool is back to full strength with every container idle. */
async function settled(pool: ContainerPool, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const stats = pool.stats();
    if (stats.idle === stats.size && stats.replacing === 0) return;
    await sleep(100);
  }
  throw new Error(`pool did not settle: ${JSON.stringify(pool.stats())}`);
}

afterAll(async () => {
  for (const { name, pool } of pools) {
    await pool.stop();
    await removeContainersOf(name);
  }
}, 120_000);

const ADD = String.raw`
#include <stdio.h>
int main(void) {
  long a, b;
  if (scanf("%ld %ld", &a, &b) != 2) return 2;
  printf("%ld\n", a + b);
  /* The test data belongs to the judge: the program must not be able to read it by name. */
  FILE *f = fopen("/judge/data/1.in", "r");
  fprintf(stderr, f ? "judge data readable\n" : "judge data hidden\n");
  return 0;
}
`;

describe('ContainerPool on Docker', () => {
  it('starts full and runs a C program compiled in the sandbox', async () => {
    const { name, pool } = await startPool('c-program', 2);
    expect(pool.stats()).toEqual({ size: 2, busy: 0, idle: 2, replacing: 0 });
    const ours = await containersOf(name);
    expect(ours).toHaveLength(2);
    expect(ours.every((c) => c.Labels['juez.role'] === 'sandbox' && c.Labels['juez.pool'] === name)).toBe(true);

    const lease = await pool.acquire();
    expect(pool.stats()).toMatchObject({ busy: 1, idle: 1 });
    await compileC(lease.session, 'add', ADD);
    await lease.session.makeDir('/judge/data', 'root');
    await lease.session.putFile('/judge/data/1.in', '40 2\n', 'root');
    const facts = await runProgram(lease.session, 'add', { stdin: '/judge/data/1.in' });
    expect(facts.procs[0]).toMatchObject({ exitCode: 0, signal: 0, limit: null });
    expect(facts.stdout.toString()).toBe('42\n');
    expect(facts.stderr.toString()).toBe('judge data hidden\n');
    expect(facts.procs[0]!.cpuMs).toBeLessThan(1000);
    await lease.release();
    expect(pool.stats()).toEqual({ size: 2, busy: 0, idle: 2, replacing: 0 });
    await expect(lease.session.run([{ argv: ['true'], cpuMs: 100, memoryKb: 1024 }])).rejects.toThrow(
      /after its lease was released/,
    );
  });

  it('resets a released container so the next submission finds no trace of the previous one', async () => {
    const { pool } = await startPool('no-trace', 1);

    const first = await pool.acquire();
    await compileC(first.session, 'leave', LEAVE_TRACES);
    const left = await runProgram(first.session, 'leave');
    const wrote = left.stdout.toString();
    expect(wrote).toContain('done');
    // The test only means something if the first submission did leave traces where it could.
    for (const where of ['/work/juez-trace', '/tmp/juez-trace', '/dev/shm/juez-trace', '/dev/mqueue/juez-trace']) {
      expect(wrote).toContain(`wrote ${where}\n`);
    }
    for (const what of ['mq /juez-trace-q', 'shm', 'sem', 'msg', 'daemon started']) expect(wrote).toContain(`${what}\n`);
    // ...and could not write anywhere else.
    for (const where of ['/var/tmp', '/judge', '/run', '/home', '/etc', '/usr/local/bin', '/juez-trace']) {
      expect(wrote).not.toContain(`wrote ${where}/`);
    }
    // Control: the detector does see those traces when nothing cleans up (else CLEAN below proves nothing).
    await compileC(first.session, 'find', FIND_TRACES);
    const seen = (await runProgram(first.session, 'find')).stdout.toString();
    for (const trace of ['file /work/juez-trace', 'file /tmp/.juez-hidden', 'file /dev/shm/juez-trace-dir', 'file /dev/mqueue/juez-trace-q', 'file /tmp/juez-daemon-alive', 'sysv-ipc /proc/sysvipc/shm', 'sysv-ipc /proc/sysvipc/sem', 'sysv-ipc /proc/sysvipc/msg']) {
      expect(seen).toContain(`TRACE ${trace}\n`);
    }
    await first.release();

    const second = await pool.acquire();
    expect(second.containerId).toBe(first.containerId); // reset in place, not replaced
    await compileC(second.session, 'find', FIND_TRACES);
    const found = await runProgram(second.session, 'find');
    expect(found.stdout.toString()).toBe('CLEAN\n');
    await second.release();
  });

  it('replaces a container killed from outside and keeps serving', async () => {
    const { pool } = await startPool('killed', 1);
    const idle = await pool.acquire();
    const killedWhileIdle = idle.containerId;
    await idle.release();
    await docker.getContainer(killedWhileIdle).kill();
    await settled(pool);

    const leased = await pool.acquire();
    expect(leased.containerId).not.toBe(killedWhileIdle);
    await docker.getContainer(leased.containerId).kill();
    await expect(leased.session.run([{ argv: ['true'], cpuMs: 100, memoryKb: 1024 }])).rejects.toThrow(SandboxError);
    await leased.release(); // never rejects, even for a dead container

    const next = await pool.acquire();
    expect(next.containerId).not.toBe(leased.containerId);
    const facts = await next.session.run([{ argv: ['echo', 'alive'], env: { PATH: '/usr/bin:/bin' }, cpuMs: 500, memoryKb: 65536, returnStdoutBytes: 100 }]);
    expect(facts.stdout.toString()).toBe('alive\n');
    await next.release();
    await settled(pool);
  });

  it('destroys a container whose reset fails and replaces it off the hot path', async () => {
    const { pool } = await startPool('bad-reset', 2);
    const poisoned = await pool.acquire();
    // Deeper than the supervisor will descend (200 levels): RESET cannot verify /work is empty and says so.
    const facts = await poisoned.session.run([
      {
        argv: ['bash', '-c', 'd=/work; for i in $(seq 250); do d=$d/a; done; mkdir -p $d && echo made'],
        env: { PATH: '/usr/bin:/bin' },
        cpuMs: 2000,
        memoryKb: 65536,
        returnStdoutBytes: 100,
      },
    ]);
    expect(facts.stdout.toString()).toBe('made\n');
    const other = await pool.acquire(); // the pool's second container, free all along
    await poisoned.release();
    // The reset failed, so the container is gone and a replacement is being made; the other container
    // serves without waiting for it.
    expect(pool.stats()).toMatchObject({ busy: 1, idle: 0, replacing: 1 });
    await other.release();
    const next = await pool.acquire();
    expect(next.containerId).toBe(other.containerId);
    expect(pool.stats().replacing).toBe(1);
    await next.release();
    await settled(pool);
    expect((await docker.listContainers({ all: true, filters: { id: [poisoned.containerId] } })).length).toBe(0);
  });

  it('discards a container on request and replaces it', async () => {
    const { name, pool } = await startPool('discard', 1);
    const lease = await pool.acquire();
    await lease.discard();
    expect((await containersOf(name)).map((c) => c.Id.slice(0, 12))).not.toContain(lease.containerId);
    const next = await pool.acquire();
    expect(next.containerId).not.toBe(lease.containerId);
    await next.release();
  });

  it('serves waiting acquirers in FIFO order and honours abort signals', async () => {
    const { pool } = await startPool('fifo', 1);
    const held = await pool.acquire();
    const order: string[] = [];
    const first = pool.acquire().then((lease) => (order.push('first'), lease));
    const aborter = new AbortController();
    const aborted = pool.acquire(aborter.signal);
    const third = pool.acquire().then((lease) => (order.push('third'), lease));
    aborter.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    await held.release();
    await (await first).release();
    await (await third).release();
    expect(order).toEqual(['first', 'third']);
  });

  it('removes leftovers of its own pool name on start, and no other pool’s', async () => {
    const name = uniquePoolName('leftovers');
    const other = uniquePoolName('bystander');
    const image = await runtimeImage();
    const labels = (pool: string) => ({ 'juez.role': 'sandbox', 'juez.pool': pool });
    const stale = await docker.createContainer({ Image: image, Labels: labels(name) }); // never started
    const crashed = await (await makeFactory()).create(name); // running, its owner "crashed"
    const bystander = await docker.createContainer({ Image: image, Labels: labels(other) });
    try {
      const pool = await makePool(name, { size: 1 });
      pools.push({ name, pool });
      await pool.start();
      const ids = (await containersOf(name)).map((c) => c.Id);
      expect(ids).toHaveLength(1);
      expect(ids).not.toContain(stale.id);
      expect(ids.map((id) => id.slice(0, 12))).not.toContain(crashed.id);
      await expect(crashed.session.closed).resolves.toBeInstanceOf(SandboxError);
      expect((await containersOf(other)).map((c) => c.Id)).toEqual([bystander.id]);
    } finally {
      await bystander.remove({ force: true });
    }
  });

  it('stop() waits for leases, then leaves no container behind', async () => {
    const { name, pool } = await startPool('stop', 2);
    const lease = await pool.acquire();
    let stopped = false;
    const stopping = pool.stop().then(() => (stopped = true));
    await expect(pool.acquire()).rejects.toThrow(SandboxError);
    await sleep(300);
    expect(stopped).toBe(false);
    await lease.release();
    await stopping;
    expect(await containersOf(name)).toEqual([]);
    expect(pool.stats()).toMatchObject({ busy: 0, idle: 0, replacing: 0 });
  });
});
