import type { Logger } from 'pino';
import type { JudgeProgress, JudgeResult } from '../../common/judge-result.js';
import type { RunResult } from '../../common/run-result.js';
import type { Lane } from '../../common/submission.js';
import type { TaskMessage } from '../../common/task-message.js';
import type { InternalErrorCulprit } from '../../common/verdict.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { DiskFullError } from './disk-full-error.js';
import { PackageError } from './package-error.js';
import { ProgressReporter, type Progress } from './progress-reporter.js';
import { retryWhileUnavailable } from './retry-while-unavailable.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

/** The submitted program, as the engine takes it. */
export interface JudgeSubmission {
  languageId: string;
  files: { name: string; content: string }[];
}

/** What the service needs from the judging engine (executor/judge.ts). Never rejects for infrastructure. */
export interface SubmissionJudge {
  judge(
    problem: ProblemPackage,
    submission: JudgeSubmission,
    options: { onProgress?: (progress: JudgeProgress) => void; signal?: AbortSignal },
  ): Promise<JudgeResult>;
}

/** Runs a program once on custom stdin (the "Run" button). Never rejects for infrastructure. */
export interface ProgramRunner {
  run(problem: ProblemPackage, submission: JudgeSubmission, stdin: string, signal: AbortSignal): Promise<RunResult>;
}

/** Problem packages by content hash (PackageCache). Rejects with PackageError for a bad package. */
export interface ProblemPackages {
  /** The package, kept available (not evicted) until released. */
  acquire(hash: string): Promise<{ readonly problem: ProblemPackage; release(): void }>;
}

/** Why a task is not judged: its record is final, cancelled, of a newer round, or gone. */
export type SkipReason = 'final' | 'cancelled' | 'stale' | 'missing';
export type StartOutcome = { start: true } | { start: false; reason: SkipReason };

/** A finished job, as stored with its verdict and recorded for statistics. */
export interface FinishedJob<R> {
  id: string;
  round: number;
  lane: Lane;
  executor: string;
  result: R;
  /** ms since epoch: when the dispatcher published the task (response time is measured from it). */
  publishedAt: number;
  /** ms since epoch: when this executor started processing it (service time is measured from it). */
  startedAt: number;
  cpuMs: number;
}

/**
 * Submission records (RedisVerdictStore). Every method enforces ALLOWED_TRANSITIONS atomically and may
 * reject with StoreUnavailableError; all are idempotent.
 */
export interface SubmissionVerdicts {
  startJudging(id: string, round: number, executor: string): Promise<StartOutcome>;
  reportProgress(id: string, round: number, executor: string, progress: Progress): Promise<void>;
  /** Stores the verdict exactly once: 'skip' when the record is already final or of another round. */
  finish(job: FinishedJob<JudgeResult>): Promise<'stored' | 'skip'>;
}

/** One-off run records (RedisVerdictStore). */
export interface RunRecords {
  startRun(id: string, executor: string): Promise<StartOutcome>;
  finishRun(job: FinishedJob<RunResult>): Promise<'stored' | 'skip'>;
}

/** What to do with the message once processing is over. */
export type TaskOutcome = 'ack' | 'requeue';

export interface Delivery {
  /** 1 for the first delivery. */
  attempt: number;
  /** No redelivery follows this one: the broker dead-letters the task if it is returned. */
  last: boolean;
  /** Aborted when the executor gives up on in-flight work (shutdown past its grace period). */
  signal: AbortSignal;
}

export interface TaskProcessorOptions {
  executor: string;
  verdicts: SubmissionVerdicts;
  runs: RunRecords;
  packages: ProblemPackages;
  judge: SubmissionJudge;
  runner: ProgramRunner;
  log: Logger;
  /** How long a verdict that cannot be stored is retried before the task is returned, ms. */
  storeRetryMs: number;
  /** How long a package that does not fit on the disk is retried before the task is returned, ms. Default 30 s. */
  diskRetryMs?: number;
  /** Told about every result stored (for the heartbeat's counts). */
  onStored?(kind: 'submission' | 'run', internalError: boolean): void;
}

/**
 * IE culprits that blame this host (its Docker, its image, itself): another executor, or a later attempt,
 * may well succeed, so the task is returned while deliveries remain. A bad package or validator fails the
 * same way everywhere, so those IEs are final at once.
 */
const HOST_CULPRITS: ReadonlySet<InternalErrorCulprit> = new Set(['sandbox', 'image', 'executor']);

