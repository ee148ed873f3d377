/**
 * Waiting at start for what a service needs, instead of exiting when it is not up yet: services come up in
 * any order (a host boots, Compose starts everything at once, Kubernetes schedules pods anywhere) and must
 * recover without anyone restarting them.
 */
import { OutageLog } from '../outage-log.js';
import { retryWhile } from '../retry-while.js';
import { type Dependency, DependencyRefusedError, describeFailure } from './dependency.js';

/** The part of a pino logger the wait uses. */
export interface WaitLog {
  error(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface WaitOptions {
  log: WaitLog;
  /** Stops waiting (the wait rejects with the signal's reason): the service is told to stop. */
  signal?: AbortSignal;
  /** What the service does meanwhile, for the first error ("the executor takes no tasks until then"). */
  meanwhile?: string;
  /** While waiting, how often the error is repeated, ms. Default 30 s. */
  remindMs?: number;
  /** First pause between attempts, ms; doubled up to maxDelayMs. Default 200 ms. */
  initialDelayMs?: number;
  /** Longest pause between attempts, ms: also how late the service notices the dependency is up. Default 5 s. */
  maxDelayMs?: number;
  /** Told `waiting: <why>` after each failed attempt and `ok` once the dependency answers (for /ready). */
  onStatus?(status: string): void;
}

/**
 * Resolves once `dependency` answers its probe. While it is unreachable, it retries with bounded
 * exponential backoff and logs one error naming what it waits for and where, a reminder every remindMs and
 * a line once it answers. Rejects with DependencyRefusedError at the first failure that waiting cannot fix,
 * or with the signal's reason when the signal aborts.
 */
export async function waitForDependency(dependency: Dependency, options: WaitOptions): Promise<void> {
  const { name, address } = dependency;
  const { log, signal } = options;
  const fields = { dependency: name, address };
  const remindMs = options.remindMs ?? 30_000;
  const outages = new OutageLog(
    {
      report: ({ error, first, downMs, failures }) => {
        const why = describeFailure(error);
        if (first) {
          const meanwhile = options.meanwhile === undefined ? '' : `; ${options.meanwhile}`;
          log.error({ ...fields, reason: why }, `waiting for ${name} at ${address}: ${why}${meanwhile}; retrying with backoff, reminding every ${Math.round(remindMs / 1000)} s`);
        } else {
          log.error({ ...fields, reason: why, waitedS: Math.round(downMs / 1000) }, `still waiting for ${name} at ${address} after ${Math.round(downMs / 1000)} s (${failures} attempts): ${why}`);
        }
      },
      recovered: ({ downMs, failures }) =>
        log.info({ ...fields, waitedS: Math.round(downMs / 1000) }, `${name} at ${address} answers after ${Math.round(downMs / 1000)} s (${failures} failed attempts): continuing`),
    },
    remindMs,
  );
  const probe = async (): Promise<void> => {
    try {
      await dependency.probe();
    } catch (error) {
      if (dependency.isUnreachable(error)) {
        outages.failed(error);
        options.onStatus?.(`waiting: ${describeFailure(error)}`);
      }
      throw error;
    }
  };
  try {
    await retryWhile(probe, {
      retryable: (error): error is Error => dependency.isUnreachable(error),
      maxMs: Number.POSITIVE_INFINITY,
      initialDelayMs: options.initialDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      ...(signal !== undefined && { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new DependencyRefusedError(
      `${name} at ${address} refused the connection: ${describeFailure(error).replace(/[.\s]+$/, '')}; waiting will not fix this: check ${dependency.setting}`,
      { cause: error },
    );
  }
  outages.succeeded();
  options.onStatus?.('ok');
}

/**
 * Waits for every dependency at once, so that the operator learns about all the missing ones together.
 * The first refusal stops the other waits and rejects with its DependencyRefusedError.
 */
export async function waitForDependencies(dependencies: readonly Dependency[], options: WaitOptions): Promise<void> {
  const refused = new AbortController();
  const signal = options.signal === undefined ? refused.signal : AbortSignal.any([options.signal, refused.signal]);
  await Promise.all(
    dependencies.map((dependency) =>
      waitForDependency(dependency, { ...options, signal }).catch((error: unknown) => {
        if (error instanceof DependencyRefusedError) refused.abort(error);
        throw error;
      }),
    ),
  );
}
