/** What /proc says about one process: open file descriptors and resident memory. Linux only, like juez itself. */
import { readdir, readFile } from 'node:fs/promises';

/** Entries of /proc/<pid>/fd: files, sockets, pipes, epoll and event fds the process holds open. */
export async function openFds(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

/** VmRSS of the process, MiB; NaN when it is gone. */
export async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = status.match(/^VmRSS:\s+(\d+) kB/m);
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

/** Sum of VmRSS over `pids`, MiB (processes gone meanwhile count 0); NaN when there are none. */
export async function residentMbOf(pids: readonly number[]): Promise<number> {
  if (pids.length === 0) return Number.NaN;
  const values = await Promise.all(pids.map(residentMb));
  return values.reduce((sum, value) => sum + (Number.isNaN(value) ? 0 : value), 0);
}
