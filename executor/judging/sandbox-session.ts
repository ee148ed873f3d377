/**
 * What the judging core needs from a sandbox: one container, leased for one submission.
 * Declared here, by its user; executor/sandbox/ implements it over the supervisor protocol
 * (see executor/sandbox/supervisor-protocol.md for the exact semantics of each call).
 */

/** Which unprivileged user a file or process belongs to. `root` files live below /judge only. */
export type SandboxOwner = 'root' | 'sandbox' | 'validator';

/** One process of a run. Paths are inside the container. */
export interface ProcessSpec {
  user?: 'sandbox' | 'validator';
  cwd?: string;
  argv: string[];
  env?: Record<string, string>;
  /** A file opened as stdin, or 'pipe' for interactive runs. Default /dev/null. */
  stdin?: string | 'pipe';
  /** A file to create for stdout, or 'pipe'. Default: a scratch file, returned up to `returnStdoutBytes`. */
  stdout?: string | 'pipe';
  /** A file to create for stderr, or 'stdout' to merge. */
  stderr?: string | 'stdout';
  cpuMs: number;
  wallMs?: number;
  memoryKb: number;
  outputKb?: number;
  stackKb?: number;
  maxOpenFiles?: number;
  returnStdoutBytes?: number;
  returnStderrBytes?: number;
}

/** Which limit the sandbox enforced on a process. */
export type LimitHit = 'cpu' | 'wall' | 'memory' | 'output' | null;

/** Facts about one finished process: what happened, never what it means (decideVerdict does that). */
export interface ProcessFacts {
  /** Exit status if the process exited, null if a signal killed it. */
  exitCode: number | null;
  /** Number of the signal that killed it, 0 if it exited. */
  signal: number;
  cpuMs: number;
  wallMs: number;
  /**
   * When the process ended (was reaped), ms since the run started, on the supervisor's clock: tells which of
   * two connected processes (an interactive run) finished first. Absent in facts made by hand.
   */
  endMs?: number;
  memoryKb: number;
  limit: LimitHit;
  stdoutBytes: number;
  stderrBytes: number;
}

export interface RunFacts {
  procs: ProcessFacts[];
  /** Processes the kernel OOM killer killed during the run (container memory ceiling hit). */
  oomKills: number;
  /** Up to returnStdoutBytes of the first process's stdout. */
  stdout: Buffer;
  /** Up to returnStderrBytes of the first process's stderr. */
  stderr: Buffer;
}

/**
 * A leased sandbox. Calls are strictly ordered; an implementation may pipeline them.
 * Every method rejects with SandboxError for an infrastructure failure (never for a program's failure:
 * that is data, in RunFacts).
 */
export interface SandboxSession {
  putFile(path: string, content: Buffer | string, owner: SandboxOwner, mode?: number): Promise<void>;
  makeDir(path: string, owner: SandboxOwner): Promise<void>;
  /** Reads a file below /judge; resolves undefined when it does not exist. */
  getFile(path: string): Promise<Buffer | undefined>;
  removePath(path: string): Promise<void>;
  /** One process, or two connected by pipes (interactive). */
  run(procs: ProcessSpec[]): Promise<RunFacts>;
}
