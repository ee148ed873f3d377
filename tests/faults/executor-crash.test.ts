/**
 * An executor killed with SIGKILL while judging: the broker redelivers its task to the other executor,
 * which judges it once; no submission stays `judging`; and when the dead executor is started again under
 * its name, it removes the sandbox containers its predecessor left (found by pool name).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { poolContainers } from '../support/system-resources.js';
import { judgedLines, SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

let system: JuezSystem;
let events: SubmissionEventRecorder;

beforeAll(async () => {
  system = await startJuezSystem({ executors: 2, poolSize: 1 });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  await events?.stop();
  await system?.stop();
});

it('redelivers the tasks of a killed executor, judges them once, and cleans up after it on restart', async () => {
  const [victim, survivor] = system.executors;
  if (victim === undefined || survivor === undefined) throw new Error('two executors expected');
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  // 1.5 s asleep on each of 2 test cases: the victim is surely mid-judging when it is killed.
  const ids = await submitAccepted(system, student, 4, { problemId, languageId: 'python', files: sleepingHello(1.5) });

  const taken = await pollUntil(() => [...events.judgingNow()].find(([, executor]) => executor === victim.name)?.[0], {
    timeoutMs: 30_000,
    what: `executor ${victim.name} to start judging`,
  });
  expect(await poolContainers(victim.name)).not.toHaveLength(0);
  expect(await victim.stop('SIGKILL')).toBeNull();
  // Nobody removed the dead executor's sandboxes: they are still there.
  const leftovers = await poolContainers(victim.name);
  expect(leftovers).not.toHaveLength(0);

  const finals = await Promise.all(ids.map((id) => system.waitForFinal(id, 60_000)));
  for (const final of finals) expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });

  // The task the victim was judging: started twice (victim, then survivor), stored once, by the survivor.
  expect(events.history(taken).judgingBy).toEqual([victim.name, survivor.name]);
  expect(finals[ids.indexOf(taken)].executor).toBe(survivor.name);
  const judged = judgedLines(system.executors);
  for (const id of ids) {
    expect(events.history(id).finals, `final verdicts of ${id}`).toBe(1);
    const lines = judged.get(id) ?? [];
    expect(lines.filter((line) => line.stored === 'stored'), `stored verdicts of ${id}`).toHaveLength(1);
  }
  expect(judged.get(taken)).toEqual([{ executor: survivor.name, stored: 'stored', verdict: 'AC' }]);

  // Restarted under the same name, the executor first removes its predecessor's containers.
  const successor = await system.startExecutor(victim.name);
  await successor.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('removed') && line.msg.includes('leftover'), 5_000);
  const now = await poolContainers(victim.name);
  expect(now.filter((id) => leftovers.includes(id))).toEqual([]);
  expect(now).toHaveLength(1); // its own fresh sandbox
});
