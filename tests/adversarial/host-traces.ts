/**
 * What the host must not show after the corpus: processes of the sandbox users outside a live container, or
 * inside one of the corpus pool's (idle) containers. The executor runs on the Docker host, so container
 * processes appear in the host's process table under their real uids (no user namespace remapping).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** uids of `sandbox` (submitted programs, compilers) and `validator` in the runtime image. */
export const SANDBOX_UIDS: readonly number[] = [10000, 10001];

export interface HostProcess {
  pid: number;
  uid: number;
  command: string;
  /** Full id of the Docker container whose cgroup holds it, or undefined for a host process. */
  containerId?: string;
}

/** Every host process running as a sandbox user, with the container it belongs to. */
export async function listSandboxUserProcesses(): Promise<HostProcess[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,uid=,args=']);
  const found: HostProcess[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const uid = Number(match[2]);
    if (!SANDBOX_UIDS.includes(uid)) continue;
    const pid = Number(match[1]);
    // Gone meanwhile: it was not stray then.
    const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => undefined);
    if (cgroup === undefined) continue;
    const containerId = /docker[/-]([0-9a-f]{64})/.exec(cgroup)?.[1];
    found.push({ pid, uid, command: match[3] ?? '', ...(containerId === undefined ? {} : { containerId }) });
  }
  return found;
}

/**
 * Sandbox-user processes that should not exist: outside every container, in a container that no longer exists,
 * or in one of `ours` (idle pool containers hold only their root supervisor). Other containers' processes are
 * left alone: other test files judge in parallel on the same host.
 */
export function findStrayProcesses(
  processes: readonly HostProcess[],
  ours: readonly string[],
  existing: readonly string[],
): HostProcess[] {
  const isOurs = (id: string): boolean => ours.some((short) => id.startsWith(short));
  return processes.filter(
    (p) => p.containerId === undefined || isOurs(p.containerId) || !existing.some((id) => id === p.containerId),
  );
}
