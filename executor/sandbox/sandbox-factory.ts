/**
 * What ContainerPool needs from a container backend, declared by the pool's side so the pool never sees
 * Docker. DockerSandboxFactory implements it.
 */
import type { SandboxSession } from '../judging/sandbox-session.js';
import type { SandboxError } from '../judging/sandbox-error.js';

/** A started container whose supervisor said READY. */
export interface PoolSandbox {
  readonly id: string;
  readonly session: SandboxSession & {
    /** Cleans for the next submission and verifies; rejects when something was left behind. */
    reset(): Promise<void>;
    /** Settles (never rejects) when the container or its supervisor stream dies. */
    readonly closed: Promise<SandboxError>;
  };
}

/** What the pool needs from a container backend (DockerSandboxFactory in production). */
export interface SandboxFactory {
  create(poolName: string): Promise<PoolSandbox>;
  /** Kills and removes; tolerates an already gone container. */
  destroy(sandbox: PoolSandbox): Promise<void>;
  /** Removes containers of this pool left by a crashed predecessor; returns how many. */
  removeLeftovers(poolName: string): Promise<number>;
}

export type SandboxLogger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
