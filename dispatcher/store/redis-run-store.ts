/** One-off runs in Redis (common/run-record.ts), each with a TTL. */
import type { RedisKeys } from '../../common/redis-keys.js';
import type { RunRecord } from '../../common/run-record.js';
import type { RunResult } from '../../common/run-result.js';
import type { RedisConnection } from './redis-connection.js';

export class RedisRunStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly ttlS: number,
  ) {}

  async create(record: RunRecord): Promise<void> {
    const key = this.keys.run(record.id);
    const fields: Record<string, string> = {
      id: record.id,
      userId: record.userId,
      languageId: record.languageId,
      status: record.status,
      createdAt: record.createdAt,
    };
    if (record.courseId !== undefined) fields.courseId = record.courseId;
    if (record.problemId !== undefined) fields.problemId = record.problemId;
    if (record.problemVersion !== undefined) fields.problemVersion = String(record.problemVersion);
    await this.redis.multi().hSet(key, fields).expire(key, this.ttlS).exec();
  }

  async get(id: string): Promise<RunRecord | undefined> {
    return decodeRun(await this.redis.hGetAll(this.keys.run(id)));
  }

  /** The broker did not take the task: the run never existed. */
  async discard(id: string): Promise<void> {
    await this.redis.del(this.keys.run(id));
  }
}

export function decodeRun(hash: Record<string, string>): RunRecord | undefined {
  const { id, userId, languageId, createdAt } = hash;
  if (id === undefined || userId === undefined || languageId === undefined || createdAt === undefined) return undefined;
  const status = hash.status === 'judging' || hash.status === 'done' ? hash.status : 'queued';
  const record: RunRecord = { id, userId, languageId, status, createdAt };
  if (hash.courseId !== undefined) record.courseId = hash.courseId;
  if (hash.problemId !== undefined) record.problemId = hash.problemId;
  if (hash.problemVersion !== undefined) record.problemVersion = Number(hash.problemVersion);
  if (hash.executor !== undefined) record.executor = hash.executor;
  if (hash.startedAt !== undefined) record.startedAt = hash.startedAt;
  if (hash.finishedAt !== undefined) record.finishedAt = hash.finishedAt;
  if (hash.result !== undefined) {
    try {
      record.result = JSON.parse(hash.result) as RunResult;
    } catch {
      // a malformed result is shown as absent rather than failing the request
    }
  }
  return record;
}
