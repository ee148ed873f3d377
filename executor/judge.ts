import type { JudgeResult } from '../common/judge-result.js';
import type { InternalErrorCulprit } from '../common/verdict.js';
import { InvalidSubmissionError } from './judging/invalid-submission-error.js';
import { checkSubmission, type Submission } from './judging/check-submission.js';
import { judgeSubmission, type JudgeOptions } from './judging/judge-submission.js';
import { SandboxError } from './judging/sandbox-error.js';
import { maxScoreOf } from './judging/grade-groups.js';
import type { ProblemPackage } from '../common/problem/problem.js';
import type { SandboxLease } from './sandbox/container-pool.js';
import {
  inputValidationFailure,
  validateInputs,
  type InputValidationResult,
  type ValidateInputsOptions,
} from './judging/validate-inputs.js';

export { InvalidSubmissionError } from './judging/invalid-submission-error.js';
export type { JudgeOptions, Submission, SubmissionFile } from './judging/judge-submission.js';

/** What the Judge needs from a pool of sandboxes (ContainerPool in production). */
export interface SandboxLeaser {
  acquire(signal?: AbortSignal): Promise<SandboxLease>;
}

export interface JudgeFacadeOptions {
  /** Containers tried per submission before it gets an IE verdict. Default 2. */
  maxAttempts?: number;
  /** Told about every container that failed under a submission (it is discarded and the submission retried). */
  onSandboxFailure?: (error: SandboxError, attempt: number) => void;
}

/**
 * The judging engine as its users see it: one call per submission, over a pool of warm containers.
 * A lease is taken per submission; a container that fails (SandboxError) is discarded, never reused, and
 * the submission is judged again on a fresh one, up to `maxAttempts` containers; then the result is an IE
 * verdict naming the culprit. So `judge` never rejects for infrastructure. It rejects only for a
 * submission that cannot be judged as sent (InvalidSubmissionError, a usage error) and when aborted
 * (with the signal's reason).
 */
export class Judge {
  private readonly maxAttempts: number;

  constructor(
    private readonly pool: SandboxLeaser,
    private readonly options: JudgeFacadeOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 2;
  }

  async judge(problem: ProblemPackage, submission: Submission, options: JudgeOptions = {}): Promise<JudgeResult> {
    // Before leasing: a usage error must not cost a container.
    checkSubmission(submission, options.languages);
    return this.inSandbox(
      'judging',
      options.signal,
      (session) => judgeSubmission(session, problem, submission, options),
      (culprit, message) => internalErrorResult(culprit, message, maxScoreOf(problem)),
    );
  }

  /**
   * Runs the package's input validators on its test inputs in one container (validateInputs; `judge-cli
   * verify` only). Like judge, it never rejects for infrastructure: the result then has an internalError.
   */
  async validateInputs(problem: ProblemPackage, options: ValidateInputsOptions = {}): Promise<InputValidationResult> {
    return this.inSandbox(
      'input validation',
      options.signal,
      (session) => validateInputs(session, problem, options),
      (culprit, message) => inputValidationFailure(problem, culprit, message),
    );
  }

  /**
   * `work` in a leased container, retried on a fresh one when the container fails, up to maxAttempts; then
   * (or when no container can be had, or `work` throws anything else) the result `failed` makes. Rejects only
   * for a usage error (InvalidSubmissionError) and when aborted.
   */
  private async inSandbox<T>(
    what: string,
    signal: AbortSignal | undefined,
    work: (session: SandboxLease['session']) => Promise<T>,
    failed: (culprit: InternalErrorCulprit, message: string) => T,
  ): Promise<T> {
    let failure: SandboxError | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let lease: SandboxLease;
      try {
        lease = await this.pool.acquire(signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // No container to be had (the pool is stopping, or cannot create any): another try would not get one.
        return failed(culpritOf(error), `no sandbox available: ${messageOf(error)}`);
      }
      try {
        const result = await work(lease.session);
        await lease.release();
        return result;
      } catch (error) {
        if (error instanceof SandboxError) {
          await lease.discard();
          failure = error;
          this.options.onSandboxFailure?.(error, attempt);
          if (signal?.aborted) throw signal.reason;
          continue;
        }
        if (error instanceof InvalidSubmissionError || signal?.aborted) {
          // Thrown between calls, with nothing in flight: the container is fine after its usual reset.
          await lease.release();
          throw error;
        }
        // Anything else leaves the container in an unknown state: do not hand it to the next submission.
        await lease.discard();
        // A bug or an unreadable package: deterministic, so another container would not help.
        return failed('executor', `${what} failed: ${messageOf(error)}`);
      }
    }
    const culprit = failure?.culprit ?? 'sandbox';
    const tries = this.maxAttempts === 1 ? 'the sandbox' : `${this.maxAttempts} sandboxes`;
    return failed(culprit, `${tries} failed; last: ${failure?.message ?? 'unknown failure'}`);
  }
}

function culpritOf(error: unknown): InternalErrorCulprit {
  return error instanceof SandboxError ? error.culprit : 'executor';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The JudgeResult of a submission that could not be judged: IE, naming the culprit. */
export function internalErrorResult(culprit: InternalErrorCulprit, message: string, maxScore = 0): JudgeResult {
  return { verdict: 'IE', score: 0, maxScore, internalError: { culprit, message }, tests: [], cpuMs: 0, maxMemoryKb: 0 };
}
