import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import type { RunResult } from '../../../common/run-result.js';
import type { TaskMessage } from '../../../common/task-message.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { DiskFullError } from '../../../executor/service/disk-full-error.js';
import { PackageError } from '../../../executor/service/package-error.js';
import { StoreUnavailableError } from '../../../executor/service/store-unavailable-error.js';
import {
  internalErrorResult,
  TaskProcessor,
  type Delivery,
  type FinishedJob,
  type StartOutcome,
} from '../../../executor/service/task-processor.js';

const log = pino({ level: 'silent' });
const problem = { shortName: 'hello' } as ProblemPackage;
const accepted: JudgeResult = { verdict: 'AC', score: 1, maxScore: 1, tests: [], cpuMs: 12, maxMemoryKb: 100 };

function task(overrides: Partial<TaskMessage> = {}): TaskMessage {
  return {
    v: 1,
    kind: 'submission',
    lane: 'submission',
    id: 'sub1',
    round: 0,
    problemId: 'hello',
    problemVersion: 1,
    packageHash: 'a'.repeat(64),
    languageId: 'python',
    files: [{ name: 'a.py', content: 'print(1)' }],
    publishedAt: Date.now() - 1000,
    ...overrides,
  };
}

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return { attempt: 1, last: false, signal: new AbortController().signal, ...overrides };
}

function makeProcessor(options: {
  judge?: () => Promise<JudgeResult>;
  start?: () => Promise<StartOutcome>;
  finish?: (job: FinishedJob<JudgeResult>) => Promise<'stored' | 'skip'>;
  acquire?: () => Promise<{ problem: ProblemPackage; release(): void }>;
  run?: () => Promise<RunResult>;
  storeRetryMs?: number;
  diskRetryMs?: number;
}) {
  const finished: FinishedJob<JudgeResult>[] = [];
  const runsFinished: FinishedJob<RunResult>[] = [];
  const progress: { done: number; total: number }[] = [];
  let released = 0;
  let judged = 0;
  const processor = new TaskProcessor({
    executor: 'ex1',
    log,
    storeRetryMs: options.storeRetryMs ?? 50,
    diskRetryMs: options.diskRetryMs ?? 50,
    verdicts: {
      startJudging: options.start ?? (async () => ({ start: true })),
      reportProgress: async (_id, _round, _executor, p) => void progress.push(p),
      finish: options.finish ?? (async (job) => (finished.push(job), 'stored')),
    },
    runs: {
      startRun: async () => ({ start: true }),
      finishRun: async (job) => (runsFinished.push(job), 'stored'),
    },
    packages: {
      acquire: options.acquire ?? (async () => ({ problem, release: () => void released++ })),
    },
    judge: {
      judge: async (_problem, _submission, { onProgress }) => {
        judged++;
        onProgress?.({ done: 1, total: 2 });
        onProgress?.({ done: 2, total: 2 });
        return (options.judge ?? (async () => accepted))();
      },
    },
    runner: {
      run: options.run ?? (async () => ({ status: 'ok', stdout: 'hi\n', stderr: '', exitCode: 0, signal: null, cpuMs: 3, wallMs: 5, memoryKb: 900 })),
    },
  });
  return { processor, finished, runsFinished, progress, released: () => released, judged: () => judged };
}

