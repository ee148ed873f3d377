/**
 * The host's shared Docker engine, killed and started again for tests/faults/docker-restart.test.ts. It is
 * started by infra/local/start-dockerd.sh, exactly as infra/setup.sh starts it. Killing it takes every
 * container on the host with it: only a test that runs alone may use this.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { REPO_ROOT } from '../support/service-process.js';
import { pollUntil } from '../support/poll-until.js';

const run = promisify(execFile);
const PID_FILE = '/var/run/docker.pid';

/** True when the engine answers a ping on its socket. */
export async function dockerAnswers(): Promise<boolean> {
  return new Docker()
    .ping()
    .then(() => true)
    .catch(() => false);
}

/** SIGKILLs dockerd, as a crash would, and resolves with its pid once it is gone and its socket is silent. */
export async function killDockerd(): Promise<number> {
  const pid = Number((await readFile(PID_FILE, 'utf8')).trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${PID_FILE} holds no pid`);
  process.kill(pid, 'SIGKILL');
  await pollUntil(async () => !(await isAlive(pid)) && !(await dockerAnswers()), { timeoutMs: 15_000, what: `dockerd (pid ${pid}) to be gone` });
  return pid;
}

/** Starts dockerd with infra/local/start-dockerd.sh (which waits until it answers); a no-op when it runs. */
export async function startDockerd(): Promise<void> {
  await run('bash', [`${REPO_ROOT}infra/local/start-dockerd.sh`], { timeout: 90_000 });
}

/** A process that exists and is not a zombie. */
async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
