/**
 * A fixed-size pool of warm sandbox containers, modelled on go-judge's env pool and bullmq's child pool:
 * pre-filled at start; acquire / release (reset in place, destroyed if the reset fails) / discard; a failed
 * container is never put back. Replacements are created off the hot path: an acquirer waits only when no
 * container is idle, and then gets whichever comes back first, a reset one or a new one.
 */
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxSession } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { LeasedSession } from './leased-session.js';
import type { PoolSandbox, SandboxFactory, SandboxLogger } from './sandbox-factory.js';

export interface ContainerPoolOptions {
  /** Unique per executor host: leftovers of this name are removed at start. */
  name: string;
  factory: SandboxFactory;
  /** Containers kept warm. Default: one per CPU. */
  size?: number;
  /** Containers created at once (start and replacements); creation is CPU-heavy. Default 2. */
  createConcurrency?: number;
  /** How long stop() waits for leases to come back before destroying their containers. Default 30 s. */
  stopTimeoutMs?: number;
  log?: SandboxLogger;
}

/** One container, leased for one submission. */
export interface SandboxLease {
  readonly containerId: string;
  /** Usable until release() or discard(); afterwards every call rejects. */
  readonly session: SandboxSession;
  /** Returns the container: reset in place, or destroyed and replaced in the background. Never rejects. */
  release(): Promise<void>;
  /** Destroys the container (the caller no longer trusts it) and replaces it in the background. Never rejects. */
  discard(): Promise<void>;
}

export interface ContainerPoolStats {
  size: number;
  /** Leased, or being reset after a lease. */
  busy: number;
  idle: number;
  /** Being created to replace a destroyed container. */
  replacing: number;
}

interface Member {
  sandbox: PoolSandbox;
  state: 'idle' | 'leased' | 'resetting' | 'retired';
}

interface Waiter {
  resolve(lease: SandboxLease): void;
  reject(error: unknown): void;
}

