/**
 * A dispatcher killed between storing a submission and the broker's confirm of its task leaves an
 * orphan; the next dispatcher's sweeper publishes it again and it gets judged. Publishing a task twice is
 * harmless: the executors' verdict scripts store one verdict per round. Real processes (dist/), real
 * executors with Docker, RabbitMQ reached through a TCP proxy that can swallow the publish.
 */
import amqp from 'amqplib';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueTopology } from '../../../common/queue-topology.js';
import type { TaskMessage } from '../../../common/task-message.js';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { pollUntil } from '../../support/poll-until.js';
import { TcpProxy } from './tcp-proxy.js';

const HELLO_DIR = 'problems/hello';
const hello = (sleepS = 0) => [
  { name: 'hello.py', content: `${sleepS > 0 ? `import time\ntime.sleep(${sleepS})\n` : ''}print("Hello, World!")\n` },
];

describe('a dispatcher that dies before the broker confirmed a task', () => {
  let proxy: TcpProxy;
  let system: JuezSystem;
  const redis = createClient({ url: 'redis://localhost:6379' });

  beforeAll(async () => {
    proxy = new TcpProxy(5672);
    const port = await proxy.start();
    system = await startJuezSystem({
      // One sandbox each: a second task for a submission being judged goes to the other executor.
      executors: 2,
      poolSize: 1,
      // The dispatcher reaches the broker through the proxy; the executors directly.
      dispatcherEnv: {
        JUEZ_AMQP_URL: `amqp://guest:guest@127.0.0.1:${port}`,
        JUEZ_PUBLISH_TIMEOUT_MS: '3000',
        JUEZ_ORPHAN_AFTER_S: '4',
        JUEZ_ORPHAN_SWEEP_S: '0.25',
      },
    });
    await system.pushProblem(HELLO_DIR, 'hello');
    await redis.connect();
  });

  afterAll(async () => {
    proxy.stalled = false;
    await system?.stop();
    await proxy?.stop();
    if (redis.isOpen) await redis.close();
  });

  /** The task of `id`'s round 0 as the dispatcher publishes it, read back from Redis. */
  async function taskOf(id: string, files: { name: string; content: string }[]): Promise<TaskMessage> {
    const version = JSON.parse((await redis.get(system.keys.problemVersion('hello', 1))) as string) as { packageHash: string };
    return {
      v: 1,
      kind: 'submission',
      lane: 'submission',
      id,
      round: 0,
      problemId: 'hello',
      problemVersion: 1,
      packageHash: version.packageHash,
      languageId: 'python',
      files,
      publishedAt: Date.now(),
    };
  }

  /** Puts `task` on the submission queue once more, as a second dispatcher would. */
  async function publishAgain(task: TaskMessage): Promise<void> {
    const connection = await amqp.connect(system.amqpUrl);
    try {
      const channel = await connection.createConfirmChannel();
      channel.sendToQueue(queueTopology(system.queuePrefix).queues.submission, Buffer.from(JSON.stringify(task)), { persistent: true });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
  }

  const judgedLines = (id: string) => system.executors.flatMap((e) => e.logLines()).filter((l) => l.msg === 'judged' && l.submissionId === id);

  it('is published again by the next dispatcher and judged', async () => {
    const student = system.token({ sub: 'orphan-student', role: 'student' });
    proxy.stalled = true; // the publish leaves the dispatcher but never reaches the broker
    const answer = system.submit(student, { problemId: 'hello', languageId: 'python', files: hello(), externalId: 'attempt-1' });
    answer.catch(() => undefined);
    const submissionId = await pollUntil(async () => (await redis.zRange(system.keys.submissionOutbox(), 0, -1))[0], {
      timeoutMs: 10_000,
      intervalMs: 20,
      what: 'the submission to be stored',
    });
    expect(await system.dispatcher.stop('SIGKILL')).toBeNull();
    await expect(answer).rejects.toThrow();
    // Nobody will ever publish it but the sweeper: stored, pending, in the outbox.
    expect(await redis.hGetAll(system.keys.submission(submissionId))).toMatchObject({ status: 'queued', pending: '1' });

    proxy.stalled = false;
    proxy.cut();
    await system.restartDispatcher();
    // A retry of the request is told to wait while the submission is not accepted yet.
    const retry = await system.submit(student, { problemId: 'hello', languageId: 'python', files: hello(), externalId: 'attempt-1' });
    expect([200, 409]).toContain(retry.status);

    const final = await system.waitForFinal(submissionId, 30_000);
    expect(final).toMatchObject({ id: submissionId, status: 'done', result: { verdict: 'AC' } });
    expect(await redis.zCard(system.keys.submissionOutbox())).toBe(0);
    const listed = await system.request('GET', '/api/v1/submissions', { token: student });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([submissionId]);
    const again = await system.submit(student, { problemId: 'hello', languageId: 'python', files: hello(), externalId: 'attempt-1' });
    expect(again).toMatchObject({ status: 200, body: { id: submissionId, status: 'done' } });
    expect(system.dispatcher.logLines().some((l) => l.msg === 'orphaned submission published again' && l.submissionId === submissionId)).toBe(true);
  });

  it('ignores a second task for a submission already judged', async () => {
    const student = system.token({ sub: 'duplicate-student', role: 'student' });
    const created = await system.submit(student, { problemId: 'hello', languageId: 'python', files: hello() });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const first = await system.waitForFinal(id);
    await publishAgain(await taskOf(id, hello()));
    const skipped = await pollUntil(
      () => system.executors.flatMap((e) => e.logLines()).find((l) => l.msg === 'not judging: the submission does not need it' && l.submissionId === id),
      { what: 'the second task to be skipped' },
    );
    expect(skipped.reason).toBe('final');
    const now = await system.waitForFinal(id);
    expect(now).toEqual(first);
    expect(judgedLines(id)).toHaveLength(1);
    expect(await redis.zRange(system.keys.finishedJobs(), 0, -1)).toContain(`${id}:0`);
  });

  it('stores one verdict when a second task arrives while the first is being judged', async () => {
    const student = system.token({ sub: 'overlap-student', role: 'student' });
    const files = hello(1);
    const created = await system.submit(student, { problemId: 'hello', languageId: 'python', files });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await pollUntil(async () => (await redis.hGet(system.keys.submission(id), 'status')) === 'judging', {
      timeoutMs: 30_000,
      intervalMs: 20,
      what: 'the first task to be taken',
    });
    await publishAgain(await taskOf(id, files));
    const final = await system.waitForFinal(id);
    expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
    // The other executor took the second task over and judged it too; only the first verdict was stored.
    await pollUntil(() => judgedLines(id).length === 2, { what: 'both tasks to be judged' });
    expect(judgedLines(id).map((l) => l.stored).sort()).toEqual(['skip', 'stored']);
    expect(new Set(judgedLines(id).map((l) => l.executor)).size).toBe(2);
    expect((await redis.zRange(system.keys.finishedJobs(), 0, -1)).filter((m) => m.startsWith(`${id}:`))).toEqual([`${id}:0`]);
    expect(await system.waitForFinal(id)).toEqual(final);
  });
});
