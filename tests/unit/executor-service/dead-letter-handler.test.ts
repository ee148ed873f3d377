import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import type { RunResult } from '../../../common/run-result.js';
import { DeadLetterHandler } from '../../../executor/service/dead-letter-handler.js';
import { parseTaskMessage, type InvalidTaskMessage } from '../../../executor/service/parse-task-message.js';
import type { FinishedJob } from '../../../executor/service/task-processor.js';

const task = {
  v: 1,
  kind: 'submission',
  lane: 'rejudge',
  id: 'sub1',
  round: 4,
  problemId: 'hello',
  problemVersion: 1,
  packageHash: 'c'.repeat(64),
  languageId: 'python',
  files: [{ name: 'a.py', content: '' }],
  publishedAt: 1000,
};

function makeHandler(currentRound?: number) {
  const finished: FinishedJob<JudgeResult>[] = [];
  const runs: FinishedJob<RunResult>[] = [];
  const handler = new DeadLetterHandler({
    executor: 'ex1',
    log: pino({ level: 'silent' }),
    storeRetryMs: 10,
    verdicts: {
      startJudging: async () => ({ start: true }),
      reportProgress: async () => {},
      finish: async (job) => (finished.push(job), 'stored'),
      currentRound: async () => currentRound,
    },
    runs: {
      startRun: async () => ({ start: true }),
      finishRun: async (job) => (runs.push(job), 'stored'),
    },
  });
  return { handler, finished, runs };
}

const invalid = (value: unknown) => parseTaskMessage(Buffer.from(JSON.stringify(value))) as InvalidTaskMessage;

describe('DeadLetterHandler', () => {
  it('gives a task dead-lettered at its delivery limit an IE blaming the executor, in its own round and lane', async () => {
    const h = makeHandler();
    await expect(h.handler.deadLettered(Buffer.from(JSON.stringify(task)), 'delivery_limit')).resolves.toBe('ack');
    expect(h.finished[0]).toMatchObject({ id: 'sub1', round: 4, lane: 'rejudge', publishedAt: 1000, result: { verdict: 'IE', internalError: { culprit: 'executor' } } });
    expect(h.finished[0]?.result.internalError?.message).toMatch(/every delivery/);
  });

  it('uses the current round for an invalid message that names no valid round', async () => {
    const h = makeHandler(7);
    await h.handler.invalid(invalid({ ...task, round: 'four' }), 'submission');
    expect(h.finished[0]).toMatchObject({ id: 'sub1', round: 7 });
    expect(h.finished[0]?.result.internalError?.message).toMatch(/invalid task message/);
  });

  it('gives an invalid run an internal_error', async () => {
    const h = makeHandler();
    await h.handler.invalid(invalid({ ...task, kind: 'run', id: 'run1', files: [] }), 'run');
    expect(h.runs[0]).toMatchObject({ id: 'run1', result: { status: 'internal_error', internalError: { culprit: 'executor' } } });
  });

  it('drops a message that names nothing, and one whose submission does not exist', async () => {
    const h = makeHandler(undefined);
    await expect(h.handler.invalid(invalid({ nothing: true }), 'submission')).resolves.toBe('ack');
    await expect(h.handler.invalid(invalid({ ...task, round: undefined }), 'submission')).resolves.toBe('ack');
    expect(h.finished).toEqual([]);
  });
});
