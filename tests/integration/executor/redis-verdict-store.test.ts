import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../../common/judge-result.js';
import type { RunResult } from '../../../common/run-result.js';
import { webhookDeliveryId } from '../../../common/webhook-delivery.js';
import { RedisConnection } from '../../../executor/service/redis-connection.js';
import { RedisVerdictStore } from '../../../executor/service/redis-verdict-store.js';
import type { FinishedJob } from '../../../executor/service/task-processor.js';
import { makeTask, openScope, readRecord, REDIS_URL, seedRun, seedSubmission, silentLog, waitFor, type TestScope } from './executor-test-kit.js';

const AC: JudgeResult = { verdict: 'AC', score: 100, maxScore: 100, tests: [], cpuMs: 40, maxMemoryKb: 2048 };
const WA: JudgeResult = { ...AC, verdict: 'WA', score: 0 };

let scope: TestScope;
let connection: RedisConnection;
let store: RedisVerdictStore;

beforeEach(async () => {
  scope = await openScope();
  connection = await RedisConnection.connect({ url: REDIS_URL, log: silentLog });
  store = new RedisVerdictStore(connection, { keyPrefix: scope.keyPrefix, runResultTtlSeconds: 900 });
});

afterEach(async () => {
  await connection.close();
  await scope.cleanup();
});

function job(id: string, result: JudgeResult, round = 0): FinishedJob<JudgeResult> {
  const now = Date.now();
  return { id, round, lane: 'submission', executor: 'ex1', result, publishedAt: now - 5000, startedAt: now - 1000, cpuMs: result.cpuMs };
}

/** Collects the messages published on `channels` while the test runs. */
async function listen(...channels: string[]): Promise<{ messages: Map<string, unknown[]>; stop(): Promise<void> }> {
  const subscriber = scope.redis.duplicate();
  await subscriber.connect();
  const messages = new Map<string, unknown[]>(channels.map((c) => [c, []]));
  for (const channel of channels) {
    await subscriber.subscribe(channel, (message) => messages.get(channel)?.push(JSON.parse(message)));
  }
  return { messages, stop: async () => void subscriber.destroy() };
}

