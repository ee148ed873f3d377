import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import type { TaskMessage } from '../../../common/task-message.js';
import { DeadLetterHandler } from '../../../executor/service/dead-letter-handler.js';
import { ExecutorTaskHandler, handBackPauseMs } from '../../../executor/service/executor-task-handler.js';
import type { TaskDelivery } from '../../../executor/service/rabbit-task-consumer.js';
import type { FinishedJob, TaskProcessor } from '../../../executor/service/task-processor.js';

const log = pino({ level: 'silent' });
const task = (languageId: string, publishedAt = Date.now()): TaskMessage => ({
  v: 1,
  kind: 'submission',
  lane: 'submission',
  id: 'sub1',
  round: 0,
  problemId: 'hello',
  problemVersion: 1,
  packageHash: 'c'.repeat(64),
  languageId,
  files: [{ name: 'a.x', content: '' }],
  publishedAt,
});
const delivery = (handBacks: number): TaskDelivery => ({ attempt: 1, last: false, signal: new AbortController().signal, handBacks });

function makeHandler(unservedTimeoutMs = 60_000) {
  const processed: TaskMessage[] = [];
  const finished: FinishedJob<JudgeResult>[] = [];
  const processor = { process: async (t: TaskMessage) => (processed.push(t), 'ack' as const) } as unknown as TaskProcessor;
  const deadLetters = new DeadLetterHandler({
    executor: 'ex1',
    log,
    storeRetryMs: 10,
    verdicts: {
      startJudging: async () => ({ start: true }),
      reportProgress: async () => {},
      finish: async (job) => (finished.push(job), 'stored'),
      currentRound: async () => 0,
    },
    runs: { startRun: async () => ({ start: true }), finishRun: async () => 'stored' },
  });
  const handler = new ExecutorTaskHandler(processor, deadLetters, { serves: (id) => id === 'c', unservedTimeoutMs }, log);
  return { handler, processed, finished };
}

const body = (t: TaskMessage) => Buffer.from(JSON.stringify(t));

describe('ExecutorTaskHandler and the languages it serves', () => {
  it('judges a task in a language it serves', async () => {
    const { handler, processed } = makeHandler();
    await expect(handler.handle('submission', body(task('c')), delivery(0))).resolves.toBe('ack');
    expect(processed).toHaveLength(1);
  });

  it('hands back, unjudged, a task in a language it does not serve, and counts it', async () => {
    const { handler, processed, finished } = makeHandler();
    await expect(handler.handle('submission', body(task('python')), delivery(0))).resolves.toBe('handback');
    expect(processed).toEqual([]);
    expect(finished).toEqual([]);
    expect(handler.counts.handedBack).toBe(1);
  });

  it('waits longer before handing back a task that keeps coming back, up to 1 s', async () => {
    expect([0, 1, 2, 10, 50].map(handBackPauseMs)).toEqual([0, 100, 200, 1000, 1000]);
    const { handler } = makeHandler();
    const started = Date.now();
    await handler.handle('submission', body(task('python')), delivery(2));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('past the timeout, ends the task with an IE naming the language instead of handing it back', async () => {
    const { handler, processed, finished } = makeHandler(10_000);
    await expect(handler.handle('submission', body(task('python', Date.now() - 10_001)), delivery(7))).resolves.toBe('ack');
    expect(processed).toEqual([]);
    expect(finished[0]?.result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'executor' } });
    expect(finished[0]?.result.internalError?.message).toBe(
      "no executor serving language 'python' took the task within 10 s (handed back 7 times by executors whose image lacks it)",
    );
    expect(handler.counts).toMatchObject({ handedBack: 0, internalErrors: 1 });
  });
});
