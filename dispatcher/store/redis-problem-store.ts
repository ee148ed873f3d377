/**
 * Problems and their immutable versions in Redis. A version's archive is stored once per content hash
 * (SET NX: identical uploads share it); the version number is assigned inside one script with the problem
 * hash update, so two concurrent uploads get 1 and 2, never the same number.
 */
import { RESP_TYPES } from 'redis';
import type { RedisKeys } from '../../common/redis-keys.js';
import type { ProblemInfo, ProblemVersion } from './problem-version.js';
import type { RedisConnection } from './redis-connection.js';

export type AddVersionOutcome = { kind: 'created'; version: number } | { kind: 'course_mismatch'; courseId: string };

// The version key is built in the script from its prefix (ARGV[6]) because its number is only known
// there. The metadata template starts with `{"version":0`, replaced by the real number.
const ADD_VERSION = `
local course = redis.call('HGET', KEYS[1], 'courseId')
if course and course ~= ARGV[1] then return {'course_mismatch', course} end
local version = redis.call('HINCRBY', KEYS[1], 'latestVersion', 1)
redis.call('SET', ARGV[6] .. version, '{"version":' .. version .. string.sub(ARGV[7], 13))
if not course then
  redis.call('HSET', KEYS[1], 'id', ARGV[8], 'courseId', ARGV[1], 'createdAt', ARGV[2], 'createdBy', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[8])
end
redis.call('HSET', KEYS[1], 'name', ARGV[5], 'updatedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'deleted')
return {'created', tostring(version)}
`;

/**
 * What a task needs of a version: which package to judge against, the package's code size limit
 * (`limits.code`, KiB; absent in versions stored before juez read it) and the languages it allows
 * (`languageCodes`; absent: all).
 */
export type VersionRef = Pick<ProblemVersion, 'problemId' | 'version' | 'packageHash' | 'languageCodes'> & { codeKb?: number };

/**
 * Version references kept in memory. A version's metadata is written once (ADD_VERSION gives every upload
 * a new number) and never changed, so a cached reference is never stale; an entry is ~200 bytes and the
 * map starts over when full, which bounds it without bookkeeping on every hit.
 */
const MAX_CACHED_VERSION_REFS = 4096;

export class RedisProblemStore {
  private readonly versionRefs = new Map<string, VersionRef>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Stores an archive under its hash unless it is already there. */
  async putArchive(hash: string, archive: Buffer): Promise<void> {
    await this.redis.set(this.keys.packageArchive(hash), archive, { condition: 'NX' });
  }

  async getArchive(hash: string): Promise<Buffer | undefined> {
    const data = await this.redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }).get(this.keys.packageArchive(hash));
    return data ?? undefined;
  }

  /**
   * Adds the next version of a problem (creating the problem in `courseId` on its first upload; an upload
   * to a deleted problem restores it). `meta.version` is ignored: the store assigns the number.
   */
  async addVersion(courseId: string, meta: ProblemVersion, now = new Date()): Promise<AddVersionOutcome> {
    const { version: _ignored, ...rest } = meta;
    const template = JSON.stringify({ version: 0, ...rest });
    if (!template.startsWith('{"version":0,')) throw new Error('unexpected metadata layout');
    const [kind, value] = (await this.redis.eval(ADD_VERSION, {
      keys: [this.keys.problem(meta.problemId), this.keys.problems()],
      arguments: [
        courseId,
        now.toISOString(),
        String(now.getTime()),
        meta.uploadedBy,
        meta.name,
        this.keys.problemVersion(meta.problemId, 0).slice(0, -1),
        template,
        meta.problemId,
      ],
    })) as [string, string];
    if (kind === 'course_mismatch') return { kind, courseId: value };
    return { kind: 'created', version: Number(value) };
  }

  async get(problemId: string): Promise<ProblemInfo | undefined> {
    return decodeProblem(await this.redis.hGetAll(this.keys.problem(problemId)));
  }

  async getVersion(problemId: string, version: number): Promise<ProblemVersion | undefined> {
    const text = await this.redis.get(this.keys.problemVersion(problemId, version));
    return text === null ? undefined : (JSON.parse(text) as ProblemVersion);
  }

  /**
   * The package reference of a version, from memory after the first read: submitting needs only this, and
   * reading the whole metadata (statement, samples) on every submission would cost a round trip and a parse.
   */
  async getVersionRef(problemId: string, version: number): Promise<VersionRef | undefined> {
    const key = `${version}:${problemId}`;
    const cached = this.versionRefs.get(key);
    if (cached !== undefined) return cached;
    const meta = await this.getVersion(problemId, version);
    if (meta === undefined) return undefined;
    if (this.versionRefs.size >= MAX_CACHED_VERSION_REFS) this.versionRefs.clear();
    const codeKb = (meta.limits as { codeKb?: number } | undefined)?.codeKb;
    const ref: VersionRef = {
      problemId: meta.problemId,
      version: meta.version,
      packageHash: meta.packageHash,
      ...(codeKb !== undefined && { codeKb }),
      ...(meta.languageCodes !== undefined && { languageCodes: meta.languageCodes }),
    };
    this.versionRefs.set(key, ref);
    return ref;
  }

  /** Every problem, oldest first; the caller filters by course and deletion. */
  async list(): Promise<ProblemInfo[]> {
    const ids = await this.redis.zRange(this.keys.problems(), 0, -1);
    const problems = await Promise.all(ids.map((id) => this.get(id)));
    return problems.filter((problem): problem is ProblemInfo => problem !== undefined);
  }

  /** Soft delete: hidden from lists, refuses new submissions; versions, archives and submissions stay. */
  async markDeleted(problemId: string, now = new Date()): Promise<void> {
    await this.redis.hSet(this.keys.problem(problemId), { deleted: '1', updatedAt: now.toISOString() });
  }
}

function decodeProblem(hash: Record<string, string>): ProblemInfo | undefined {
  if (hash.id === undefined || hash.courseId === undefined) return undefined;
  return {
    id: hash.id,
    courseId: hash.courseId,
    name: hash.name ?? hash.id,
    latestVersion: Number(hash.latestVersion ?? 0),
    deleted: hash.deleted === '1',
    createdAt: hash.createdAt ?? '',
    createdBy: hash.createdBy ?? '',
    updatedAt: hash.updatedAt ?? '',
  };
}
