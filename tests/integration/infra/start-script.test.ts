/**
 * `npm start` / `npm run stop` (infra/start.sh, infra/stop.sh) as an operator runs them, on a port, key
 * prefix, queue prefix, executor name and state directory of this test's own, against the real Docker,
 * RabbitMQ and Redis: the first start brings juez up and loads the examples, the printed curl and judge-cli
 * examples work as pasted, a second start restarts nothing and uploads nothing, a changed setting restarts
 * only the service it belongs to, and the stop leaves no process and no sandbox container. The test then
 * deletes the data the run stored (keys, queues) and its state directory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.js';
import { deleteQueues, deleteRedisKeys, poolContainers, removePoolContainers } from '../../support/system-resources.js';
import { cleanEnv, isAlive, runBash, type ScriptRun } from './run-script.js';

const REDIS_URL = process.env.JUEZ_REDIS_URL ?? 'redis://localhost:6379';
const AMQP_URL = process.env.JUEZ_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';

const id = randomBytes(4).toString('hex');
const keyPrefix = `startsh:${id}:`;
const queuePrefix = `startsh.${id}`;
const executorName = `startsh-${id}`;
const course = `course-${id}`;
let stateDir: string;
let env: Record<string, string>;
let port: number;

/** What the first start printed, parsed. */
let first: { run: ScriptRun; studentToken: string; adminToken: string; curl: string; cliLines: string[] };

function pidOf(run: ScriptRun, service: 'dispatcher' | 'executor'): number {
  const match = new RegExp(`^  ${service}\\s+pid (\\d+)`, 'm').exec(run.stdout);
  if (match === null) throw new Error(`no ${service} pid in:\n${run.stdout}\n${run.stderr}`);
  return Number(match[1]);
}

