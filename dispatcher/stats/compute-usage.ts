/**
 * Resource usage per user and per course over a time range.
 *   submissions  created in the range (durable: from the submission indices)
 *   runs         finished in the range, counted while their job statistics live (executors keep 24 h)
 *   cpuSeconds   CPU of those submissions' latest judging (result.cpuMs) plus that of those runs
 */
import type { RedisStatsStore } from '../store/redis-stats-store.js';
import type { RedisSubmissionStore } from '../store/redis-submission-store.js';

export interface UsageQuery {
  fromMs: number;
  toMs: number;
  /** Only these courses (undefined: all). */
  courses?: readonly string[];
  userId?: string;
}

export interface UsageRow {
  submissions: number;
  runs: number;
  cpuSeconds: number;
}

export interface UsageReport {
  from: string;
  to: string;
  users: (UsageRow & { userId: string; courseId: string })[];
  courses: (UsageRow & { courseId: string })[];
}

export async function computeUsage(
  submissions: RedisSubmissionStore,
  stats: RedisStatsStore,
  query: UsageQuery,
): Promise<UsageReport> {
  const perUser = new Map<string, UsageRow & { userId: string; courseId: string }>();
  const add = (userId: string, courseId: string, change: Partial<UsageRow>): void => {
    if (query.courses !== undefined && !query.courses.includes(courseId)) return;
    if (query.userId !== undefined && userId !== query.userId) return;
    const key = `${userId}\0${courseId}`;
    const row = perUser.get(key) ?? { userId, courseId, submissions: 0, runs: 0, cpuSeconds: 0 };
    row.submissions += change.submissions ?? 0;
    row.runs += change.runs ?? 0;
    row.cpuSeconds += change.cpuSeconds ?? 0;
    perUser.set(key, row);
  };

  const index =
    query.userId !== undefined
      ? { userId: query.userId }
      : query.courses !== undefined && query.courses.length === 1
        ? { courseId: query.courses[0] as string }
        : {};
  const ids = await submissions.idsCreatedBetween(index, query.fromMs, query.toMs);
  for (let start = 0; start < ids.length; start += 200) {
    const records = await Promise.all(ids.slice(start, start + 200).map((id) => submissions.get(id)));
    for (const stored of records) {
      if (stored === undefined || stored.pending) continue;
      const { record } = stored;
      add(record.userId, record.courseId, { submissions: 1, cpuSeconds: (record.result?.cpuMs ?? 0) / 1000 });
    }
  }
  for (const job of await stats.finishedBetween(query.fromMs - 1, query.toMs)) {
    if (job.kind === 'run') add(job.userId, job.courseId, { runs: 1, cpuSeconds: job.cpuMs / 1000 });
  }

  const perCourse = new Map<string, UsageRow & { courseId: string }>();
  for (const row of perUser.values()) {
    const course = perCourse.get(row.courseId) ?? { courseId: row.courseId, submissions: 0, runs: 0, cpuSeconds: 0 };
    course.submissions += row.submissions;
    course.runs += row.runs;
    course.cpuSeconds += row.cpuSeconds;
    perCourse.set(row.courseId, course);
  }
  const round = <T extends UsageRow>(row: T): T => ({ ...row, cpuSeconds: Math.round(row.cpuSeconds * 1000) / 1000 });
  const byKey = (a: { courseId: string }, b: { courseId: string }): number => a.courseId.localeCompare(b.courseId);
  return {
    from: new Date(query.fromMs).toISOString(),
    to: new Date(query.toMs).toISOString(),
    users: [...perUser.values()].map(round).sort((a, b) => byKey(a, b) || a.userId.localeCompare(b.userId)),
    courses: [...perCourse.values()].map(round).sort(byKey),
  };
}
