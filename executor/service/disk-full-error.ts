/**
 * The executor host's disk has no room for a problem package, even with every package not in use evicted
 * from the cache. Not the package's fault, nor the student's: another executor, or this one once space is
 * freed, can judge the task. So it is retried, then returned to the queue, and only a task on its last
 * delivery ends with an IE naming the host's disk.
 */
export class DiskFullError extends Error {
  override readonly name = 'DiskFullError';
}

/** True for the errno codes of a full disk or an exhausted quota (bytes or inodes). */
export function isNoSpaceError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
