/**
 * Statistics sources in Redis: task arrivals (written here, on publish), finished jobs and executor
 * heartbeats (written by executors; layout in common/redis-keys.ts).
 */
import type { RedisKeys } from '../../common/redis-keys.js';
import type { Lane } from '../../common/submission.js';
import type { RedisConnection } from './redis-connection.js';

/** A finished job (redisKeys().finishedJob hash). */
export interface FinishedJobStats {
  id: string;
  round: number;
  kind: 'submission' | 'run';
  lane: string;
  executor: string;
  /** Verdict, or run status. */
  outcome: string;
  userId: string;
  courseId: string;
  problemId: string;
  /** Finish − publish, ms. */
  responseMs: number;
  /** Finish − start on the executor, ms. */
  serviceMs: number;
  cpuMs: number;
  finishedAt: number;
}

/** An executor's last heartbeat (redisKeys().executor hash). */
export interface ExecutorHeartbeat {
  name: string;
  poolSize: number;
  busy: number;
  startedAt: number;
  lastSeen: number;
}

const ARRIVAL_RETENTION_MS = 24 * 3600_000;

export class RedisStatsStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** A task was confirmed by the broker (member `<id>:<round>`). */
  async recordArrival(lane: Lane, id: string, round: number, atMs: number): Promise<void> {
    const key = this.keys.arrivals(lane);
    await this.redis
      .multi()
      .zAdd(key, { score: atMs, value: `${id}:${round}` })
      .zRemRangeByScore(key, '-inf', atMs - ARRIVAL_RETENTION_MS)
      .exec();
  }

  async countArrivals(lane: Lane, fromMs: number, toMs: number): Promise<number> {
    return this.redis.zCount(this.keys.arrivals(lane), fromMs, toMs);
  }

  /** Jobs finished in (fromMs, toMs], with their details (those whose details expired are skipped). */
  async finishedBetween(fromMs: number, toMs: number): Promise<FinishedJobStats[]> {
    const members = await this.redis.zRange(this.keys.finishedJobs(), `(${fromMs}`, toMs, { BY: 'SCORE' });
    const hashes = await Promise.all(
      members.map((member) => {
        const at = member.lastIndexOf(':');
        return this.redis.hGetAll(this.keys.finishedJob(member.slice(0, at), Number(member.slice(at + 1))));
      }),
    );
    return hashes.flatMap((hash) => {
      if (hash.id === undefined) return [];
      return [
        {
          id: hash.id,
          round: Number(hash.round ?? 0),
          kind: hash.kind === 'run' ? 'run' : 'submission',
          lane: hash.lane ?? 'submission',
          executor: hash.executor ?? '',
          outcome: hash.outcome ?? '',
          userId: hash.userId ?? '',
          courseId: hash.courseId ?? '',
          problemId: hash.problemId ?? '',
          responseMs: Number(hash.responseMs ?? 0),
          serviceMs: Number(hash.serviceMs ?? 0),
          cpuMs: Number(hash.cpuMs ?? 0),
          finishedAt: Number(hash.finishedAt ?? 0),
        } satisfies FinishedJobStats,
      ];
    });
  }

  /** Executors that sent a heartbeat since `sinceMs`. */
  async executors(sinceMs: number): Promise<ExecutorHeartbeat[]> {
    const names = await this.redis.zRange(this.keys.executors(), sinceMs, '+inf', { BY: 'SCORE' });
    const hashes = await Promise.all(names.map((name) => this.redis.hGetAll(this.keys.executor(name))));
    return hashes.flatMap((hash, i) =>
      hash.name === undefined && hash.lastSeen === undefined
        ? []
        : [
            {
              name: hash.name ?? (names[i] as string),
              poolSize: Number(hash.poolSize ?? 0),
              busy: Number(hash.busy ?? 0),
              startedAt: Number(hash.startedAt ?? 0),
              lastSeen: Number(hash.lastSeen ?? 0),
            },
          ],
    );
  }
}
