/**
 * Broker and Redis restarts, simulated with a TCP proxy that drops the executor's connections (the real
 * services are shared with other tests, so they are never restarted here).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lane } from '../../../common/submission.js';
import { ExecutorService } from '../../../executor/service/executor-service.js';
import {
  blockUntil,
  FAKE_PACKAGES,
  FakeJudge,
  gate,
  makeTask,
  openScope,
  publish,
  readRecord,
  seedSubmission,
  silentLog,
  TcpProxy,
  testConfig,
  waitFor,
  type TestScope,
} from './executor-test-kit.js';

let scope: TestScope;
let proxy: TcpProxy | undefined;
let service: ExecutorService | undefined;

beforeEach(async () => {
  scope = await openScope();
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await proxy?.cut();
  proxy = undefined;
  await scope.cleanup();
});

async function startService(judge: FakeJudge, env: Record<string, string>): Promise<ExecutorService> {
  service = await ExecutorService.start({
    config: testConfig(scope, env),
    log: silentLog,
    judge,
    runner: { run: async () => Promise.reject(new Error('no runs here')) },
    readPackage: async () => Promise.reject(new Error('unused')),
    imageTag: 'juez-runtime:test',
    languages: { python: '3.11.2' },
    packages: FAKE_PACKAGES,
  });
  return service;
}

async function readyMessages(lane: Lane): Promise<number> {
  const channel = await scope.amqp.createChannel();
  try {
    return (await channel.checkQueue(scope.topology.queues[lane])).messageCount;
  } finally {
    await channel.close();
  }
}

describe('executor reconnection', () => {
  it('survives a broker restart mid-judging: stores the verdict once and acks the redelivered copy', async () => {
    proxy = new TcpProxy(5672);
    await proxy.start();
    const blocker = gate();
    const judge = new FakeJudge().behave('SLOW', blockUntil(blocker.promise));
    const running = await startService(judge, { JUEZ_AMQP_URL: `amqp://guest:guest@${proxy.url}`, JUEZ_POOL_SIZE: '2' });
    const task = makeTask({ files: [{ name: 'a.py', content: '# SLOW' }] });
    await seedSubmission(scope, task, { callbackUrl: 'https://lms.example/hook' });
    await publish(scope, 'submission', task);
    await waitFor(() => judge.started.length === 1, 10_000, 'judging to start');

    await proxy.cut();
    await waitFor(() => !running.stats().connected, 5_000, 'the executor to notice');
    await sleep(500);
    await proxy.restore();
    await waitFor(() => running.stats().connected, 15_000, 'the executor to reconnect');
    // The broker put the unacked task back; the executor takes the copy while the original still runs.
    await waitFor(() => running.stats().busy === 2, 10_000, 'the redelivered copy to be taken');
    blocker.open();

    const record = await waitFor(async () => ((await readRecord(scope, task.id))['status'] === 'done' ? readRecord(scope, task.id) : undefined), 10_000, 'the verdict');
    expect(JSON.parse(record['result'] ?? '').verdict).toBe('AC');
    await waitFor(() => running.stats().busy === 0, 10_000, 'both copies to be settled');
    await running.stop();
    service = undefined;
    expect(judge.started).toHaveLength(1);
    expect(await readyMessages('submission')).toBe(0);
    expect(await scope.redis.zCard(scope.keys.webhooksDue())).toBe(1);
  });

  it('takes new tasks after the broker came back', async () => {
    proxy = new TcpProxy(5672);
    await proxy.start();
    const judge = new FakeJudge();
    const running = await startService(judge, { JUEZ_AMQP_URL: `amqp://guest:guest@${proxy.url}` });
    await proxy.cut();
    await waitFor(() => !running.stats().connected, 5_000, 'the executor to notice');
    const task = makeTask();
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    await sleep(300);
    await proxy.restore();
    await waitFor(async () => (await readRecord(scope, task.id))['status'] === 'done', 20_000, 'the verdict');
  });

  it('keeps the verdict when Redis is down at finish time, stores it once Redis is back, then acks', async () => {
    proxy = new TcpProxy(6379);
    await proxy.start();
    const blocker = gate();
    const judge = new FakeJudge().behave('SLOW', blockUntil(blocker.promise));
    const running = await startService(judge, { JUEZ_REDIS_URL: `redis://${proxy.url}`, JUEZ_STORE_RETRY_S: '30' });
    const task = makeTask({ files: [{ name: 'a.py', content: '# SLOW' }] });
    await seedSubmission(scope, task);
    await publish(scope, 'submission', task);
    await waitFor(() => judge.started.length === 1, 10_000, 'judging to start');

    await proxy.cut();
    blocker.open();
    await sleep(1_500);
    // Not stored, not acked: the task is still held by the executor.
    expect((await readRecord(scope, task.id))['status']).toBe('judging');
    expect(running.stats().busy).toBe(1);
    await proxy.restore();

    await waitFor(async () => (await readRecord(scope, task.id))['status'] === 'done', 20_000, 'the verdict');
    await waitFor(() => running.stats().busy === 0, 5_000, 'the ack');
    await running.stop();
    service = undefined;
    expect(await readyMessages('submission')).toBe(0);
    expect(judge.started).toHaveLength(1);
  });
});
