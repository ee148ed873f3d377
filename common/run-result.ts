import type { InternalErrorCulprit } from './verdict.js';

/**
 * How a one-off run (the "Run" button: the student's program, once, on their own stdin) ended. It is not a
 * verdict: nothing is compared, so there is no AC or WA. The first that applies wins: compile_error, then
 * internal_error, time_limit, memory_limit, output_limit, runtime_error, ok.
 */
export const RUN_STATUSES = [
  'ok',
  'compile_error',
  'time_limit',
  'memory_limit',
  'output_limit',
  'runtime_error',
  'internal_error',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Most stdout kept in a RunResult, bytes (the rest is cut with a note). */
export const RUN_STDOUT_BYTES = 64 * 1024;
/** Most stderr kept in a RunResult, bytes. */
export const RUN_STDERR_BYTES = 16 * 1024;

/** The outcome of a one-off run, stored at redisKeys().run(id) (field `result`, JSON). */
export interface RunResult {
  status: RunStatus;
  /** The program's stdout, UTF-8, truncated to RUN_STDOUT_BYTES. Empty when it did not run. */
  stdout: string;
  /** The program's stderr, UTF-8, truncated to RUN_STDERR_BYTES. */
  stderr: string;
  /** Compiler output (stdout and stderr merged), truncated. Present when a compile step ran. */
  compileOutput?: string;
  /** Exit status when the program exited on its own, else null. */
  exitCode: number | null;
  /** Name of the signal that killed it (e.g. `SIGSEGV`), else null. */
  signal: string | null;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** For people: why this status (the limit hit, the signal's meaning); absent for a plain `ok`. */
  message?: string;
  /** Present iff status is internal_error: which component failed. Never the student. */
  internalError?: { culprit: InternalErrorCulprit; message: string };
}
