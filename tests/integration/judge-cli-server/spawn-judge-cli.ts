/**
 * Runs the built judge-cli (dist/judge-cli/main.js) as a user does, with an environment of the test's
 * choosing: nothing JUEZ_* leaks in from the developer's shell, and the login file is the test's own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = `${REPO}dist/judge-cli/main.js`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A line a stack trace would print: judge-cli must never show one. */
export const STACK_LINE = /^\s+at /m;

/** Starts judge-cli with `args` and exactly `env` (plus PATH, HOME), and resolves when it exits. */
export function spawnJudgeCli(args: readonly string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run 'npm run build' first`);
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'DOCKER_HOST', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: REPO,
      env: { ...base, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
