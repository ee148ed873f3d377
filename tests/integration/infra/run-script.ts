/**
 * Runs a repository script (bash infra/start.sh, a printed example command) as an operator does, with an
 * environment of the test's choosing: no JUEZ_* or service setting leaks in from the developer's shell.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DISPATCHER_CONFIG_TABLE } from '../../../dispatcher/config.js';
import { EXECUTOR_CONFIG_TABLE } from '../../../executor/service/config.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const SERVICE_VARIABLES = new Set([...Object.values(DISPATCHER_CONFIG_TABLE), ...Object.values(EXECUTOR_CONFIG_TABLE)].map((entry) => entry.name));

/** process.env without any variable a juez service, start.sh or judge-cli reads. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !SERVICE_VARIABLES.has(name) && !name.startsWith('JUEZ_')) env[name] = value;
  }
  return env;
}

/** `bash -c <command>` in the repository root with exactly `env`; resolves when it exits. */
export function runBash(command: string, env: Record<string, string>, timeoutMs = 300_000): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, durationMs: Date.now() - started }));
  });
}

/** True while `pid` is a live process: one that exited but was not reaped yet (a zombie) does not count. */
export function isAlive(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // `pid (comm) state …`: comm may hold spaces and parentheses, the state follows the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}