function tokenAfter(run: ScriptRun, heading: string): string {
  const lines = run.stdout.split('\n');
  const at = lines.findIndex((line) => line.startsWith(heading));
  const token = lines[at + 1]?.trim();
  if (at < 0 || token === undefined || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new Error(`no token after '${heading}' in:\n${run.stdout}`);
  return token;
}

function describeRun(run: ScriptRun): string {
  return `exit ${run.code} after ${run.durationMs} ms\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

async function start(extraEnv: Record<string, string> = {}): Promise<ScriptRun> {
  const run = await runBash('bash infra/start.sh', { ...env, ...extraEnv });
  if (run.code !== 0) throw new Error(`infra/start.sh failed: ${describeRun(run)}`);
  return run;
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'juez-start-'));
  port = await freePort();
  env = {
    ...cleanEnv(),
    NO_COLOR: '1',
    JUEZ_STATE_DIR: stateDir,
    JUEZ_HTTP_HOST: '127.0.0.1',
    JUEZ_HTTP_PORT: String(port),
    JUEZ_REDIS_URL: REDIS_URL,
    JUEZ_AMQP_URL: AMQP_URL,
    JUEZ_REDIS_PREFIX: keyPrefix,
    JUEZ_QUEUE_PREFIX: queuePrefix,
    JUEZ_EXAMPLE_COURSE: course,
    JUEZ_EXECUTOR_NAME: executorName,
    JUEZ_POOL_SIZE: '1',
    // judge-cli login (the printed example) saves here, not in the developer's home.
    JUEZ_CLI_CONFIG: path.join(stateDir, 'cli.json'),
  };
  const run = await start();
  const lines = run.stdout.split('\n');
  const curlAt = lines.findIndex((line) => line.trimStart().startsWith('curl '));
  const curlEnd = lines.findIndex((line, index) => index > curlAt && line.trimStart().startsWith('-d '));
  first = {
    run,
    adminToken: tokenAfter(run, 'Admin token'),
    studentToken: tokenAfter(run, 'Student token'),
    curl: curlAt < 0 || curlEnd < 0 ? '' : lines.slice(curlAt, curlEnd + 1).join('\n'),
    cliLines: lines.filter((line) => line.trimStart().startsWith('npx judge-cli login') || line.trimStart().startsWith('npx judge-cli submit')),
  };
}, 400_000);

afterAll(async () => {
  if (stateDir === undefined) return;
  // Safety net when a test failed midway: stop (idempotent), then remove whatever the run stored.
  await runBash('bash infra/stop.sh', env, 180_000);
  await removePoolContainers(executorName);
  await deleteRedisKeys(REDIS_URL, keyPrefix);
  await deleteQueues(AMQP_URL, queuePrefix);
  await rm(stateDir, { recursive: true, force: true });
}, 240_000);

describe('npm start', () => {
  it('starts the dispatcher and the executor, loads every example problem and prints URL and tokens', async () => {
    const { run } = first;
    expect(run.stdout).toContain(`juez is running at http://localhost:${port}`);
    for (const problem of ['aplusb', 'average', 'guess', 'hello', 'twosum']) {
      expect(run.stdout).toMatch(new RegExp(`^    ${problem} version 1 \\(uploaded\\)$`, 'm'));
    }
    expect(isAlive(pidOf(run, 'dispatcher'))).toBe(true);
    expect(isAlive(pidOf(run, 'executor'))).toBe(true);

    const listed = await fetch(`http://127.0.0.1:${port}/api/v1/problems`, { headers: { authorization: `Bearer ${first.adminToken}` } });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { id: string; courseId: string }[] };
    expect(items.map((item) => item.id).sort()).toEqual(['aplusb', 'average', 'guess', 'hello', 'twosum']);
    expect(new Set(items.map((item) => item.courseId))).toEqual(new Set([course]));
  });

  it('keeps the generated secrets in a private settings file', async () => {
    const settings = path.join(stateDir, 'juez.env');
    expect(statSync(settings).mode & 0o777).toBe(0o600);
    const text = await readFile(settings, 'utf8');
    expect(text).toMatch(/^JUEZ_JWT_HS256_SECRET=[0-9a-f]{64}$/m);
    expect(text).toMatch(/^JUEZ_WEBHOOK_SECRET=whsec_[A-Za-z0-9+/]+=*$/m);
  });

  it('prints a curl command that submits hello in Python and gets AC, pasted as is', async () => {
    expect(first.curl).toContain(first.studentToken);
    const run = await runBash(first.curl, env, 60_000);
    expect(run.code, describeRun(run)).toBe(0);
    const submission = JSON.parse(run.stdout) as { status: string; problemId: string; result?: { verdict: string } };
    expect(submission).toMatchObject({ status: 'done', problemId: 'hello', result: { verdict: 'AC' } });
  });

  it('prints judge-cli commands that log in as the student and submit with a verdict', async () => {
    expect(first.cliLines).toHaveLength(2);
    const run = await runBash(first.cliLines.map((line) => line.trim()).join(' && '), env, 120_000);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/^AC \(Accepted\)/m);
  });

  it('restarts nothing and uploads nothing when run again', async () => {
    const again = await start();
    expect(pidOf(again, 'dispatcher'), describeRun(again)).toBe(pidOf(first.run, 'dispatcher'));
    expect(pidOf(again, 'executor'), describeRun(again)).toBe(pidOf(first.run, 'executor'));
    expect(again.stderr).toContain('the dispatcher runs');
    expect(again.stderr).toContain('the executor runs');
    expect(again.stdout).toMatch(/^ {4}hello version 1 \(unchanged, not uploaded again\)$/m);
    expect(again.stdout).not.toContain('(uploaded)');
    // Everything is in place: seconds, not the minutes of a first installation.
    expect(again.durationMs).toBeLessThan(20_000);
    // The secret was kept: a token minted by the first run is still accepted.
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1/problems`, { headers: { authorization: `Bearer ${first.studentToken}` } });
    expect(answer.status).toBe(200);
  });

  it('restarts only the service whose setting changed', async () => {
    const changed = await start({ JUEZ_SSE_HEARTBEAT_S: '10' }); // a setting only the dispatcher reads
    expect(changed.stderr).toContain("the dispatcher's build or settings changed: restarting it");
    expect(pidOf(changed, 'dispatcher')).not.toBe(pidOf(first.run, 'dispatcher'));
    expect(isAlive(pidOf(first.run, 'dispatcher'))).toBe(false);
    expect(pidOf(changed, 'executor')).toBe(pidOf(first.run, 'executor'));
  });
});

describe('npm run stop', () => {
  it('stops both services and leaves no process, pid file or sandbox container', async () => {
    const running = await runBash('cat "$JUEZ_STATE_DIR"/run/*.pid', env);
    const pids = running.stdout.trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    const stop = await runBash('bash infra/stop.sh', env, 180_000);
    expect(stop.code, describeRun(stop)).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(stateDir, 'run', 'dispatcher.pid'))).toBe(false);
    expect(existsSync(path.join(stateDir, 'run', 'executor.pid'))).toBe(false);
    expect(await poolContainers(executorName)).toEqual([]);
    const again = await runBash('bash infra/stop.sh', env, 60_000);
    expect(again.code, describeRun(again)).toBe(0);
  });
});
