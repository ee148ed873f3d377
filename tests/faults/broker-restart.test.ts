/**
 * RabbitMQ restarted under a load of submissions: every 202 ends with its verdict, judged once; while the
 * broker is down the API answers 503 (never 202); dispatcher and executor reconnect by themselves.
 *
 * The broker is a node of this test's own (support/private-rabbitmq.ts): a restart of the shared one would
 * break everyone else using it meanwhile.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { PrivateRabbitMq } from '../support/private-rabbitmq.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { judgedLines, SLOW_HELLO, sleepingHello } from './fault-kit.js';
import { SubmissionLoad } from './submission-load.js';

let broker: PrivateRabbitMq;
let system: JuezSystem;
let events: SubmissionEventRecorder;

beforeAll(async () => {
  broker = await PrivateRabbitMq.start();
  system = await startJuezSystem({ executors: 1, poolSize: 2, amqpUrl: broker.url });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  await events?.stop();
  await system?.stop();
  await broker?.destroy();
});

it('answers 503 while the broker is down, recovers alone, and judges every accepted submission once', async () => {
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  const [executor] = system.executors;
  if (executor === undefined) throw new Error('an executor expected');
  // 0.5 s per test case at ~5 submissions/s against 2 sandboxes: tasks are both queued and running when
  // the broker goes down.
  const load = new SubmissionLoad(system, student, { problemId, languageId: 'python', files: sleepingHello(0.5) });
  load.start();
  try {
    await pollUntil(() => load.acceptedSince().length >= 6, { what: '6 accepted submissions before the restart' });
    // Some task is being judged: its ack will be lost with the connection, and its redelivery must not
    // produce a second verdict.
    await pollUntil(() => events.judgingNow().size > 0, { what: 'a submission being judged' });

    await broker.shutdown();
    const downSince = Date.now();
    await pollUntil(() => load.attempts.filter((attempt) => attempt.startedAt >= downSince).length >= 3, {
      what: '3 submissions while the broker is down',
    });
    expect((await system.request('GET', '/ready')).status).toBe(503);
    const upBegan = Date.now();
    await broker.boot();
    const upAt = Date.now();

    await pollUntil(() => load.acceptedSince(upAt).length >= 6, {
      timeoutMs: 45_000,
      what: '6 accepted submissions after the restart',
      explain: () => `${JSON.stringify(load.attempts.slice(-5))}\n${system.dispatcher.logs().split('\n').slice(-20).join('\n')}`,
    });

    const whileDown = load.attempts.filter((attempt) => attempt.startedAt >= downSince && attempt.endedAt <= upBegan);
    expect(whileDown.length).toBeGreaterThanOrEqual(3);
    for (const attempt of whileDown) expect(attempt).toMatchObject({ status: 503, code: 'queue_unavailable' });
    for (const attempt of load.attempts) expect([202, 503], JSON.stringify(attempt)).toContain(attempt.status);
  } finally {
    await load.stop();
  }

  const accepted = load.acceptedSince().map((attempt) => attempt.id as string);
  const finals = await Promise.all(accepted.map((id) => system.waitForFinal(id, 60_000)));
  for (const final of finals) expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  const judged = judgedLines(system.executors);
  for (const id of accepted) {
    expect(events.history(id).finals, `final verdicts of ${id}`).toBe(1);
    expect((judged.get(id) ?? []).filter((line) => line.stored === 'stored'), `stored verdicts of ${id}`).toHaveLength(1);
  }
  // The executor noticed the outage and reconnected by itself.
  expect(executor.logLines().filter((line) => line.msg === 'connected to the broker').length).toBeGreaterThanOrEqual(2);
});
