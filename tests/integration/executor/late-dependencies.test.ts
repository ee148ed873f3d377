/**
 * An executor started before its dependencies (issue 6: services recover without manual action): it waits
 * for the Docker engine, Redis and RabbitMQ, saying what it waits for and where, and judges once they are
 * up; a dependency that refuses it for good stops it at once with a message naming the setting to fix.
 *
 * The Docker engine "comes up" as a unix socket proxy to the real one at a path the executor was given in
 * DOCKER_HOST; Redis and RabbitMQ are servers of the test's own, started on ports the executor was given
 * before they existed. The shared daemon, Redis and broker are never stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';
import { freePort } from '../../support/free-port.js';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { PrivateRabbitMq } from '../../support/private-rabbitmq.js';
import { PrivateRedis } from '../../support/private-redis.js';
import { executorEnv, type SystemIdentity } from '../../support/service-env.js';
import { newSystemIdentity } from '../../support/system-identity.js';
import { type LogLine, logTail, spawnService, type ServiceProcess } from '../../support/service-process.js';
import { poolContainers, removePoolContainers } from '../../support/system-resources.js';
import { DockerSocketProxy } from './docker-socket-proxy.js';

const SHARED_REDIS_URL = process.env.JUEZ_REDIS_URL ?? 'redis://localhost:6379';
const SHARED_AMQP_URL = process.env.JUEZ_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';

let image: string;

/** What a test started, stopped after it in dependency order: processes first, then what they used. */
interface Started {
  executor?: { process: ServiceProcess; name: string; cacheDir: string };
  system?: JuezSystem;
  proxy?: DockerSocketProxy;
  broker?: PrivateRabbitMq;
  redis?: PrivateRedis;
  dir?: string;
}
let started: Started = {};

beforeAll(async () => {
  image = await ensureRuntimeImage({ docker: new Docker() });
});

afterEach(async () => {
  const { executor, system, proxy, broker, redis, dir } = started;
  started = {};
  const attempt = (work: Promise<unknown> | undefined): Promise<unknown> | undefined => work?.catch(() => {});
  await attempt(executor?.process.stop('SIGTERM'));
  await attempt(system?.stop()); // needs the private Redis and broker for its clean-up
  await attempt(proxy?.close());
  await attempt(executor && removePoolContainers(executor.name));
  await attempt(broker?.destroy());
  await attempt(redis?.destroy());
  for (const path of [executor?.cacheDir, dir]) if (path !== undefined) await rm(path, { recursive: true, force: true });
});

const identityFor = (redisUrl: string, amqpUrl: string): SystemIdentity => newSystemIdentity('juezlate', redisUrl, amqpUrl);

async function spawnExecutor(identity: SystemIdentity, overrides: Record<string, string> = {}): Promise<ServiceProcess> {
  const name = `${identity.id}-late`;
  const cacheDir = await mkdtemp(path.join(tmpdir(), `juez-late-${name}-`));
  const executor = spawnService(name, 'dist/executor/main.js', executorEnv(identity, { name, poolSize: 1, cacheDir, image }, overrides));
  started.executor = { process: executor, name, cacheDir };
  return executor;
}

const logged =
  (level: number, dependency: string, address: string, message: RegExp) =>
  (line: LogLine): boolean =>
    line.level === level && line.dependency === dependency && line.address === address && message.test(line.msg ?? '');

it('waits for the Docker engine, Redis and RabbitMQ that come up after it, then judges a submission', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'juez-late-docker-'));
  started.dir = dir;
  const socket = path.join(dir, 'docker.sock');
  const [redisPort, amqpPort] = [await freePort(), await freePort()];
  const identity = identityFor(`redis://127.0.0.1:${redisPort}`, `amqp://guest:guest@127.0.0.1:${amqpPort}`);
  const executor = await spawnExecutor(identity, { DOCKER_HOST: `unix://${socket}` });
  const name = `${identity.id}-late`;

  // One error per missing dependency, naming it and where it is expected, all at once.
  const engine = `unix://${socket}`;
  await executor.waitForLog(logged(50, 'the Docker engine', engine, /^waiting for the Docker engine at unix:\/\/\S+: connect ENOENT .*; retrying with backoff/));
  await executor.waitForLog(logged(50, 'Redis', `redis://127.0.0.1:${redisPort}`, /^waiting for Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/));
  await executor.waitForLog(logged(50, 'RabbitMQ', `amqp://127.0.0.1:${amqpPort}`, /^waiting for RabbitMQ at amqp:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/));

  // The engine comes up: the executor notices, but starts nothing before it has everything it needs.
  const proxy = await DockerSocketProxy.listen(socket);
  started.proxy = proxy;
  await executor.waitForLog(logged(30, 'the Docker engine', engine, /^the Docker engine at unix:\/\/\S+ answers after \d+ s/), 20_000);
  expect(await poolContainers(name)).toEqual([]);

  const redis = await PrivateRedis.start(redisPort);
  started.redis = redis;
  await executor.waitForLog(logged(30, 'Redis', `redis://127.0.0.1:${redisPort}`, /^Redis at \S+ answers after \d+ s/), 20_000);
  const broker = await PrivateRabbitMq.start(amqpPort);
  started.broker = broker;
  await executor.waitForLog(logged(30, 'RabbitMQ', `amqp://127.0.0.1:${amqpPort}`, /^RabbitMQ at \S+ answers after \d+ s/), 20_000);
  await executor.waitForLog((line) => line.msg === 'executor ready', 60_000);
  expect(proxy.connections).toBeGreaterThan(0);
  expect(executor.logLines().filter((line) => line.level === 60)).toEqual([]);

  // A dispatcher on the same Redis and broker, with the executor's key and queue prefixes.
  const system = await startJuezSystem({
    executors: 0,
    redisUrl: redis.url,
    amqpUrl: broker.url,
    dispatcherEnv: { JUEZ_REDIS_PREFIX: identity.keyPrefix, JUEZ_QUEUE_PREFIX: identity.queuePrefix },
  });
  started.system = system;
  const { problemId } = await system.pushProblem('problems/hello');
  const student = system.token({ sub: 'alice', role: 'student' });
  const { status, body } = await system.submit(student, {
    problemId,
    languageId: 'python',
    files: [{ name: 'hello.py', content: 'print("Hello, World!")\n' }],
  });
  expect(status).toBe(202);
  const final = await system.waitForFinal(body.id, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${logTail(executor)}`);
  });
  expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
  expect(executor.logLines().some((line) => line.submissionId === body.id)).toBe(true);
}, 240_000);

it('stops at once, naming the setting, when the broker refuses its credentials', async () => {
  const wrong = new URL(SHARED_AMQP_URL);
  wrong.password = 'not-the-password';
  const identity = identityFor(SHARED_REDIS_URL, wrong.toString());
  const since = Date.now();
  const executor = await spawnExecutor(identity);
  expect(await executor.exited).toBe(1);
  expect(Date.now() - since).toBeLessThan(20_000);
  const fatal = executor.logLines().find((line) => line.level === 60);
  expect(fatal?.msg).toMatch(/^RabbitMQ at amqp:\/\/\S+ refused the connection: .*ACCESS.REFUSED.*; waiting will not fix this: check JUEZ_AMQP_URL/);
  expect(executor.logs()).not.toContain('not-the-password');
  // It gave up before starting anything.
  expect(await poolContainers(`${identity.id}-late`)).toEqual([]);
});
