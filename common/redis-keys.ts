/**
 * The Redis key layout, in one place. Every key starts with a prefix (default `juez:`; tests use a random
 * one per test and delete `<prefix>*` afterwards).
 */
export function redisKeys(prefix = 'juez:') {
  return {
    prefix,
    /** Hash: the SubmissionRecord fields (result and progress as JSON strings). */
    submission: (id: string) => `${prefix}sub:${id}`,
    /** String (JSON): the submission's source files, kept for rejudges. */
    submissionSources: (id: string) => `${prefix}sub:${id}:src`,
    /** String: submission id for an external id, per submitting client (idempotent LMS retries). */
    externalId: (submittedBy: string, externalId: string) => `${prefix}ext:${submittedBy}:${externalId}`,
    /** Sorted sets of submission ids, scored by creation time (ms). */
    allSubmissions: () => `${prefix}subs`,
    userSubmissions: (userId: string) => `${prefix}user:${userId}:subs`,
    problemSubmissions: (problemId: string) => `${prefix}problem:${problemId}:subs`,
    courseSubmissions: (courseId: string) => `${prefix}course:${courseId}:subs`,
    /** Hash: a one-off run's record (status, result) — short-lived (TTL). */
    run: (id: string) => `${prefix}run:${id}`,
    /** Hash: problem metadata (latest version, deleted flag, course). */
    problem: (problemId: string) => `${prefix}problem:${problemId}`,
    /** String (JSON): metadata of one immutable problem version (limits, samples, package hash). */
    problemVersion: (problemId: string, version: number) => `${prefix}problem:${problemId}:v:${version}`,
    /** Sorted set of problem ids. */
    problems: () => `${prefix}problems`,
    /** String (binary): a problem package archive (normalized tar.gz), by content hash. */
    packageArchive: (hash: string) => `${prefix}pkg:${hash}`,
    /** Pub/sub channel: events of one submission (progress, final verdict) for SSE. */
    submissionEvents: (id: string) => `${prefix}events:sub:${id}`,
    /** Pub/sub channel: every final verdict. */
    verdictEvents: () => `${prefix}events:verdicts`,
    /** Sorted set: webhook delivery ids, scored by the time of their next attempt (ms). */
    webhooksDue: () => `${prefix}webhooks:due`,
    /** Hash: one webhook delivery (payload, url, attempts, last status). */
    webhook: (deliveryId: string) => `${prefix}webhook:${deliveryId}`,
    /** List: the newest webhook delivery attempts (capped), for the admin log. */
    webhookLog: () => `${prefix}webhooks:log`,
    /** String (counter with TTL): requests of a user in the current rate-limit window. */
    rateLimit: (userId: string, window: number) => `${prefix}rl:${userId}:${window}`,
    /** Hash per executor: heartbeat, pool size, busy slots (TTL refreshed by heartbeats). */
    executor: (name: string) => `${prefix}executor:${name}`,
    /** Sorted set of executor names scored by last heartbeat (ms). */
    executors: () => `${prefix}executors`,
    /** Sorted set: finished jobs (member `<id>:<round>`) scored by finish time, for rates and usage. */
    finishedJobs: () => `${prefix}stats:finished`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