type PoolState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class ContainerPool {
  readonly name: string;
  readonly size: number;
  private readonly factory: SandboxFactory;
  private readonly createConcurrency: number;
  private readonly stopTimeoutMs: number;
  private readonly log: SandboxLogger;
  private state: PoolState = 'new';
  private readonly members = new Set<Member>();
  private readonly idle: Member[] = [];
  private readonly waiters: Waiter[] = [];
  private replacing = 0;
  /** Creation slots: at most createConcurrency factory.create() calls at once. */
  private creating = 0;
  private readonly slotWaiters: (() => void)[] = [];
  /** Destroys, replacements and resets in flight, awaited by stop(). */
  private readonly background = new Set<Promise<unknown>>();
  /** Destroy promises of retired members, so discard() can wait for its container to be gone. */
  private readonly destroyedOf = new WeakMap<Member, Promise<void>>();
  /** Aborts replacement back-offs when the pool stops. */
  private readonly stopping = new AbortController();
  private stopped: Promise<void> | undefined;
  /** Wakes stop() when a lease comes back. */
  private onLeaseReturned: (() => void) | undefined;

  constructor(options: ContainerPoolOptions) {
    this.name = options.name;
    this.factory = options.factory;
    this.size = options.size ?? cpus().length;
    this.createConcurrency = options.createConcurrency ?? 2;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    this.log = options.log ?? (() => {});
    if (!Number.isInteger(this.size) || this.size < 1) throw new RangeError(`pool size must be >= 1, got ${this.size}`);
  }

  /**
   * Removes leftovers of this pool's name, then creates every container. Rejects (after removing what it
   * created) if any container cannot be started: a pool that cannot fill at boot is misconfigured.
   */
  start(): Promise<void> {
    if (this.state !== 'new') {
      return Promise.reject(new SandboxError(`pool ${this.name} was already started`, 'executor'));
    }
    this.state = 'starting';
    const starting = this.fill();
    this.track(starting.catch(() => {})); // stop() during start() waits for it to clean up
    return starting;
  }

  private async fill(): Promise<void> {
    const removed = await this.factory.removeLeftovers(this.name);
    if (removed > 0) this.log('warn', `removed ${removed} leftover container(s) of pool ${this.name}`, { pool: this.name });
    const created = await Promise.allSettled(Array.from({ length: this.size }, () => this.createInSlot()));
    const sandboxes = created.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = created.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure || this.state !== 'starting') {
      this.state = 'stopped';
      await Promise.all(sandboxes.map((sandbox) => this.destroyQuietly(sandbox)));
      if (!failure) throw new SandboxError(`pool ${this.name} was stopped while starting`, 'executor');
      const reason = failure.reason as Error;
      throw new SandboxError(`pool ${this.name} could not start: ${reason.message}`, 'sandbox', { cause: reason });
    }
    this.state = 'running';
    for (const sandbox of sandboxes) this.adopt(sandbox);
  }

  /** Leases an idle container, waiting in FIFO order when all are busy. Rejects if aborted or stopped. */
  acquire(signal?: AbortSignal): Promise<SandboxLease> {
    if (this.state !== 'running') {
      return Promise.reject(new SandboxError(`pool ${this.name} is not running (${this.state})`, 'executor'));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const member = this.idle.shift();
    if (member) return Promise.resolve(this.lease(member));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: (lease) => (signal?.removeEventListener('abort', onAbort), resolve(lease)),
        reject: (error) => (signal?.removeEventListener('abort', onAbort), reject(error)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  stats(): ContainerPoolStats {
    let busy = 0;
    for (const member of this.members) if (member.state === 'leased' || member.state === 'resetting') busy++;
    return { size: this.size, busy, idle: this.idle.length, replacing: this.replacing };
  }

  /**
   * Refuses new acquisitions, waits up to stopTimeoutMs for leases to come back, then destroys every
   * container, including replacements still being created.
   */
  stop(): Promise<void> {
    this.stopped ??= this.drainAndDestroy();
    return this.stopped;
  }

  private async drainAndDestroy(): Promise<void> {
    this.state = 'stopping';
    this.stopping.abort();
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new SandboxError(`pool ${this.name} is stopping`, 'executor'));
    }
    const deadline = Date.now() + this.stopTimeoutMs;
    while (this.stats().busy > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.onLeaseReturned = resolve;
        setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
      });
    }
    if (this.stats().busy > 0) this.log('warn', `pool ${this.name}: leases still out after ${this.stopTimeoutMs} ms`);
    for (const member of [...this.members]) this.retire(member, 'pool stopped', 'quiet');
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
    this.state = 'stopped';
  }

  private lease(member: Member): SandboxLease {
    member.state = 'leased';
    const session = new LeasedSession(member.sandbox.session);
    const finish = async (reset: boolean): Promise<void> => {
      if (!session.end()) return; // already released or discarded
      if (member.state !== 'leased') return; // died while leased: already retired
      if (!reset) return this.retire(member, 'discarded by its lease holder', 'info');
      member.state = 'resetting';
      try {
        await this.track(member.sandbox.session.reset());
      } catch (error) {
        this.retire(member, `reset failed: ${(error as Error).message}`, 'warn');
        return;
      } finally {
        this.onLeaseReturned?.();
      }
      if (member.state !== 'resetting') return; // died during the reset
      if (this.state !== 'running') return this.retire(member, 'pool stopping', 'quiet');
      this.makeAvailable(member);
    };
    return {
      containerId: member.sandbox.id,
      session,
      release: () => finish(true),
      discard: async () => {
        await finish(false);
        await this.destroyedOf.get(member);
      },
    };
  }

  private adopt(sandbox: PoolSandbox): void {
    const member: Member = { sandbox, state: 'idle' };
    this.members.add(member);
    void sandbox.session.closed.then((reason) => {
      if (member.state === 'retired') return;
      this.retire(member, `died: ${reason.message}`, 'warn');
    });
    this.makeAvailable(member);
  }

  private makeAvailable(member: Member): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(this.lease(member));
    else {
      member.state = 'idle';
      this.idle.push(member);
    }
  }

  /** Takes a member out for good: destroys it and, while running, creates its replacement in the background. */
  private retire(member: Member, why: string, level: 'info' | 'warn' | 'quiet'): void {
    if (member.state === 'retired') return;
    const wasBusy = member.state === 'leased' || member.state === 'resetting';
    member.state = 'retired';
    this.members.delete(member);
    const index = this.idle.indexOf(member);
    if (index !== -1) this.idle.splice(index, 1);
    if (level !== 'quiet') {
      this.log(level, `retiring sandbox ${member.sandbox.id}: ${why}`, { pool: this.name, containerId: member.sandbox.id });
    }
    this.destroyedOf.set(member, this.track(this.destroyQuietly(member.sandbox)));
    if (wasBusy) this.onLeaseReturned?.();
    if (this.state === 'running') void this.track(this.replace());
  }

  private async replace(): Promise<void> {
    this.replacing++;
    try {
      for (let attempt = 0; this.state === 'running'; attempt++) {
        try {
          const sandbox = await this.createInSlot();
          if (this.state === 'running') this.adopt(sandbox);
          else await this.destroyQuietly(sandbox);
          return;
        } catch (error) {
          const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
          this.log('error', `pool ${this.name}: replacement failed (${(error as Error).message}); retrying in ${delay} ms`);
          await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => {});
        }
      }
    } finally {
      this.replacing--;
    }
  }

  private async createInSlot(): Promise<PoolSandbox> {
    while (this.creating >= this.createConcurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.creating++;
    try {
      return await this.factory.create(this.name);
    } finally {
      this.creating--;
      this.slotWaiters.shift()?.();
    }
  }

  private async destroyQuietly(sandbox: PoolSandbox): Promise<void> {
    try {
      await this.factory.destroy(sandbox);
    } catch (error) {
      this.log('error', `cannot destroy sandbox ${sandbox.id}: ${(error as Error).message}`, { pool: this.name });
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.background.add(promise);
    const forget = (): void => void this.background.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}
