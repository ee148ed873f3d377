/**
 * A task whose every delivery dies with its executor (SIGKILL mid-judging, restarted each time) does not
 * crash-loop forever: after the queue's delivery limit the broker dead-letters it, and the next executor
 * gives it a final internal-error verdict naming the executor as the culprit, not the student.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

/** The harness's x-delivery-limit is 3: a message may be returned 3 times, so it is delivered 4 times. */
const DELIVERIES = 4;

let system: JuezSystem;
let events: SubmissionEventRecorder;

beforeAll(async () => {
  system = await startJuezSystem({ executors: 1, poolSize: 1 });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  await events?.stop();
  await system?.stop();
});

it('gives an executor-blamed IE to a task that killed the executor on every delivery', async () => {
  const name = system.executors[0]?.name ?? '';
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  const [id = ''] = await submitAccepted(system, student, 1, { problemId, languageId: 'python', files: sleepingHello(2) });

  for (let delivery = 1; delivery <= DELIVERIES; delivery++) {
    const executor = system.executors.at(-1);
    if (executor === undefined) throw new Error('no executor');
    await pollUntil(() => events.history(id).judgingBy.length === delivery, {
      timeoutMs: 30_000,
      what: `delivery ${delivery} of ${id} to be judged`,
      explain: () => executor.logs().split('\n').slice(-20).join('\n'),
    });
    await executor.stop('SIGKILL');
    await system.startExecutor(name);
  }

  const final = await system.waitForFinal(id, 30_000);
  expect(final).toMatchObject({ status: 'done', result: { verdict: 'IE', internalError: { culprit: 'executor' } } });
  expect(events.history(id)).toMatchObject({ judgingBy: Array(DELIVERIES).fill(name), finals: 1, verdicts: ['IE'] });
  // The student is told whom to blame, not the details.
  const seen = await system.request('GET', `/api/v1/submissions/${id}`, { token: student });
  expect(seen.body.result.internalError).toEqual({ culprit: 'executor' });
});
