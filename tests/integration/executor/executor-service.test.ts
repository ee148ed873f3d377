import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LanguageVersions } from '../../../common/language-versions.js';
import type { RunResult } from '../../../common/run-result.js';
import type { Lane } from '../../../common/submission.js';
import { webhookDeliveryId } from '../../../common/webhook-delivery.js';
import { ExecutorService } from '../../../executor/service/executor-service.js';
import { internalErrorResult, type ProblemPackages, type ProgramRunner } from '../../../executor/service/task-processor.js';
import {
  blockUntil,
  FAKE_PACKAGES,
  FakeJudge,
  gate,
  makeTask,
  openScope,
  publish,
  readRecord,
  seedRun,
  seedSubmission,
  silentLog,
  testConfig,
  waitFor,
  type TestScope,
} from './executor-test-kit.js';

const RUN_OK: RunResult = { status: 'ok', stdout: 'out\n', stderr: '', exitCode: 0, signal: null, cpuMs: 1, wallMs: 2, memoryKb: 500 };
const runner: ProgramRunner = { run: async () => RUN_OK };

let scope: TestScope;
const services: ExecutorService[] = [];

beforeEach(async () => {
  scope = await openScope();
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
  await scope.cleanup();
});

async function startService(
  judge: FakeJudge,
  env: Record<string, string> = {},
  packages: ProblemPackages = FAKE_PACKAGES,
  languages: LanguageVersions = { python: '3.11.2' },
): Promise<ExecutorService> {
  const service = await ExecutorService.start({
    config: testConfig(scope, env),
    log: silentLog,
    judge,
    runner,
    readPackage: async () => {
      throw new Error('the fake package source reads nothing');
    },
    imageTag: 'juez-runtime:test',
    languages,
    packages,
  });
  services.push(service);
  return service;
}

/** Stops a service the test started (afterEach stops the rest). */
async function stopService(service: ExecutorService): Promise<void> {
  services.splice(services.indexOf(service), 1);
  await service.stop();
}

async function readyMessages(lane: Lane | 'dead'): Promise<number> {
  const queue = lane === 'dead' ? scope.topology.deadLetterQueue : scope.topology.queues[lane];
  const channel = await scope.amqp.createChannel();
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await channel.close();
  }
}

const done = (id: string) => async () => ((await readRecord(scope, id))['status'] === 'done' ? readRecord(scope, id) : undefined);

