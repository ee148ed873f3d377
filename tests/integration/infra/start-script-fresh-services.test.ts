/**
 * `npm start` on a machine where Redis and RabbitMQ do not run yet: infra/start.sh starts them itself
 * (through infra/setup.sh), here a Redis and a RabbitMQ node of this test's own, on ports and in directories
 * of its own, so that the servers other tests and developers use are left alone. Those servers outlive the
 * script, and must not keep its state directory's lock (which made the next `npm run stop` wait ten minutes
 * and fail) nor any other descriptor its caller gave it. The test stops its servers and deletes everything
 * at the end.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.js';
import { pollUntil } from '../../support/poll-until.js';
import { removePoolContainers } from '../../support/system-resources.js';
import { cleanEnv, isAlive, runBash, type ScriptRun } from './run-script.js';

const executorName = `startfresh-${randomBytes(4).toString('hex')}`;
let root: string;
let env: Record<string, string>;
let lockFile: string;
/** A file the caller of the first start holds open on fd 7, as `flock /tmp/x.lock npm start` holds its lock. */
let callerFile: string;
let redisPort: number;
let amqpPort: number;
let first: ScriptRun;

function describeRun(run: ScriptRun): string {
  return `exit ${run.code} after ${run.durationMs} ms\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

/** "<pid> <command line>" of every process that has `file` open, read from /proc/<pid>/fd. */
function processesWithOpen(file: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // exited meanwhile
    }
    const opens = fds.some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
    if (opens) found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`);
  }
  return found;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'juez-start-fresh-'));
  await mkdir(path.join(root, 'state'));
  lockFile = path.join(root, 'state', 'lock');
  callerFile = path.join(root, 'caller-fd');
  writeFileSync(callerFile, '');
  redisPort = await freePort();
  amqpPort = await freePort();
  env = {
    ...cleanEnv(),
    NO_COLOR: '1',
    CALLER_FILE: callerFile,
    JUEZ_STATE_DIR: path.join(root, 'state'),
    JUEZ_LOG_DIR: path.join(root, 'logs'),
    JUEZ_REDIS_PORT: String(redisPort),
    JUEZ_REDIS_DIR: path.join(root, 'redis'),
    JUEZ_RABBITMQ_PORT: String(amqpPort),
    JUEZ_RABBITMQ_DIST_PORT: String(await freePort()),
    JUEZ_RABBITMQ_DIR: path.join(root, 'rabbitmq'),
    JUEZ_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    JUEZ_AMQP_URL: `amqp://guest:guest@127.0.0.1:${amqpPort}`,
    JUEZ_HTTP_HOST: '127.0.0.1',
    JUEZ_HTTP_PORT: String(await freePort()),
    JUEZ_EXECUTOR_NAME: executorName,
    JUEZ_POOL_SIZE: '1',
  };
  first = await runBash('bash infra/start.sh 7>>"$CALLER_FILE"', env, 400_000);
}, 420_000);

afterAll(async () => {
  if (root === undefined) return;
  if (processesWithOpen(lockFile).length === 0) {
    await runBash('bash infra/stop.sh', env, 180_000);
  } else {
    // The servers hold the lock (the bug this file is about): infra/stop.sh would wait ten minutes for it.
    const pids = await runBash('cat "$JUEZ_STATE_DIR"/run/*.pid', env);
    const services = pids.stdout.split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
    for (const pid of services) process.kill(pid, 'SIGTERM');
    await pollUntil(() => services.every((pid) => !isAlive(pid)), { timeoutMs: 120_000, what: 'the dispatcher and the executor to stop' });
  }
  await removePoolContainers(executorName);
  await runBash(`redis-cli -p ${redisPort} shutdown nosave`, env, 30_000);
  const pidFile = path.join(root, 'rabbitmq', 'rabbitmq.pid');
  if (existsSync(pidFile)) {
    const rabbitmqPid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(rabbitmqPid, 'SIGTERM');
    await pollUntil(() => !isAlive(rabbitmqPid), { timeoutMs: 60_000, what: `RabbitMQ node (pid ${rabbitmqPid}) to stop` });
  }
  await rm(root, { recursive: true, force: true });
}, 300_000);

describe('npm start where Redis and RabbitMQ do not run yet', () => {
  it('starts its own Redis and RabbitMQ, then the dispatcher and the executor', () => {
    expect(first.code, describeRun(first)).toBe(0);
    expect(first.stderr).toContain(`starting redis on port ${redisPort}`);
    expect(first.stderr).toContain(`starting rabbitmq on port ${amqpPort}`);
    expect(first.stdout).toContain('juez is running at');
  });

  it('leaves the lock, and the descriptors its caller gave it, open in no process once it is done', () => {
    expect(first.code, describeRun(first)).toBe(0);
    expect(processesWithOpen(lockFile)).toEqual([]);
    expect(processesWithOpen(callerFile)).toEqual([]);
  });
});

describe('npm run stop after that start', () => {
  it('stops the services in seconds, and a second start takes the lock at once', async () => {
    // A server still holding the lock would make the stop below wait its ten minutes: fail at once instead.
    expect(processesWithOpen(lockFile)).toEqual([]);
    const stop = await runBash('bash infra/stop.sh', env, 120_000);
    expect(stop.code, describeRun(stop)).toBe(0);
    expect(stop.stderr).not.toContain('waiting for the lock');
    // Before the fix: ten minutes (the servers held the lock), then a failure.
    expect(stop.durationMs).toBeLessThan(60_000);

    const again = await runBash('bash infra/start.sh', env, 300_000);
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stderr).not.toContain('waiting for the lock');
    expect(again.stderr).not.toContain('starting redis');
    expect(again.stderr).not.toContain('starting rabbitmq');
    expect(again.durationMs).toBeLessThan(120_000);
    expect(processesWithOpen(lockFile)).toEqual([]);
  }, 300_000);

  it('names the process that holds the lock while it waits for it', async () => {
    expect(processesWithOpen(lockFile)).toEqual([]);
    const holder = spawn('flock', [lockFile, 'sleep', '3'], { stdio: 'ignore' });
    await pollUntil(() => processesWithOpen(lockFile).length > 0, { what: 'flock to open the lock' });
    const stop = await runBash('bash infra/stop.sh', env, 120_000);
    expect(stop.code, describeRun(stop)).toBe(0);
    expect(stop.stderr).toContain(`waiting for the lock ${lockFile}, open in: pid ${holder.pid} (flock ${lockFile} sleep 3)`);
  }, 130_000);
});
