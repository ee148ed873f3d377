/**
 * Runs the built judge-cli (dist/judge-cli/main.js, made by `npm run build`) as a child process, the way
 * a user does, and finds the sandbox containers a given judge-cli process created.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const MAIN = `${REPO}dist/judge-cli/main.js`;

export const docker = new Docker();

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Starts judge-cli with `args` in the repository root; `onStart` gets the child (to signal it). */
export function runJudgeCli(args: readonly string[], onStart?: (child: ChildProcess) => void): Promise<CliRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run 'npm run build' first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 }));
    onStart?.(child);
  });
}

/** Sandbox containers of the pools judge-cli process `pid` created (their names start with its pid). */
export async function containersOfCli(pid: number): Promise<Docker.ContainerInfo[]> {
  const all = await docker.listContainers({ all: true, filters: { label: ['juez.role=sandbox'] } });
  return all.filter((c) => c.Labels['juez.pool']?.startsWith(`judge-cli-${pid}-`));
}

/** Safety net: removes whatever a failed judge-cli run left. */
export async function removeContainersOfCli(pid: number): Promise<void> {
  for (const c of await containersOfCli(pid)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
}