describe('executor service', () => {
  it('judges a task from the queue, stores the verdict, then acks it', async () => {
    const judge = new FakeJudge();
    await startService(judge);
    const task = makeTask();
    await seedSubmission(scope, task, { callbackUrl: 'https://lms.example/hook' });
    await publish(scope, 'submission', task);

    const record = await waitFor(done(task.id), 15_000, 'the verdict');
    expect(record).toMatchObject({ status: 'done', executor: 'test-executor' });
    expect(JSON.parse(record['result'] ?? '').verdict).toBe('AC');
    expect(await scope.redis.zRange(scope.keys.webhooksDue(), 0, -1)).toEqual([webhookDeliveryId(task.id, 0)]);
    await stopService(services[0] as ExecutorService);
    // Acked: nothing went back to the queue when the connection closed.
    expect(await readyMessages('submission')).toBe(0);
  });

  it('publishes progress and the final event', async () => {
    const judge = new FakeJudge().behave('PROGRESS', async (_s, { onProgress }) => {
      for (let i = 1; i <= 3; i++) {
        onProgress?.({ done: i, total: 3 });
        await sleep(20);
      }
      return { verdict: 'AC', score: 1, maxScore: 1, tests: [], cpuMs: 1, maxMemoryKb: 1 };
    });
    await startService(judge);
    const task = makeTask({ files: [{ name: 'a.py', content: '# PROGRESS' }] });
    await seedSubmission(scope, task);
    const subscriber = scope.redis.duplicate();
    await subscriber.connect();
    const events: { type: string; done?: number }[] = [];
    await subscriber.subscribe(scope.keys.submissionEvents(task.id), (message) => events.push(JSON.parse(message)));
    await publish(scope, 'submission', task);

    await waitFor(() => events.some((e) => e.type === 'final'), 15_000, 'the final event');
    subscriber.destroy();
    expect(events[0]).toMatchObject({ type: 'status', status: 'judging' });
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'final', status: 'done', round: 0 });
  });

  it('never judges or writes a duplicate delivery twice', async () => {
    const judge = new FakeJudge();
    await startService(judge);
    const task = makeTask();
    await seedSubmission(scope, task, { callbackUrl: 'https://lms.example/hook' });
    await publish(scope, 'submission', task);
    const first = await waitFor(done(task.id), 15_000, 'the first verdict');
    await publish(scope, 'submission', task);
    await waitFor(async () => (await readyMessages('submission')) === 0, 5_000, 'the duplicate to be consumed');
    await sleep(300);

    expect(judge.started).toHaveLength(1);
    expect(await readRecord(scope, task.id)).toEqual(first);
    expect(await scope.redis.zCard(scope.keys.webhooksDue())).toBe(1);
    expect(await scope.redis.zCard(scope.keys.finishedJobs())).toBe(1);
  });

  it('hands a task in a language it does not serve back to the queue, unjudged, for an executor that serves it', async () => {
    const cOnly = new FakeJudge();
    await startService(cOnly, { JUEZ_EXECUTOR_NAME: 'c-only' }, FAKE_PACKAGES, { c: '12.2.0' });
    const task = makeTask({ languageId: 'python' });
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    // The delivery limit is 3 deliveries of one message: going round more often than that shows that a
    // hand-back spends none of it (the task would have been dead-lettered with an IE otherwise).
    await waitFor(async () => Number(await scope.redis.hGet(scope.keys.executor('c-only'), 'handedBack')) > scope.topology.deliveryLimit + 1, 15_000, 'hand-backs');
    expect(await readRecord(scope, task.id)).toMatchObject({ status: 'queued' });

    const python = new FakeJudge();
    await startService(python, { JUEZ_EXECUTOR_NAME: 'python-one' }, FAKE_PACKAGES, { python: '3.11.2' });
    const record = await waitFor(done(task.id), 15_000, 'the verdict');
    expect(record).toMatchObject({ executor: 'python-one' });
    expect(JSON.parse(record['result'] ?? '').verdict).toBe('AC');
    expect(cOnly.started).toHaveLength(0);
    expect(python.started).toHaveLength(1);
    expect(await readyMessages('dead')).toBe(0);
  });

  it('gives an IE naming the language to a task no executor serving it took in time', async () => {
    const cOnly = new FakeJudge();
    await startService(cOnly, { JUEZ_UNSERVED_TIMEOUT_S: '10' }, FAKE_PACKAGES, { c: '12.2.0' });
    const task = makeTask({ languageId: 'python', publishedAt: Date.now() - 11_000 });
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    const record = await waitFor(done(task.id), 15_000, 'the verdict');
    const result = JSON.parse(record['result'] ?? '');
    expect(result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'executor' } });
    expect(result.internalError.message).toMatch(/no executor serving language 'python' took the task within 10 s/);
    expect(cOnly.started).toHaveLength(0);
  });

  it('skips a task of a stale round without judging it', async () => {
    const judge = new FakeJudge();
    await startService(judge);
    const task = makeTask({ round: 1 });
    await seedSubmission(scope, task, { round: '2' });
    await publish(scope, 'submission', task);
    await waitFor(async () => (await readyMessages('submission')) === 0, 5_000, 'the task to be consumed');
    await sleep(300);
    expect(judge.started).toHaveLength(0);
    expect(await readRecord(scope, task.id)).toMatchObject({ status: 'queued', round: '2' });
  });

  it('gives an invalid message naming a submission an IE, and dead-letters it', async () => {
    const judge = new FakeJudge();
    await startService(judge);
    const task = makeTask();
    await seedSubmission(scope, task);
    await publish(scope, 'submission', Buffer.from(JSON.stringify({ ...task, languageId: '', files: 'nope' })));

    const record = await waitFor(done(task.id), 15_000, 'the IE');
    const result = JSON.parse(record['result'] ?? '');
    expect(result.verdict).toBe('IE');
    expect(result.internalError.culprit).toBe('executor');
    expect(result.internalError.message).toMatch(/invalid task message/);
    expect(judge.started).toHaveLength(0);
    // Dead-lettered, then consumed by the dead-letter handler, which finds the verdict already final.
    await waitFor(async () => (await readyMessages('dead')) === 0 && (await readyMessages('submission')) === 0, 5_000, 'empty queues');
  });

  it('dead-letters a task that fails on every delivery, and gives it an IE', async () => {
    let attempts = 0;
    const brokenDisk: ProblemPackages = {
      acquire: async () => {
        attempts++;
        throw new Error('EIO: i/o error, open /var/cache/juez/packages/x');
      },
    };
    const judge = new FakeJudge();
    await startService(judge, {}, brokenDisk);
    const task = makeTask();
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);

    const record = await waitFor(done(task.id), 20_000, 'the IE');
    const result = JSON.parse(record['result'] ?? '');
    expect(result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'executor' } });
    expect(result.internalError.message).toMatch(/failed on every delivery/);
    expect(attempts).toBe(scope.topology.deliveryLimit + 1);
    expect(judge.started).toHaveLength(0);
  });

  it('retries an IE blaming this host on redelivery, and keeps the engine’s IE on the last one', async () => {
    const judge = new FakeJudge().behave('FLAKY', async () => internalErrorResult('sandbox', 'container died'));
    await startService(judge);
    const task = makeTask({ files: [{ name: 'a.py', content: '# FLAKY' }] });
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    const record = await waitFor(done(task.id), 20_000, 'the IE');
    expect(JSON.parse(record['result'] ?? '').internalError).toEqual({ culprit: 'sandbox', message: 'container died' });
    expect(judge.started).toHaveLength(scope.topology.deliveryLimit + 1);
  });

  it('takes a run before a submission before a rejudge when one slot frees', async () => {
    const blocker = gate();
    const judge = new FakeJudge().behave('BLOCKER', blockUntil(blocker.promise));
    await startService(judge, { JUEZ_POOL_SIZE: '1' });
    const first = makeTask({ files: [{ name: 'a.py', content: '# BLOCKER' }] });
    await seedSubmission(scope, first);
    await publish(scope, 'submission', first);
    await waitFor(() => judge.started.length === 1, 10_000, 'the blocker to start');

    const rejudge = makeTask({ lane: 'rejudge', files: [{ name: 'a.py', content: '# rejudge' }] });
    const submission = makeTask({ files: [{ name: 'a.py', content: '# submission' }] });
    const run = makeTask({ kind: 'run', files: [{ name: 'a.py', content: '# run' }] });
    await seedSubmission(scope, rejudge);
    await seedSubmission(scope, submission);
    await seedRun(scope, run);
    await publish(scope, 'rejudge', rejudge);
    await publish(scope, 'submission', submission);
    await publish(scope, 'run', run);
    await sleep(300);
    blocker.open();

    await waitFor(done(rejudge.id), 10_000, 'the rejudge');
    // Runs go through the runner, not the judge: the judge saw the submission before the rejudge,
    // and the run was stored before the submission was started.
    expect(judge.started).toEqual(['# BLOCKER', '# submission', '# rejudge']);
    const runFinished = Number((await scope.redis.hGet(scope.keys.finishedJob(run.id, 0), 'finishedAt')) ?? NaN);
    const submissionFinished = Number((await scope.redis.hGet(scope.keys.finishedJob(submission.id, 0), 'finishedAt')) ?? NaN);
    expect(runFinished).toBeLessThanOrEqual(submissionFinished);
  });

  it('on shutdown finishes the running task and returns the ones not started', async () => {
    const blocker = gate();
    const judge = new FakeJudge().behave('BLOCKER', blockUntil(blocker.promise));
    const service = await startService(judge, { JUEZ_POOL_SIZE: '1', JUEZ_SHUTDOWN_GRACE_S: '10' });
    const running = makeTask({ files: [{ name: 'a.py', content: '# BLOCKER' }] });
    const waiting = [makeTask(), makeTask()];
    for (const task of [running, ...waiting]) await seedSubmission(scope, task);
    await publish(scope, 'submission', running);
    await waitFor(() => judge.started.length === 1, 10_000, 'the first task to start');
    for (const task of waiting) await publish(scope, 'submission', task);
    await sleep(300);

    const stopping = stopService(service);
    await sleep(300);
    blocker.open();
    await stopping;

    expect((await readRecord(scope, running.id))['status']).toBe('done');
    for (const task of waiting) expect((await readRecord(scope, task.id))['status']).toBe('queued');
    expect(judge.started).toHaveLength(1);
    expect(await readyMessages('submission')).toBe(2);
  });

  it('returns a task still running when the grace period ends', async () => {
    const judge = new FakeJudge().behave('FOREVER', blockUntil(new Promise(() => {})));
    const service = await startService(judge, { JUEZ_SHUTDOWN_GRACE_S: '1' });
    const task = makeTask({ files: [{ name: 'a.py', content: '# FOREVER' }] });
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    await waitFor(() => judge.started.length === 1, 10_000, 'the task to start');
    await stopService(service);
    expect((await readRecord(scope, task.id))['status']).toBe('judging');
    expect(await readyMessages('submission')).toBe(1);
  });

  it('stores a one-off run', async () => {
    await startService(new FakeJudge());
    const task = makeTask({ kind: 'run', stdin: 'in' });
    await seedRun(scope, task);
    await publish(scope, 'run', task);
    const record = await waitFor(async () => {
      const r = await scope.redis.hGetAll(scope.keys.run(task.id));
      return r['status'] === 'done' ? r : undefined;
    }, 10_000, 'the run result');
    expect(JSON.parse(record['result'] ?? '')).toEqual(RUN_OK);
  });

  it('keeps a heartbeat while running and removes it on shutdown', async () => {
    const service = await startService(new FakeJudge(), { JUEZ_POOL_SIZE: '2' });
    const beat = await waitFor(async () => {
      const fields = await scope.redis.hGetAll(scope.keys.executor('test-executor'));
      return fields['name'] !== undefined ? fields : undefined;
    }, 5_000, 'a heartbeat');
    expect(beat).toMatchObject({ name: 'test-executor', poolSize: '2', busy: '0', idle: '2', held: '0', imageTag: 'juez-runtime:test', handedBack: '0' });
    expect(JSON.parse(beat['languages'] ?? '')).toEqual({ python: '3.11.2' });
    expect(await scope.redis.zScore(scope.keys.executors(), 'test-executor')).toBeGreaterThan(Date.now() - 5_000);
    expect(await scope.redis.pTTL(scope.keys.executor('test-executor'))).toBeLessThanOrEqual(3_000);
    await stopService(service);
    expect(await scope.redis.exists(scope.keys.executor('test-executor'))).toBe(0);
    expect(await scope.redis.zScore(scope.keys.executors(), 'test-executor')).toBeNull();
  });
});
