/**
 * Two executor processes on one queue share the work, and every submission is judged exactly once: one
 * judging start, one "judged" log line and one stored final verdict per submission, across both.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { judgedLines, SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

const SUBMISSIONS = 12;

let system: JuezSystem;
let events: SubmissionEventRecorder;

beforeAll(async () => {
  // One sandbox each: an executor holds one task at a time, so the other must take the rest.
  system = await startJuezSystem({ executors: 2, poolSize: 1 });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  await events?.stop();
  await system?.stop();
});

it('both executors judge, and each submission is judged exactly once', async () => {
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  // 0.2 s per test case: long enough that a free executor always finds work waiting.
  const ids = await submitAccepted(system, student, SUBMISSIONS, { problemId, languageId: 'python', files: sleepingHello(0.2) });

  const finals = await Promise.all(ids.map((id) => system.waitForFinal(id, 60_000)));
  for (const final of finals) expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });

  const executorNames = system.executors.map((executor) => executor.name);
  const judged = judgedLines(system.executors);
  const judgedBy = new Map(executorNames.map((name) => [name, 0]));
  for (const [index, id] of ids.entries()) {
    const history = events.history(id);
    expect(history.judgingBy, `judging starts of ${id}`).toHaveLength(1);
    expect(history.finals, `final verdicts of ${id}`).toBe(1);
    const lines = judged.get(id) ?? [];
    expect(lines, `judged lines of ${id}`).toEqual([{ executor: finals[index].executor, stored: 'stored', verdict: 'AC' }]);
    judgedBy.set(finals[index].executor, (judgedBy.get(finals[index].executor) ?? 0) + 1);
  }
  expect(judgedBy.size).toBe(2);
  for (const [name, count] of judgedBy) expect(count, `submissions judged by ${name}`).toBeGreaterThan(0);

  // The executors' statistics agree: one finished job per submission, by the executor of the record.
  const redis = createClient({ url: system.redisUrl });
  await redis.connect();
  try {
    const members = await redis.zRange(system.keys.finishedJobs(), 0, -1);
    expect(members.sort()).toEqual(ids.map((id) => `${id}:0`).sort());
    for (const [index, id] of ids.entries()) {
      expect(await redis.hGet(system.keys.finishedJob(id, 0), 'executor')).toBe(finals[index].executor);
    }
  } finally {
    redis.destroy();
  }
});