describe('TaskProcessor', () => {
  it('judges, reports progress, stores the verdict and acks', async () => {
    const h = makeProcessor({});
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({ id: 'sub1', round: 0, lane: 'submission', executor: 'ex1', cpuMs: 12, result: accepted });
    expect(h.progress.at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(h.released()).toBe(1);
  });

  it('acks without judging when the record says so (final, stale, cancelled, missing)', async () => {
    const h = makeProcessor({ start: async () => ({ start: false, reason: 'final' }) });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(h.judged()).toBe(0);
    expect(h.finished).toHaveLength(0);
  });

  it('returns a task whose IE blames this host while deliveries remain, and stores it on the last one', async () => {
    const h = makeProcessor({ judge: async () => internalErrorResult('sandbox', 'container died') });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('requeue');
    expect(h.finished).toHaveLength(0);
    await expect(h.processor.process(task(), delivery({ attempt: 4, last: true }))).resolves.toBe('ack');
    expect(h.finished[0]?.result.internalError).toEqual({ culprit: 'sandbox', message: 'container died' });
  });

  it('stores an IE blaming the package at once', async () => {
    const h = makeProcessor({
      acquire: async () => {
        throw new PackageError('package is corrupted');
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(h.judged()).toBe(0);
    expect(h.finished[0]?.result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'package' } });
  });

  it('retries a package that does not fit on the disk, returns the task, and blames the host on the last delivery', async () => {
    let attempts = 0;
    const h = makeProcessor({
      acquire: async () => {
        attempts++;
        throw new DiskFullError("no space left on the executor's disk for problem package aaaa");
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('requeue');
    expect(attempts).toBeGreaterThan(1);
    expect(h.finished).toHaveLength(0);
    await expect(h.processor.process(task(), delivery({ attempt: 4, last: true }))).resolves.toBe('ack');
    expect(h.judged()).toBe(0);
    expect(h.finished[0]?.result).toMatchObject({
      verdict: 'IE',
      internalError: { culprit: 'executor', message: expect.stringMatching(/^problem hello v1: no space left on the executor's disk/) },
    });
  });

  it('judges once room is made on the disk within the retry window', async () => {
    let attempts = 0;
    const h = makeProcessor({
      diskRetryMs: 5_000,
      acquire: async () => {
        if (++attempts < 3) throw new DiskFullError('no space left');
        return { problem, release: () => {} };
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(h.finished[0]?.result).toEqual(accepted);
  });

  it('returns the task when the verdict cannot be stored within the retry window', async () => {
    let attempts = 0;
    const h = makeProcessor({
      finish: async () => {
        attempts++;
        throw new StoreUnavailableError('redis down');
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('requeue');
    expect(attempts).toBeGreaterThan(1);
  });

  it('acks once Redis comes back within the retry window and the verdict is stored', async () => {
    let attempts = 0;
    const stored: unknown[] = [];
    const h = makeProcessor({
      storeRetryMs: 5_000,
      finish: async (job) => {
        if (++attempts < 3) throw new StoreUnavailableError('redis down');
        stored.push(job);
        return 'stored';
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(stored).toHaveLength(1);
  });

  it('returns the task, without storing anything, when judging was abandoned', async () => {
    const abandon = new AbortController();
    const h = makeProcessor({
      judge: async () => {
        abandon.abort();
        return internalErrorResult('executor', 'aborted');
      },
    });
    await expect(h.processor.process(task(), delivery({ signal: abandon.signal }))).resolves.toBe('requeue');
    expect(h.finished).toHaveLength(0);
  });

  it('runs a one-off run and stores its result', async () => {
    const h = makeProcessor({});
    await expect(h.processor.process(task({ kind: 'run', lane: 'run', id: 'run1', stdin: 'x' }), delivery())).resolves.toBe('ack');
    expect(h.runsFinished[0]).toMatchObject({ id: 'run1', lane: 'run', result: { status: 'ok', stdout: 'hi\n' } });
  });

  it('returns the task for any other infrastructure failure', async () => {
    const h = makeProcessor({
      acquire: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('requeue');
  });
});

describe('TaskProcessor, submissions the engine refuses', () => {
  it('stores the IE at once instead of retrying a submission that cannot be judged as sent', async () => {
    const h = makeProcessor({
      judge: async () => {
        throw new Error("unknown language 'cobol'");
      },
    });
    await expect(h.processor.process(task(), delivery())).resolves.toBe('ack');
    expect(h.finished[0]?.result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'executor' } });
    expect(h.finished[0]?.result.internalError?.message).toMatch(/cobol/);
  });
});
