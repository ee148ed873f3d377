/**
 * Redis restarted while submissions are being judged: verdicts that cannot be stored meanwhile are
 * retried, every accepted submission ends with exactly one verdict, the API answers 503 (never 202) while
 * Redis is down, and both services carry on by themselves afterwards.
 *
 * Redis is a server of this test's own (support/private-redis.ts), with the persistence settings of
 * infra/setup.sh (append-only file): restarting the shared one would break everyone else using it.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { PrivateRedis } from '../support/private-redis.js';
import { judgedLines, SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

let server: PrivateRedis;
let system: JuezSystem;

beforeAll(async () => {
  server = await PrivateRedis.start();
  system = await startJuezSystem({ executors: 1, poolSize: 2, redisUrl: server.url });
});

afterAll(async () => {
  await system?.stop();
  await server?.destroy();
});

it('stores every verdict exactly once across a Redis restart, and answers 503 while it is down', async () => {
  const [executor] = system.executors;
  if (executor === undefined) throw new Error('an executor expected');
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  const body = { problemId, languageId: 'python', files: sleepingHello(1) };
  const ids = await submitAccepted(system, student, 6, body);
  const admin = system.token({ sub: 'admin', role: 'admin' });
  await pollUntil(
    async () => {
      const answers = await Promise.all(ids.map((id) => system.request('GET', `/api/v1/submissions/${id}`, { token: admin })));
      return answers.some((answer) => answer.body?.status === 'judging');
    },
    { what: 'a submission being judged' },
  );

  await server.shutdown();
  // Down until a verdict could not be stored and was held for a retry: the fault hit a task mid-flight.
  await executor.waitForLog((line) => line.msg === 'verdict store unavailable: retrying', 20_000);
  for (let n = 0; n < 3; n++) {
    const answer = await system.submit(student, body);
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'store_unavailable' } } });
  }
  expect((await system.request('GET', '/ready')).status).toBe(503);
  await server.boot();

  const finals = await Promise.all(ids.map((id) => system.waitForFinal(id, 60_000)));
  for (const final of finals) expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  const judged = judgedLines(system.executors);
  for (const id of ids) {
    expect((judged.get(id) ?? []).filter((line) => line.stored === 'stored'), `stored verdicts of ${id}`).toHaveLength(1);
  }
  const redis = createClient({ url: server.url });
  await redis.connect();
  try {
    expect((await redis.zRange(system.keys.finishedJobs(), 0, -1)).sort()).toEqual(ids.map((id) => `${id}:0`).sort());
  } finally {
    redis.destroy();
  }

  // Nothing to do by hand: the next submission is accepted and judged.
  await pollUntil(async () => (await system.request('GET', '/ready')).status === 200, { what: 'the dispatcher to be ready again' });
  const [after] = await submitAccepted(system, student, 1, { ...body, files: sleepingHello(0) });
  expect(await system.waitForFinal(after as string)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
});