describe('RedisVerdictStore', () => {
  it('moves queued → judging → done, publishing each step', async () => {
    const task = makeTask();
    await seedSubmission(scope, task);
    const events = await listen(scope.keys.submissionEvents(task.id), scope.keys.verdictEvents());
    await expect(store.startJudging(task.id, 0, 'ex1')).resolves.toEqual({ start: true });
    expect(await readRecord(scope, task.id)).toMatchObject({ status: 'judging', executor: 'ex1' });
    const firstTest = { name: 'sample/1', group: 'sample', verdict: 'AC' as const, cpuMs: 1, wallMs: 2, memoryKb: 3, index: 0 };
    await store.reportProgress(task.id, 0, 'ex1', { done: 1, total: 3, tests: [firstTest] });
    expect(JSON.parse((await readRecord(scope, task.id))['progress'] ?? '')).toEqual({ done: 1, total: 3 });
    await expect(store.finish(job(task.id, AC))).resolves.toBe('stored');

    const record = await readRecord(scope, task.id);
    expect(record).toMatchObject({ status: 'done', executor: 'ex1' });
    expect(record['progress']).toBeUndefined();
    expect(JSON.parse(record['result'] ?? '')).toEqual(AC);
    const onSubmission = await waitFor(() => (events.messages.get(scope.keys.submissionEvents(task.id))?.length === 3 ? events.messages.get(scope.keys.submissionEvents(task.id)) : undefined));
    expect(onSubmission).toEqual([
      { type: 'status', status: 'judging', round: 0, executor: 'ex1' },
      { type: 'progress', round: 0, done: 1, total: 3, tests: [firstTest] },
      { type: 'final', status: 'done', round: 0, result: AC },
    ]);
    expect(events.messages.get(scope.keys.verdictEvents())).toEqual([{ type: 'final', status: 'done', round: 0, result: AC, id: task.id }]);
    await events.stop();
  });

  it('never writes twice nor regresses a final verdict', async () => {
    const task = makeTask();
    await seedSubmission(scope, task, { callbackUrl: 'https://lms.example/hook' });
    await store.startJudging(task.id, 0, 'ex1');
    await expect(store.finish(job(task.id, AC))).resolves.toBe('stored');
    await expect(store.finish(job(task.id, WA))).resolves.toBe('skip');
    await expect(store.startJudging(task.id, 0, 'ex2')).resolves.toEqual({ start: false, reason: 'final' });
    await store.reportProgress(task.id, 0, 'ex1', { done: 1, total: 1, tests: [] });

    const record = await readRecord(scope, task.id);
    expect(record).toMatchObject({ status: 'done', executor: 'ex1' });
    expect(JSON.parse(record['result'] ?? '').verdict).toBe('AC');
    expect(record['progress']).toBeUndefined();
    expect(await scope.redis.zRange(scope.keys.webhooksDue(), 0, -1)).toEqual([webhookDeliveryId(task.id, 0)]);
    expect(await scope.redis.zRange(scope.keys.finishedJobs(), 0, -1)).toEqual([`${task.id}:0`]);
  });

  it('skips a task of a stale round, and a cancelled or missing submission', async () => {
    const task = makeTask({ round: 1 });
    await seedSubmission(scope, task, { round: '2' });
    await expect(store.startJudging(task.id, 1, 'ex1')).resolves.toEqual({ start: false, reason: 'stale' });
    await expect(store.finish(job(task.id, AC, 1))).resolves.toBe('skip');
    expect(await readRecord(scope, task.id)).toMatchObject({ status: 'queued', round: '2' });

    const cancelled = makeTask();
    await seedSubmission(scope, cancelled, { status: 'cancelled' });
    await expect(store.startJudging(cancelled.id, 0, 'ex1')).resolves.toEqual({ start: false, reason: 'cancelled' });
    await expect(store.finish(job(cancelled.id, AC))).resolves.toBe('skip');
    expect((await readRecord(scope, cancelled.id))['status']).toBe('cancelled');

    await expect(store.startJudging('nobody', 0, 'ex1')).resolves.toEqual({ start: false, reason: 'missing' });
    await expect(store.finish(job('nobody', AC))).resolves.toBe('skip');
    expect(await scope.redis.exists(scope.keys.submission('nobody'))).toBe(0);
  });

  it('lets a redelivery take a task over, and drops the old executor’s progress', async () => {
    const task = makeTask();
    await seedSubmission(scope, task);
    await store.startJudging(task.id, 0, 'ex1');
    await store.reportProgress(task.id, 0, 'ex1', { done: 2, total: 5, tests: [] });
    await expect(store.startJudging(task.id, 0, 'ex2')).resolves.toEqual({ start: true });
    expect((await readRecord(scope, task.id))['progress']).toBeUndefined();
    await store.reportProgress(task.id, 0, 'ex1', { done: 4, total: 5, tests: [] });
    expect((await readRecord(scope, task.id))['progress']).toBeUndefined();
    await store.reportProgress(task.id, 0, 'ex2', { done: 1, total: 5, tests: [] });
    expect(JSON.parse((await readRecord(scope, task.id))['progress'] ?? '')).toEqual({ done: 1, total: 5 });
  });

  it('gives a never-judged (dead-lettered) task its verdict straight from queued', async () => {
    const task = makeTask();
    await seedSubmission(scope, task);
    await expect(store.finish(job(task.id, WA))).resolves.toBe('stored');
    expect((await readRecord(scope, task.id))['status']).toBe('done');
  });

  it('enqueues a webhook only for a record with a callbackUrl, with the verdict snapshot', async () => {
    const withHook = makeTask();
    const withoutHook = makeTask();
    await seedSubmission(scope, withHook, { callbackUrl: 'https://lms.example/hook', externalId: 'ext-9' });
    await seedSubmission(scope, withoutHook);
    await store.finish(job(withHook.id, AC));
    await store.finish(job(withoutHook.id, AC));
    const deliveryId = webhookDeliveryId(withHook.id, 0);
    expect(await scope.redis.zRange(scope.keys.webhooksDue(), 0, -1)).toEqual([deliveryId]);
    expect(await scope.redis.hGetAll(scope.keys.webhook(deliveryId))).toMatchObject({
      id: deliveryId,
      submissionId: withHook.id,
      url: 'https://lms.example/hook',
      externalId: 'ext-9',
      verdict: 'AC',
      score: '100',
      maxScore: '100',
      status: 'pending',
      attempts: '0',
    });
  });

  it('records the finished job for statistics', async () => {
    const task = makeTask({ lane: 'rejudge', round: 3 });
    await seedSubmission(scope, task);
    await store.finish({ ...job(task.id, AC, 3), lane: 'rejudge' });
    const stats = await scope.redis.hGetAll(scope.keys.finishedJob(task.id, 3));
    expect(stats).toMatchObject({ id: task.id, round: '3', kind: 'submission', lane: 'rejudge', executor: 'ex1', outcome: 'AC', cpuMs: '40', userId: 'u1', courseId: 'c1', problemId: 'hello' });
    expect(Number(stats['responseMs'])).toBeGreaterThanOrEqual(5000);
    expect(Number(stats['serviceMs'])).toBeGreaterThanOrEqual(1000);
    expect(Number(stats['serviceMs'])).toBeLessThan(Number(stats['responseMs']));
    expect(await scope.redis.pTTL(scope.keys.finishedJob(task.id, 3))).toBeGreaterThan(23 * 3600_000);
  });

  it('stores a run result once, keeps the record alive, and publishes it', async () => {
    const task = makeTask({ kind: 'run' });
    await seedRun(scope, task);
    await scope.redis.expire(scope.keys.run(task.id), 30);
    const events = await listen(scope.keys.runEvents(task.id));
    const result: RunResult = { status: 'ok', stdout: 'hi\n', stderr: '', exitCode: 0, signal: null, cpuMs: 2, wallMs: 3, memoryKb: 800 };
    await expect(store.startRun(task.id, 'ex1')).resolves.toEqual({ start: true });
    const runJob = { ...job(task.id, AC), lane: 'run' as const, result };
    await expect(store.finishRun(runJob)).resolves.toBe('stored');
    await expect(store.finishRun({ ...runJob, result: { ...result, stdout: 'again' } })).resolves.toBe('skip');
    await expect(store.startRun(task.id, 'ex1')).resolves.toEqual({ start: false, reason: 'final' });

    const record = await scope.redis.hGetAll(scope.keys.run(task.id));
    expect(record).toMatchObject({ status: 'done', executor: 'ex1' });
    expect(JSON.parse(record['result'] ?? '')).toEqual(result);
    expect(await scope.redis.ttl(scope.keys.run(task.id))).toBeGreaterThan(800);
    const messages = await waitFor(() => (events.messages.get(scope.keys.runEvents(task.id))?.length === 2 ? events.messages.get(scope.keys.runEvents(task.id)) : undefined));
    expect(messages).toEqual([
      { type: 'status', status: 'judging', executor: 'ex1' },
      { type: 'final', status: 'done', result },
    ]);
    expect(await scope.redis.hGet(scope.keys.finishedJob(task.id, 0), 'outcome')).toBe('ok');
    await events.stop();
  });

  it('skips a run whose record expired', async () => {
    await expect(store.startRun('gone', 'ex1')).resolves.toEqual({ start: false, reason: 'missing' });
  });
});
