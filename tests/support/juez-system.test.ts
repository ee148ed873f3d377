/**
 * The harness itself: a system starts from the build, judges a submission end to end, survives a
 * dispatcher restart on the same port, and leaves nothing behind once stopped.
 */
import { readFile } from 'node:fs/promises';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from './juez-system.js';
import { existingQueues, poolContainers } from './system-resources.js';

const HELLO = new URL('../../problems/hello/', import.meta.url).pathname;

describe('startJuezSystem', () => {
  let system: JuezSystem;
  let stopped = false;

  beforeAll(async () => {
    system = await startJuezSystem({ executors: 1, poolSize: 1 });
  });

  afterAll(async () => {
    if (!stopped) await system?.stop();
  });

  it('judges a submission through the real dispatcher and executor', async () => {
    const { problemId, version } = await system.pushProblem(HELLO);
    expect(version).toBe(1);
    const student = system.token({ sub: 'alice', role: 'student' });
    const content = await readFile(`${HELLO}submissions/accepted/hello.py`, 'utf8');
    const accepted = await system.submit(student, { problemId, languageId: 'python', files: [{ name: 'hello.py', content }] });
    expect(accepted.status).toBe(202);
    const final = await system.waitForFinal(accepted.body.id);
    expect(final).toMatchObject({ status: 'done', executor: system.executors[0]?.name, result: { verdict: 'AC' } });
  });

  it('restarts the dispatcher on the same port', async () => {
    const before = { url: system.baseUrl, pid: system.dispatcher.pid };
    await system.restartDispatcher();
    expect(system.baseUrl).toBe(before.url);
    expect(system.dispatcher.pid).not.toBe(before.pid);
    expect((await system.request('GET', '/ready')).status).toBe(200);
  });

  it('stop() removes processes, keys, queues and containers', async () => {
    const executorName = system.executors[0]?.name ?? '';
    expect(await poolContainers(executorName)).not.toHaveLength(0);
    await system.stop();
    stopped = true;
    expect(await system.dispatcher.exited).toBe(0);
    expect(await system.executors[0]?.exited).toBe(0);
    expect(await poolContainers(executorName)).toHaveLength(0);
    expect(await existingQueues(system.amqpUrl, system.queuePrefix)).toEqual([]);
    const redis = createClient({ url: system.redisUrl });
    await redis.connect();
    try {
      const left: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${system.keyPrefix}*` })) left.push(...batch);
      expect(left).toEqual([]);
    } finally {
      redis.destroy();
    }
  });
});
