import { SandboxError } from './sandbox-error.js';
import type { ProcessSpec } from './sandbox-session.js';

/**
 * The sandbox could not start a process of a run: something between fork and exec failed (the supervisor's
 * `<ERRNO> sandbox setup of process <n> (<argv[0]>): <step>: ...`, see executor/sandbox/supervisor-protocol.md).
 * Infrastructure like any SandboxError, except when the submitted program did it to itself
 * (isSelfInflictedStartFailure).
 */
export class ProcessStartError extends SandboxError {
  constructor(
    message: string,
    /** The process that could not be started, as the run asked for it. */
    readonly process: ProcessSpec,
    /** The setup step that failed: `chdir`, `execve`, `setuid`, ... */
    readonly step: string,
    /** The errno name, e.g. `ENOENT`. */
    readonly code: string,
  ) {
    super(message, 'sandbox');
  }
}

/**
 * True when a submitted program made itself impossible to start: a process of user sandbox (only submitted code runs
 * as sandbox) could not enter its working directory, or execute a file named by a path (`./main`). Both live in
 * /work, which the program owns: an earlier test case of the same submission deleted its executable or took the
 * permissions of /work away. The container is fine, and another would fail the same way. A toolchain found through
 * PATH (`python3`) that cannot be executed is the image's problem, not the program's.
 */
export function isSelfInflictedStartFailure(error: unknown): error is ProcessStartError {
  if (!(error instanceof ProcessStartError)) return false;
  const { process, step } = error;
  if ((process.user ?? 'sandbox') !== 'sandbox') return false;
  return step === 'chdir' || (step === 'execve' && (process.argv[0] ?? '').includes('/'));
}
