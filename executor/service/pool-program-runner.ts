import type { RunResult } from '../../common/run-result.js';
import { InvalidSubmissionError } from '../judging/invalid-submission-error.js';
import { runProgram } from '../judging/run-program.js';
import { SandboxError } from '../judging/sandbox-error.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import type { SandboxLease } from '../sandbox/container-pool.js';
import { internalErrorRun, type JudgeSubmission, type ProgramRunner } from './task-processor.js';

/** What the runner needs from the container pool. */
export interface SandboxLeaser {
  acquire(signal?: AbortSignal): Promise<SandboxLease>;
}

/**
 * One-off runs in the warm container pool, with the same container policy as the Judge: a container
 * that fails is discarded (never reused) and the run tried on another, up to `maxAttempts`; then the run
 * ends as internal_error naming the culprit. Rejects only for a run that cannot be run as sent
 * (InvalidSubmissionError: unknown language, bad file name) and when aborted (with the signal's reason).
 */
export class PoolProgramRunner implements ProgramRunner {
  constructor(
    private readonly pool: SandboxLeaser,
    private readonly maxAttempts = 2,
  ) {}

  async run(problem: ProblemPackage, submission: JudgeSubmission, stdin: string, signal: AbortSignal): Promise<RunResult> {
    let failure: SandboxError | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let lease: SandboxLease;
      try {
        lease = await this.pool.acquire(signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const culprit = error instanceof SandboxError ? error.culprit : 'executor';
        return internalErrorRun(culprit, `no sandbox available: ${(error as Error).message}`);
      }
      try {
        const result = await runProgram(lease.session, { submission, stdin, limits: problem.limits, signal });
        await lease.release();
        return result;
      } catch (error) {
        if (signal.aborted && !(error instanceof SandboxError)) {
          // Stopped between sandbox calls: the container is fine after its usual reset.
          await lease.release();
          throw signal.reason;
        }
        if (error instanceof SandboxError) {
          await lease.discard();
          failure = error;
          continue;
        }
        if (error instanceof InvalidSubmissionError) {
          // Thrown before anything ran: the container is fine. A usage error, for the caller to report.
          await lease.release();
          throw error;
        }
        await lease.discard();
        return internalErrorRun('executor', `running failed: ${(error as Error).message}`);
      }
    }
    const culprit = failure?.culprit ?? 'sandbox';
    return internalErrorRun(culprit, `${this.maxAttempts} sandboxes failed; last: ${failure?.message ?? 'unknown failure'}`);
  }
}
