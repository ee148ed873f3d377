/**
 * ContainerPool while its container engine is gone (dockerd killed or restarting), over an in-memory
 * factory: every container dies at once and every call to the engine fails until it comes back. The real
 * thing, against Docker, is tests/faults/docker-restart.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxError } from '../../executor/judging/sandbox-error.js';
import { ContainerPool } from '../../executor/sandbox/container-pool.js';
import { isEngineUnreachable } from '../../executor/sandbox/engine-health.js';
import type { PoolSandbox, SandboxFactory } from '../../executor/sandbox/sandbox-factory.js';

/** A node connection failure, as dockerode reports it when nothing listens on /var/run/docker.sock. */
function refused(): SandboxError {
  const cause = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED', syscall: 'connect' });
  return new SandboxError(`cannot create a sandbox container: ${cause.message}`, 'sandbox', { cause });
}

class FakeEngine implements SandboxFactory {
  up = true;
  /** Containers that exist on the "host", by id. */
  readonly containers = new Map<string, (reason: SandboxError) => void>();
  created = 0;
  failedCalls = 0;

  async create(): Promise<PoolSandbox> {
    if (!this.up) throw (this.failedCalls++, refused());
    const id = `c${++this.created}`;
    let die!: (reason: SandboxError) => void;
    const closed = new Promise<SandboxError>((resolve) => (die = resolve));
    this.containers.set(id, die);
    const session = { closed, reset: async () => {} } as unknown as PoolSandbox['session'];
    return { id, session };
  }

  async destroy(sandbox: PoolSandbox): Promise<void> {
    if (!this.up) throw (this.failedCalls++, refused());
    this.containers.delete(sandbox.id);
  }

  async removeLeftovers(): Promise<number> {
    return 0;
  }

  /** dockerd dies: every attached stream closes; the containers stay until removed. */
  crash(): void {
    this.up = false;
    for (const die of this.containers.values()) die(new SandboxError('supervisor stream closed (container stopped)', 'sandbox'));
  }
}

let pool: ContainerPool | undefined;
afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

describe('ContainerPool when the container engine goes away', () => {
  it('waits for the engine, says so once, refills by itself and removes the dead containers', async () => {
    const engine = new FakeEngine();
    const lines: { level: string; message: string }[] = [];
    const log = (level: string, message: string): number => lines.push({ level, message });
    pool = new ContainerPool({ name: 'outage', factory: engine, size: 2, backoffMs: [100, 200, 500], log });
    await pool.start();
    const dead = [...engine.containers.keys()];

    engine.crash();
    await new Promise((resolve) => setImmediate(resolve)); // the pool hears of the deaths
    let leased: string | undefined;
    const acquiring = pool.acquire().then((lease) => ((leased = lease.containerId), lease));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // back-offs of 0.1, 0.2, 0.5 s: several failed calls
    expect(leased).toBeUndefined(); // no container to be had: the acquirer waits, it is not failed
    expect(engine.failedCalls).toBeGreaterThanOrEqual(4);
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => line.message)).toEqual([
      expect.stringMatching(/^pool outage: cannot create sandboxes: the container engine is unreachable \(.*ECONNREFUSED.*\); 2 of the pool's sandboxes missing/),
    ]);

    engine.up = true;
    const lease = await acquiring;
    expect(leased).toMatch(/^c[34]$/);
    // The other replacement's back-off was cut short, and the dead containers' removal retried.
    await expect.poll(() => pool?.stats(), { timeout: 1_000 }).toEqual({ size: 2, busy: 1, idle: 1, replacing: 0 });
    await expect.poll(() => dead.filter((id) => engine.containers.has(id)), { timeout: 1_000 }).toEqual([]);
    expect(lines.some((line) => line.level === 'info' && /container engine answers again/.test(line.message))).toBe(true);
    await lease.release();
  });

  it('gives up retrying a removal when it stops, leaving the container to the next start', async () => {
    const engine = new FakeEngine();
    const lines: { level: string; message: string }[] = [];
    pool = new ContainerPool({ name: 'outage', factory: engine, size: 1, log: (level, message) => lines.push({ level, message }) });
    await pool.start();
    engine.crash();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = Date.now();
    await pool.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(engine.containers.size).toBe(1);
    expect(lines.filter((line) => line.level === 'error').at(-1)?.message).toMatch(/^cannot destroy sandbox c1: /);
  });
});

describe('isEngineUnreachable', () => {
  it('recognises connection failures anywhere in the cause chain, and nothing else', () => {
    expect(isEngineUnreachable(refused())).toBe(true);
    const missingSocket = Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT', syscall: 'connect' });
    expect(isEngineUnreachable(new Error('wrapped', { cause: missingSocket }))).toBe(true);
    expect(isEngineUnreachable(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isEngineUnreachable(Object.assign(new Error('(HTTP code 404) no such image'), { statusCode: 404 }))).toBe(false);
    expect(isEngineUnreachable('ECONNREFUSED')).toBe(false);
  });
});