/**
 * Judges one validated task from start to stored verdict, and says whether to ack or return it.
 * Never rejects: a failure of this executor's infrastructure is the outcome 'requeue'.
 */
export class TaskProcessor {
  constructor(private readonly options: TaskProcessorOptions) {}

  async process(task: TaskMessage, delivery: Delivery): Promise<TaskOutcome> {
    const log = this.options.log.child({ ...logId(task.kind, task.id), lane: task.lane, round: task.round, attempt: delivery.attempt });
    try {
      return task.kind === 'run' ? await this.processRun(task, delivery, log) : await this.processSubmission(task, delivery, log);
    } catch (error) {
      // Infrastructure of this executor failed (Redis gone for too long, a full disk, Docker): return the
      // task. The broker's delivery limit bounds the attempts; the dead-letter handler then gives the IE.
      if (error instanceof StoreUnavailableError) log.warn({ err: error }, 'verdict store unavailable: returning the task');
      else if (!(error instanceof DiskFullError)) log.error({ err: error }, 'task failed on this executor: returning it'); // logged already
      return 'requeue';
    }
  }

  private async processSubmission(task: TaskMessage, delivery: Delivery, log: Logger): Promise<TaskOutcome> {
    const { executor, verdicts } = this.options;
    const started = await this.store(() => verdicts.startJudging(task.id, task.round, executor), delivery, log);
    if (!started.start) {
      log.info({ reason: started.reason }, 'not judging: the submission does not need it');
      return 'ack';
    }
    const startedAt = Date.now();
    const lease = await this.acquirePackage(task, delivery, log);
    let result: JudgeResult;
    /** The result is final whatever it blames: a bad package, or a submission the engine refused. */
    let final = false;
    if ('failure' in lease) {
      result = internalErrorResult(lease.failure.culprit, lease.failure.message);
      final = true;
    } else {
      const progress = new ProgressReporter((p) => verdicts.reportProgress(task.id, task.round, executor, p), log);
      try {
        result = await this.options.judge.judge(lease.problem, submissionOf(task), {
          onProgress: (p) => progress.report(p),
          signal: delivery.signal,
        });
      } catch (error) {
        // The engine rejects only for usage errors (a submission it cannot take): final, not retried.
        log.error({ err: error }, 'the engine refused the submission');
        result = internalErrorResult('executor', `the judge refused the task: ${(error as Error).message}`);
        final = true;
      } finally {
        lease.release();
        await progress.flush();
      }
    }
    if (delivery.signal.aborted) return 'requeue';
    const culprit = result.internalError?.culprit;
    if (!final && result.verdict === 'IE' && culprit !== undefined && HOST_CULPRITS.has(culprit) && !delivery.last) {
      log.warn({ culprit, message: result.internalError?.message }, 'internal error on this host: returning the task for another attempt');
      return 'requeue';
    }
    const job = { id: task.id, round: task.round, lane: task.lane, executor, result, publishedAt: task.publishedAt, startedAt, cpuMs: result.cpuMs };
    const stored = await this.store(() => verdicts.finish(job), delivery, log);
    if (stored === 'stored') this.options.onStored?.('submission', result.verdict === 'IE');
    log.info({ verdict: result.verdict, score: result.score, stored, serviceMs: Date.now() - startedAt }, 'judged');
    return 'ack';
  }

  private async processRun(task: TaskMessage, delivery: Delivery, log: Logger): Promise<TaskOutcome> {
    const { executor, runs } = this.options;
    const started = await this.store(() => runs.startRun(task.id, executor), delivery, log);
    if (!started.start) {
      log.info({ reason: started.reason }, 'not running: the run does not need it');
      return 'ack';
    }
    const startedAt = Date.now();
    const lease = await this.acquirePackage(task, delivery, log);
    let result: RunResult;
    let final = false;
    if ('failure' in lease) {
      result = internalErrorRun(lease.failure.culprit, lease.failure.message);
      final = true;
    } else {
      try {
        result = await this.options.runner.run(lease.problem, submissionOf(task), task.stdin ?? '', delivery.signal);
      } catch (error) {
        // Like the judge, the runner rejects only for a run it cannot take as sent (or when aborted).
        log.error({ err: error }, 'the runner refused the run');
        result = internalErrorRun('executor', `the runner refused the task: ${(error as Error).message}`);
        final = true;
      } finally {
        lease.release();
      }
    }
    if (delivery.signal.aborted) return 'requeue';
    const culprit = result.internalError?.culprit;
    if (!final && result.status === 'internal_error' && culprit !== undefined && HOST_CULPRITS.has(culprit) && !delivery.last) {
      log.warn({ culprit, message: result.internalError?.message }, 'internal error on this host: returning the run for another attempt');
      return 'requeue';
    }
    const job = { id: task.id, round: task.round, lane: task.lane, executor, result, publishedAt: task.publishedAt, startedAt, cpuMs: result.cpuMs };
    const stored = await this.store(() => runs.finishRun(job), delivery, log);
    if (stored === 'stored') this.options.onStored?.('run', result.status === 'internal_error');
    log.info({ status: result.status, stored, serviceMs: Date.now() - startedAt }, 'ran');
    return 'ack';
  }

