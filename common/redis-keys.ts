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
    /**
     * Sorted set (dispatcher only): ids of submissions stored or put back in the queue whose task the broker
     * has not confirmed yet, scored by when they entered (ms); what a dispatcher that died left unpublished.
     */
    submissionOutbox: () => `${prefix}outbox:subs`,
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
    /** Pub/sub channel: events of one run (common/submission-events.ts RunEvent). */
    runEvents: (id: string) => `${prefix}events:run:${id}`,
    /** Pub/sub channel: every final verdict. */
    verdictEvents: () => `${prefix}events:verdicts`,
    /** Sorted set: webhook delivery ids, scored by the time of their next attempt (ms). */
    webhooksDue: () => `${prefix}webhooks:due`,
    /** Hash: one webhook delivery (payload, url, attempts, last status). */
    webhook: (deliveryId: string) => `${prefix}webhook:${deliveryId}`,
    /** List: the newest webhook delivery attempts (capped), for the admin log. */
    webhookLog: () => `${prefix}webhooks:log`,
    /**
     * String (counter with TTL): requests of a user in one rate-limit window (window = floor(ms / window
     * length)); `bucket` separates the limits (`requests`, `submissions`).
     */
    rateLimit: (userId: string, window: number, bucket = 'requests') => `${prefix}rl:${bucket}:${userId}:${window}`,
    /**
     * Hash per executor, rewritten by every heartbeat with a TTL of 3 heartbeats: name, poolSize, busy, idle
     * (pool slots), held (tasks delivered, waiting for a slot), startedAt and lastSeen (ms), heartbeatMs,
     * judged, runs, internalErrors, requeued, handedBack (counts since start), imageTag, and languages: JSON object of
     * the languages it serves, id → version read from its runtime image. The dispatcher accepts a task only
     * in a language some live executor advertises here (dispatcher/store/redis-language-advertisements.ts),
     * so a dead executor's languages disappear with its hash.
     */
    executor: (name: string) => `${prefix}executor:${name}`,
    /** Sorted set of executor names scored by last heartbeat (ms). */
    executors: () => `${prefix}executors`,
    /**
     * Hash: language id → `<ms> <version>`, when some executor last advertised it, written by every heartbeat
     * and never deleted. A language served a moment ago is still accepted for a grace period
     * (JUEZ_LANGUAGE_GRACE_S): restarting the only executor must not turn students away.
     */
    languagesSeen: () => `${prefix}languages:seen`,
    /**
     * Sorted set: finished jobs (member `<id>:<round>`; runs have round 0) scored by finish time (ms), for
     * rates and usage; each member's details are at finishedJob(id, round). The executor trims both to 24 h.
     */
    finishedJobs: () => `${prefix}stats:finished`,
    /**
     * Hash (TTL 24 h), written by the executor with the final verdict: id, round, kind (`submission` | `run`),
     * lane, executor, outcome (verdict, or run status), userId, courseId, problemId (each '' when unknown),
     * responseMs (finish − publishedAt), serviceMs (finish − start on the executor), cpuMs, finishedAt (ms).
     */
    finishedJob: (id: string, round: number) => `${prefix}stats:job:${id}:${round}`,
    /**
     * Sorted set per lane: tasks published (member `<id>:<round>`, like finishedJobs) scored by publish time
     * (ms), written by the dispatcher once the broker confirmed the task; for arrival rates and response
     * times. Trimmed to the last 24 h.
     */
    arrivals: (lane: string) => `${prefix}stats:arrivals:${lane}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
