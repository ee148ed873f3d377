/**
 * The executor's package cache on a disk that fills up: a 4 MiB tmpfs mounted for the test (as root), far
 * smaller than the configured cache size (JUEZ_PACKAGE_CACHE_MB), with problems of 1.5 MiB each.
 *
 * Injected, in turn:
 * 1. The disk filled by something else (a 3 MiB file): no package fits and there is nothing of ours to
 *    evict. Expected: the task is retried (JUEZ_DISK_RETRY_S, then returned to the queue) and only on its
 *    last delivery ends as IE naming the executor's full disk, never a student's verdict; one final
 *    verdict; a clear error in the log; no crash.
 * 2. Space coming back (the file removed) while a task waits for room: it is judged, AC, without
 *    restarting anything.
 * 3. Packages that do not all fit: the least recently used package not in use is evicted to make room,
 *    and the new one is judged, AC.
 *
 * The sandbox's own writes never reach this disk (or any host disk): /work, /tmp and /judge are tmpfs of
 * the container, whose contents count towards the program's memory (tests/adversarial: tmpfs_hog.c,
 * write_outside.c).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { SubmissionEventRecorder } from '../support/submission-event-recorder.js';
import { SLOW_HELLO, sleepingHello, submitAccepted } from './fault-kit.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
/** Harness delivery limit 3: four deliveries, each retrying for JUEZ_DISK_RETRY_S. */
const DELIVERIES = 4;

let work: string;
let disk: string;
let mounted = false;
let system: JuezSystem;
let events: SubmissionEventRecorder;

/** Runs a command as root (the test machines run as root; elsewhere through sudo, without a prompt). */
function asRoot(command: string, args: string[]): Promise<unknown> {
  return process.getuid?.() === 0 ? run(command, args) : run('sudo', ['-n', command, ...args]);
}

/** A copy of the slow hello problem with one more test case of `bytes` bytes of input (compressible). */
async function bigHello(name: string, bytes: number): Promise<string> {
  const dir = path.join(work, name);
  await cp(SLOW_HELLO, dir, { recursive: true });
  const line = `${name} ${'x'.repeat(70)}\n`;
  await writeFile(path.join(dir, 'data', 'secret', '2.in'), line.repeat(Math.ceil(bytes / line.length)));
  await writeFile(path.join(dir, 'data', 'secret', '2.ans'), 'Hello, World!\n');
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'juez-faults-disk-'));
  disk = path.join(work, 'cache');
  await run('mkdir', [disk]);
  await asRoot('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0755', 'juez-faults-disk', disk]);
  mounted = true;
  system = await startJuezSystem({
    executors: 1,
    poolSize: 1,
    // The configured cache size (512 MiB in the harness) is far above what the disk holds.
    executorEnv: { JUEZ_PACKAGE_CACHE_DIR: disk, JUEZ_DISK_RETRY_S: '2' },
  });
  events = await SubmissionEventRecorder.start(system.redisUrl, system.keyPrefix);
});

afterAll(async () => {
  await events?.stop();
  await system?.stop();
  if (mounted) await asRoot('umount', [disk]);
  await rm(work, { recursive: true, force: true });
});

it('retries a package that does not fit, then blames the host; recovers when space is back; evicts LRU', async () => {
  const [executor] = system.executors;
  if (executor === undefined) throw new Error('an executor expected');
  const problems: Record<string, string> = {};
  for (const name of ['alpha', 'bravo', 'charlie']) {
    problems[name] = (await system.pushProblem(await bigHello(name, 1.5 * MiB))).problemId;
  }
  const student = system.token({ sub: 'student-1', role: 'student' });
  const admin = system.token({ sub: 'admin', role: 'admin' });
  const submit = async (name: string): Promise<string> => {
    const [id = ''] = await submitAccepted(system, student, 1, { problemId: problems[name], languageId: 'python', files: sleepingHello(0) });
    return id;
  };
  const hashOf = async (name: string): Promise<string> => {
    const answer = await system.request('GET', `/api/v1/problems/${problems[name]}`, { token: admin });
    expect(answer.body.packageHash).toMatch(/^[a-f0-9]{64}$/);
    return String(answer.body.packageHash);
  };

  // 1. Full of something else: nothing to evict. Retried, returned, and IE on the last delivery only.
  const filler = path.join(disk, 'filler');
  await writeFile(filler, Buffer.alloc(3 * MiB, 1));
  const startedAt = Date.now();
  const doomed = await submit('alpha');
  const final = await system.waitForFinal(doomed, 90_000);
  const tookMs = Date.now() - startedAt;
  expect(final).toMatchObject({ status: 'done', result: { verdict: 'IE', internalError: { culprit: 'executor' } } });
  expect(final.result.internalError.message).toMatch(/no space left on the executor's disk/);
  expect(events.history(doomed)).toMatchObject({ judgingBy: Array(DELIVERIES).fill(executor.name), finals: 1, verdicts: ['IE'] });
  // Each delivery waited for room before giving the task back: bounded retries, not a tight loop.
  expect(tookMs).toBeGreaterThan(DELIVERIES * 2_000);
  const full = executor.logLines().filter((line) => line.msg === 'package cache disk full: no room for the package even with every unused package evicted');
  expect(full.length).toBeGreaterThanOrEqual(DELIVERIES);
  expect(full.length).toBeLessThan(DELIVERIES * 10);
  expect(full[0]).toMatchObject({ level: 50, dir: disk });
  // The student is told whom to blame, not the details.
  expect((await system.request('GET', `/api/v1/submissions/${doomed}`, { token: student })).body.result.internalError).toEqual({ culprit: 'executor' });

  // 2. Space comes back while a task waits for it: judged, without restarting anything.
  const linesBefore = executor.logLines().length;
  const waiting = await submit('bravo');
  await executor.waitForLog((line) => line.msg === 'no room for the package on this host: retrying' && line.submissionId === waiting, 20_000);
  expect(executor.logLines().length).toBeGreaterThan(linesBefore);
  await rm(filler);
  expect(await system.waitForFinal(waiting, 60_000)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  expect(events.history(waiting).finals).toBe(1);

  // 3. Do not all fit: 4 MiB holds two of the 1.5 MiB packages. alpha joins bravo; charlie then evicts
  //    bravo, the least recently used, and both are judged.
  const [alpha, bravo, charlie] = [await hashOf('alpha'), await hashOf('bravo'), await hashOf('charlie')];
  const alphaId = await submit('alpha');
  expect(await system.waitForFinal(alphaId, 60_000)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  expect((await readdir(disk)).sort()).toEqual([alpha, bravo].sort());
  const charlieId = await submit('charlie');
  expect(await system.waitForFinal(charlieId, 60_000)).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  expect((await readdir(disk)).sort()).toEqual([alpha, charlie].sort());
  expect(executor.logLines().filter((line) => line.msg === 'package evicted from cache')).toEqual([
    expect.objectContaining({ packageHash: bravo, why: 'disk full' }),
  ]);

  // Alive throughout.
  expect(await Promise.race([executor.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');
}, 180_000);
