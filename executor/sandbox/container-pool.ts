/**
 * A fixed-size pool of warm sandbox containers, modelled on go-judge's env pool and bullmq's child pool:
 * pre-filled at start; acquire / release (reset in place, destroyed if the reset fails) / discard; a failed
 * container is never put back. Replacements are created off the hot path: an acquirer waits only when no
 * container is idle, and then gets whichever comes back first, a reset one or a new one.
 */
import { cpus } from 'node:os';
import type { SandboxSession } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { EngineHealth } from './engine-health.js';
import { LeasedSession } from './leased-session.js';
import type { PoolSandbox, SandboxFactory, SandboxLogger } from './sandbox-factory.js';
import { SandboxReaper } from './sandbox-reaper.js';

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
  /** Pauses between failed creations (or removals) of a container, ms; the last one repeats. Default 1, 2, 5, 10 s. */
  backoffMs?: readonly number[];
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

/**
 * Pauses between failed creations (or removals) of one container. Short at the top: a failing call to a
 * dead engine costs nothing, and EngineHealth wakes every pause as soon as one call succeeds again.
 */
const BACKOFF_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000];

export class ContainerPool {
  readonly name: string;
  readonly size: number;
  private readonly factory: SandboxFactory;
  private readonly createConcurrency: number;
  private readonly stopTimeoutMs: number;
  private readonly backoffMs: readonly number[];
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
  /** Failure streaks of the container engine: one clear log line instead of one per call; wakes back-offs. */
  private readonly health: EngineHealth;
  private readonly reaper: SandboxReaper;

  constructor(options: ContainerPoolOptions) {
    this.name = options.name;
    this.factory = options.factory;
    this.size = options.size ?? cpus().length;
    this.createConcurrency = options.createConcurrency ?? 2;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    this.backoffMs = options.backoffMs?.length ? options.backoffMs : BACKOFF_MS;
    this.log = options.log ?? (() => {});
    this.health = new EngineHealth(this.name, this.log, () => this.replacing);
    this.reaper = new SandboxReaper({
      pool: this.name,
      factory: this.factory,
      health: this.health,
      log: this.log,
      backoff: (attempt) => this.backoff(attempt),
      stopping: this.stopping.signal,
    });
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
      this.stopping.abort(); // a removal the engine refuses is left to the next start, not retried forever
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
    await this.reaper.settled();
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

  /**
   * Creates a container in place of a retired one, retrying with back-off for as long as the pool runs:
   * when the engine is gone (dockerd restarting), acquirers simply wait for the replacements.
   */
  private async replace(): Promise<void> {
    this.replacing++;
    try {
      for (let attempt = 0; this.state === 'running'; attempt++) {
        let sandbox: PoolSandbox;
        try {
          sandbox = await this.createInSlot();
        } catch (error) {
          this.health.failed('create', error);
          await this.health.pause(this.backoff(attempt), this.stopping.signal);
          continue;
        }
        this.health.succeeded();
        if (this.state === 'running') this.adopt(sandbox);
        else await this.destroyQuietly(sandbox);
        return;
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

  /** Never rejects; a container the engine refuses to remove now is retried by the reaper in the background. */
  private destroyQuietly(sandbox: PoolSandbox): Promise<void> {
    return this.reaper.destroy(sandbox);
  }

  private backoff(attempt: number): number {
    return this.backoffMs[Math.min(attempt, this.backoffMs.length - 1)]!;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.background.add(promise);
    const forget = (): void => void this.background.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}
