/** Where the kernel accounts a process's memory, for figures read straight from its cgroup files. */
import { readFile } from 'node:fs/promises';

/** A memory cgroup as a directory below /sys/fs/cgroup, and which hierarchy it belongs to (file names differ). */
export interface MemoryCgroup {
  dir: string;
  version: 1 | 2;
}

/** The memory cgroup of `pid`: v1's `memory` controller, or v2's unified hierarchy. */
export async function memoryCgroupOf(pid: number): Promise<MemoryCgroup> {
  const lines = (await readFile(`/proc/${pid}/cgroup`, 'utf8')).split('\n');
  const v1 = lines.find((line) => line.split(':')[1]?.split(',').includes('memory'));
  if (v1 !== undefined) return { dir: `/sys/fs/cgroup/memory${v1.split(':')[2] ?? ''}`, version: 1 };
  const v2 = lines.find((line) => line.startsWith('0::'));
  if (v2 === undefined) throw new Error(`no memory cgroup for pid ${pid}`);
  return { dir: `/sys/fs/cgroup${v2.slice(3)}`, version: 2 };
}
