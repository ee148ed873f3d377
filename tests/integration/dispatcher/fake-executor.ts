/**
 * Writes into Redis what an executor writes, following the documented contracts (common/submission.ts
 * transitions, common/submission-events.ts, common/webhook-delivery.ts, common/run-record.ts,
 * common/redis-keys.ts finishedJobs/finishedJob), so dispatcher tests get verdicts without Docker.
 */
import type { JudgeResult } from '../../../common/judge-result.js';
import type { RedisKeys } from '../../../common/redis-keys.js';
import type { RunResult } from '../../../common/run-result.js';
import type { SubmissionEvent } from '../../../common/submission-events.js';
import { ENQUEUE_WEBHOOK_LUA, webhookDeliveryId } from '../../../common/webhook-delivery.js';
import type { TestRedis } from './dispatcher-test-kit.js';

const FINISH = `${ENQUEUE_WEBHOOK_LUA}
local f = redis.call('HMGET', KEYS[1], 'status', 'round', 'userId', 'courseId', 'problemId')
if not f[1] then return 'missing' end
if f[1] ~= 'queued' and f[1] ~= 'judging' then return f[1] end
if tonumber(f[2]) ~= tonumber(ARGV[1]) then return 'stale' end
local now = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'status', 'done', 'result', ARGV[2], 'finishedAt', ARGV[3], 'executor', ARGV[5])
redis.call('HDEL', KEYS[1], 'progress')
redis.call('PUBLISH', ARGV[6], ARGV[7])
juez_enqueue_webhook(KEYS[1], KEYS[2], KEYS[3], ARGV[8], tonumber(ARGV[1]), now, ARGV[9], ARGV[10], ARGV[11])
redis.call('ZADD', KEYS[4], now, ARGV[12])
redis.call('HSET', KEYS[5], 'id', ARGV[13], 'round', ARGV[1], 'kind', 'submission', 'lane', ARGV[14], 'executor', ARGV[5],
  'outcome', ARGV[9], 'userId', f[3], 'courseId', f[4], 'problemId', f[5], 'responseMs', ARGV[15], 'serviceMs', ARGV[16],
  'cpuMs', ARGV[17], 'finishedAt', ARGV[4])
return 'stored'
`;

export class FakeExecutor {
  constructor(
    private readonly redis: TestRedis,
    private readonly keys: RedisKeys,
    readonly name = 'fake-executor',
  ) {}

  async startJudging(id: string, round = 0): Promise<void> {
    await this.redis.hSet(this.keys.submission(id), { status: 'judging', executor: this.name, startedAt: new Date().toISOString() });
    await this.publish(id, { type: 'status', status: 'judging', round, executor: this.name });
  }

  async progress(id: string, done: number, total: number, round = 0): Promise<void> {
    await this.redis.hSet(this.keys.submission(id), { progress: JSON.stringify({ done, total }) });
    await this.publish(id, { type: 'progress', round, done, total });
  }

  /** Stores the final result exactly once per round; returns the script's reply. */
  async finish(id: string, result: JudgeResult, round = 0, options: { lane?: string; responseMs?: number } = {}): Promise<string> {
    const now = Date.now();
    return (await this.redis.eval(FINISH, {
      keys: [
        this.keys.submission(id),
        this.keys.webhook(webhookDeliveryId(id, round)),
        this.keys.webhooksDue(),
        this.keys.finishedJobs(),
        this.keys.finishedJob(id, round),
      ],
      arguments: [
        String(round),
        JSON.stringify(result),
        new Date(now).toISOString(),
        String(now),
        this.name,
        this.keys.submissionEvents(id),
        JSON.stringify({ type: 'final', status: 'done', round, result } satisfies SubmissionEvent),
        webhookDeliveryId(id, round),
        result.verdict,
        String(result.score),
        String(result.maxScore),
        `${id}:${round}`,
        id,
        options.lane ?? 'submission',
        String(options.responseMs ?? 1500),
        String(Math.max(0, (options.responseMs ?? 1500) - 500)),
        String(result.cpuMs),
      ],
    })) as string;
  }

  async finishRun(id: string, result: RunResult): Promise<void> {
    const now = Date.now();
    const record = await this.redis.hGetAll(this.keys.run(id));
    await this.redis.hSet(this.keys.run(id), {
      status: 'done',
      result: JSON.stringify(result),
      finishedAt: new Date(now).toISOString(),
      executor: this.name,
    });
    await this.redis.zAdd(this.keys.finishedJobs(), { score: now, value: `${id}:0` });
    await this.redis.hSet(this.keys.finishedJob(id, 0), {
      id,
      round: '0',
      kind: 'run',
      lane: 'run',
      executor: this.name,
      outcome: result.status,
      userId: record.userId ?? '',
      courseId: record.courseId ?? '',
      problemId: record.problemId ?? '',
      responseMs: '300',
      serviceMs: '200',
      cpuMs: String(result.cpuMs),
      finishedAt: String(now),
    });
    await this.redis.publish(this.keys.runEvents(id), JSON.stringify({ type: 'final', status: 'done', result }));
  }

  private async publish(id: string, event: SubmissionEvent): Promise<void> {
    await this.redis.publish(this.keys.submissionEvents(id), JSON.stringify(event));
  }
}

/** A result with one sample test and two hidden ones. */
export function sampleResult(verdict: JudgeResult['verdict'] = 'WA'): JudgeResult {
  return {
    verdict,
    score: verdict === 'AC' ? 1 : 0,
    maxScore: 1,
    cpuMs: 42,
    maxMemoryKb: 2048,
    tests: [
      { name: 'sample/1', group: 'sample', verdict: 'AC', cpuMs: 10, wallMs: 12, memoryKb: 1024, output: 'Hello World!\n', expected: 'Hello World!\n' },
      { name: 'secret/huge-1', group: 'secret', verdict: 'AC', cpuMs: 12, wallMs: 15, memoryKb: 2048, message: 'secret message', output: 'secret output' },
      { name: 'secret/huge-2', group: 'secret', verdict, cpuMs: 20, wallMs: 25, memoryKb: 2048, message: 'expected 42 got 41', expected: '42' },
    ],
  };
}