  /**
   * A PackageError is the task's final IE. A full disk is retried for diskRetryMs, then thrown on (the task
   * is returned: another executor may have room), except on the task's last delivery, where it is the
   * final IE naming the host's disk. Anything else (Redis down for too long) is thrown on.
   */
  private async acquirePackage(
    task: TaskMessage,
    delivery: Delivery,
    log: Logger,
  ): Promise<{ problem: ProblemPackage; release(): void } | { failure: { culprit: InternalErrorCulprit; message: string } }> {
    const fetch = (): Promise<{ problem: ProblemPackage; release(): void }> =>
      retryWhileUnavailable(() => this.options.packages.acquire(task.packageHash), {
        maxMs: this.options.storeRetryMs,
        signal: delivery.signal,
        onRetry: (error, attempt, delayMs) => log.warn({ err: error, attempt, delayMs }, 'cannot fetch the package: retrying'),
      });
    try {
      return await retryWhileUnavailable(fetch, {
        maxMs: this.options.diskRetryMs ?? 30_000,
        initialDelayMs: 500,
        retryable: (error): error is DiskFullError => error instanceof DiskFullError,
        signal: delivery.signal,
        onRetry: (error, attempt, delayMs) => log.warn({ err: error, attempt, delayMs }, 'no room for the package on this host: retrying'),
      });
    } catch (error) {
      const what = `problem ${task.problemId} v${task.problemVersion}`;
      if (error instanceof DiskFullError) {
        if (!delivery.last) {
          log.error({ err: error, packageHash: task.packageHash }, 'no room for the package on this host: returning the task');
          throw error;
        }
        log.error({ err: error, packageHash: task.packageHash }, 'no room for the package on this host, on the last delivery: internal error');
        return { failure: { culprit: 'executor', message: `${what}: ${error.message}` } };
      }
      if (!(error instanceof PackageError)) throw error;
      log.error({ err: error, packageHash: task.packageHash }, 'unusable problem package');
      return { failure: { culprit: 'package', message: `${what}: ${error.message}` } };
    }
  }

  private store<T>(operation: () => Promise<T>, delivery: Delivery, log: Logger): Promise<T> {
    return retryWhileUnavailable(operation, {
      maxMs: this.options.storeRetryMs,
      signal: delivery.signal,
      onRetry: (error, attempt, delayMs) => log.warn({ err: error, attempt, delayMs }, 'verdict store unavailable: retrying'),
    });
  }
}

/** The log field naming a task: `submissionId` or `runId`, so that a grep for either finds its lines. */
export function logId(kind: 'submission' | 'run', id: string): { submissionId: string } | { runId: string } {
  return kind === 'run' ? { runId: id } : { submissionId: id };
}

function submissionOf(task: TaskMessage): JudgeSubmission {
  return { languageId: task.languageId, files: task.files };
}

/** The JudgeResult of a submission that could not be judged at all. */
export function internalErrorResult(culprit: InternalErrorCulprit, message: string): JudgeResult {
  return { verdict: 'IE', score: 0, maxScore: 0, internalError: { culprit, message }, tests: [], cpuMs: 0, maxMemoryKb: 0 };
}

/** The RunResult of a run that could not run at all. */
export function internalErrorRun(culprit: InternalErrorCulprit, message: string): RunResult {
  return {
    status: 'internal_error',
    stdout: '',
    stderr: '',
    exitCode: null,
    signal: null,
    cpuMs: 0,
    wallMs: 0,
    memoryKb: 0,
    message,
    internalError: { culprit, message },
  };
}
