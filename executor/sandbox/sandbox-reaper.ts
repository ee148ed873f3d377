/**
 * Destroys the pool's retired containers. A removal the engine refuses (dockerd gone or restarting) is
 * retried in the background instead of being forgotten: after a Docker restart the pool's dead containers
 * would otherwise stay on the host until the executor itself restarts.
 */
import type { EngineHealth } from './engine-health.js';
import type { PoolSandbox, SandboxFactory, SandboxLogger } from './sandbox-factory.js';

export interface SandboxReaperOptions {
  pool: string;
  factory: SandboxFactory;
  health: EngineHealth;
  log: SandboxLogger;
  /** Pause before retry number `attempt` (0 = the first retry), ms. */
  backoff(attempt: number): number;
  /** Aborted when the pool stops: pending retries make one last attempt and give up. */
  stopping: AbortSignal;
}

export class SandboxReaper {
  private readonly retrying = new Set<Promise<void>>();

  constructor(private readonly options: SandboxReaperOptions) {}

  /** Destroys the container; resolves (never rejects) after the first attempt, retrying in the background. */
  async destroy(sandbox: PoolSandbox): Promise<void> {
    const { factory, health, log, pool } = this.options;
    try {
      await factory.destroy(sandbox);
      health.succeeded();
    } catch (error) {
      log('warn', `cannot destroy sandbox ${sandbox.id} yet (${(error as Error).message}): retrying in the background`, {
        pool,
        containerId: sandbox.id,
      });
      const retry = this.retry(sandbox).finally(() => this.retrying.delete(retry));
      this.retrying.add(retry);
    }
  }

  /** Resolves once every background retry is over (after `stopping` aborted, each makes one last attempt). */
  async settled(): Promise<void> {
    while (this.retrying.size > 0) await Promise.allSettled([...this.retrying]);
  }

  private async retry(sandbox: PoolSandbox): Promise<void> {
    const { factory, health, log, pool, stopping } = this.options;
    for (let attempt = 0; ; attempt++) {
      const last = stopping.aborted; // then it is the next start's leftover (removed by pool name)
      if (!last) await health.pause(this.options.backoff(attempt), stopping);
      try {
        await factory.destroy(sandbox);
        health.succeeded();
        log('info', `destroyed sandbox ${sandbox.id} after ${attempt + 1} retries`, { pool, containerId: sandbox.id });
        return;
      } catch (error) {
        if (last) {
          log('error', `cannot destroy sandbox ${sandbox.id}: ${(error as Error).message}`, { pool, containerId: sandbox.id });
          return;
        }
        health.failed('remove', error);
      }
    }
  }
}
