/**
 * The Docker daemon crashing (SIGKILL) while submissions are being judged and others wait in the queue,
 * and started again a few seconds later exactly as infra/setup.sh starts it (infra/local/start-dockerd.sh).
 *
 * Expected: the executor survives the engine's absence: it logs a clear error, does not spin (a bounded
 * number of log lines while the engine is gone) and does not exit; the judging the engine's death cut
 * short is an infrastructure failure, retried on a new sandbox, never a student's verdict; once the engine
 * is back the pool is refilled by itself, the dead containers are removed, every accepted submission ends
 * with exactly one final verdict, the expected one (AC, not IE), and new submissions are judged.
 *
 * Why not `live-restore`: the executor speaks to each sandbox's supervisor over a stream attached through
 * dockerd, and that stream ends with dockerd whatever the setting (tried on this Docker 20.10: with
 * live-restore the container survives and can be attached to again, but a new attachment does not replay
 * what the supervisor wrote in between, so the protocol could not resume). The containers would outlive
 * the daemon but be useless to the executor, which replaces them anyway; live-restore stays off.
 *
 * Killing dockerd kills every container on the host: this file must run when nothing else uses Docker. It
 * is the project `faults-docker` of vitest.config.ts, which runs after every other test file; run it alone
 * under the machine's exclusive lock: `flock -x -o /tmp/juez-machine.lock npx vitest run --project faults-docker`
 * (about 20 s, plus the wait for the lock).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { poolContainers } from '../support/system-resources.js';
import { dockerAnswers, killDockerd, startDockerd } from './docker-daemon.js';
import { judgedLines, SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

const POOL_SIZE = 2;
/** How long the engine stays dead, ms: several of the pool's replacement attempts fail meanwhile. */
const OUTAGE_MS = 6_000;

let system: JuezSystem;
let events: SubmissionEventRecorder;

beforeAll(async () => {
  system = await startJuezSystem({ executors: 1, poolSize: POOL_SIZE });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  // Whatever happened above, the engine runs again for whoever comes next.
  await startDockerd();
  await events?.stop();
  await system?.stop();
}, 180_000);

it('survives a Docker daemon crash: replaces its sandboxes and judges every submission once, correctly', async () => {
  const [executor] = system.executors;
  if (executor === undefined) throw new Error('an executor expected');
  const { problemId } = await system.pushProblem(SLOW_HELLO);
  const student = system.token({ sub: 'student-1', role: 'student' });
  const before = await poolContainers(executor.name);
  expect(before).toHaveLength(POOL_SIZE);
  // 1.5 s asleep on each of 2 test cases, 6 submissions on 2 sandboxes: two are being judged and four wait.
  const ids = await submitAccepted(system, student, 6, { problemId, languageId: 'python', files: sleepingHello(1.5) });
  await pollUntil(() => events.judgingNow().size === POOL_SIZE, { what: `${POOL_SIZE} submissions being judged` });

  await killDockerd();
  const downAt = Date.now();
  const linesBefore = executor.logLines().length;
  // Checked once everything is judged, so that a missing line does not hide what else went wrong.
  const unreachable = executor
    .waitForLog((line) => Number(line.level) >= 50 && /engine.*unreachable/i.test(String(line.msg)), OUTAGE_MS)
    .catch((error: Error) => ({ msg: error.message }));
  await pollUntil(() => Date.now() - downAt >= OUTAGE_MS, { intervalMs: 200, what: 'the outage to last' });
  expect(await dockerAnswers()).toBe(false);
  const duringOutage = executor.logLines().slice(linesBefore);
  await startDockerd();
  const upAt = Date.now();

  const finals = await Promise.all(ids.map((id) => system.waitForFinal(id, 120_000)));
  for (const [index, final] of finals.entries()) {
    expect(final, `submission ${ids[index]}`).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  }
  const judged = judgedLines(system.executors);
  for (const id of ids) {
    expect(events.history(id).finals, `final verdicts of ${id}`).toBe(1);
    expect(events.history(id).verdicts, `final verdicts of ${id}`).toEqual(['AC']);
    expect((judged.get(id) ?? []).filter((line) => line.stored === 'stored'), `stored verdicts of ${id}`).toHaveLength(1);
  }

  // Alive throughout, and it said what was wrong.
  expect(await Promise.race([executor.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');
  expect(String((await unreachable).msg)).toMatch(/sandbox.*engine.*unreachable/i);
  // No busy loop: a handful of lines per second of outage, not thousands.
  expect(duringOutage.length, duringOutage.map((line) => line.msg).join('\n')).toBeLessThan(60);

  // The pool is whole again with new containers only: the dead ones were removed once the engine was back.
  const after = await pollUntil(
    async () => {
      const now = await poolContainers(executor.name);
      return now.length === POOL_SIZE && now.every((id) => !before.includes(id)) ? now : undefined;
    },
    { timeoutMs: 60_000, what: `${POOL_SIZE} fresh sandboxes and no dead one`, explain: async () => JSON.stringify(await poolContainers(executor.name)) },
  );
  expect(after).toHaveLength(POOL_SIZE);

  // And it judges new work as before.
  const [next = ''] = await submitAccepted(system, student, 1, { problemId, languageId: 'python', files: sleepingHello(0) });
  expect(await system.waitForFinal(next, 60_000)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  const said = duringOutage.map((line) => `  ${String(line.msg).slice(0, 200)}`).join('\n');
  console.info(`docker restart: engine down ${upAt - downAt} ms; the executor said meanwhile:\n${said}`);
}, 300_000);
