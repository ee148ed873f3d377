/**
 * A dispatcher started before Redis and RabbitMQ (issue 6: services recover without manual action): it
 * waits for them, saying what it waits for and where, answers /health 200 and every other request 503
 * `not_ready` meanwhile, and takes submissions (judged by an executor) once they are up. A dependency that
 * refuses it for good stops it at once with a message naming the setting to fix.
 *
 * Redis and RabbitMQ are servers of the test's own, started on ports the dispatcher was given before they
 * existed; the shared ones are never stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterEach, expect, it } from 'vitest';
import { signToken, type Role } from '../../../common/auth-token.js';
import { createNormalizedArchive } from '../../../common/package-archive.js';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';
import { apiRequest, type ApiRequestOptions, type ApiResponse } from '../../support/api-request.js';
import { freePort } from '../../support/free-port.js';
import { pollUntil } from '../../support/poll-until.js';
import { PrivateRabbitMq } from '../../support/private-rabbitmq.js';
import { PrivateRedis } from '../../support/private-redis.js';
import { dispatcherEnv, executorEnv, type SystemIdentity } from '../../support/service-env.js';
import { newSystemIdentity } from '../../support/system-identity.js';
import { type LogLine, logTail, spawnService, type ServiceProcess } from '../../support/service-process.js';
import { deleteRedisKeys, removePoolContainers } from '../../support/system-resources.js';

const SHARED_REDIS_URL = process.env.JUEZ_REDIS_URL ?? 'redis://localhost:6379';
const SHARED_AMQP_URL = process.env.JUEZ_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const COURSE = 'course-1';

/** What a test started, stopped after it in dependency order: processes first, then what they used. */
interface Started {
  dispatcher?: ServiceProcess;
  executor?: { process: ServiceProcess; name: string; cacheDir: string };
  broker?: PrivateRabbitMq;
  redis?: PrivateRedis;
  /** A system whose dispatcher got as far as writing to the shared Redis. */
  shared?: SystemIdentity;
}
let started: Started = {};

afterEach(async () => {
  const { dispatcher, executor, broker, redis, shared } = started;
  started = {};
  const attempt = (work: Promise<unknown> | undefined): Promise<unknown> | undefined => work?.catch(() => {});
  await Promise.all([attempt(dispatcher?.stop('SIGTERM')), attempt(executor?.process.stop('SIGTERM'))]);
  await attempt(executor && removePoolContainers(executor.name));
  await attempt(broker?.destroy());
  await attempt(redis?.destroy());
  await attempt(shared && deleteRedisKeys(SHARED_REDIS_URL, shared.keyPrefix));
  if (executor !== undefined) await rm(executor.cacheDir, { recursive: true, force: true });
});

const identityFor = (redisUrl: string, amqpUrl: string): SystemIdentity => newSystemIdentity('juezlate', redisUrl, amqpUrl);

/** Calls the dispatcher on `port` as `role` (anonymous without one). */
function caller(identity: SystemIdentity, port: number) {
  return (method: string, urlPath: string, role?: Role, options: ApiRequestOptions = {}): Promise<ApiResponse> => {
    const token =
      role === undefined
        ? undefined
        : signToken({ sub: `late-${role}`, role, courses: [COURSE] }, { issuer: 'juez', audience: 'juez-api', hs256Secret: identity.jwtSecret });
    return apiRequest(`http://127.0.0.1:${port}`, method, urlPath, { ...options, ...(token !== undefined && { token }), timeoutMs: 10_000 });
  };
}

const logged =
  (level: number, dependency: string, address: string, message: RegExp) =>
  (line: LogLine): boolean =>
    line.level === level && line.dependency === dependency && line.address === address && message.test(line.msg ?? '');

it('waits for Redis and RabbitMQ that come up after it, answering 503 meanwhile, then takes a submission that is judged', async () => {
  const [httpPort, redisPort, amqpPort] = [await freePort(), await freePort(), await freePort()];
  const identity = identityFor(`redis://127.0.0.1:${redisPort}`, `amqp://guest:guest@127.0.0.1:${amqpPort}`);
  const call = caller(identity, httpPort);
  const dispatcher = spawnService('dispatcher', 'dist/dispatcher/main.js', dispatcherEnv(identity, httpPort));
  started.dispatcher = dispatcher;
  const redisAt = `redis://127.0.0.1:${redisPort}`;
  const brokerAt = `amqp://127.0.0.1:${amqpPort}`;

  // One error per missing dependency, naming it and where it is expected.
  await dispatcher.waitForLog(logged(50, 'Redis', redisAt, /^waiting for Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED .*; retrying with backoff/));
  await dispatcher.waitForLog(logged(50, 'RabbitMQ', brokerAt, /^waiting for RabbitMQ at amqp:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED .*; retrying with backoff/));
  // Alive, not ready, and saying so to every client instead of refusing connections.
  const health = await pollUntil(() => call('GET', '/health'), { what: 'an answer to GET /health while waiting' });
  expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
  const ready = await call('GET', '/ready');
  expect(ready.status).toBe(503);
  expect(ready.body.error.code).toBe('not_ready');
  expect(ready.body.error.details.checks.redis).toMatch(/^waiting: connect ECONNREFUSED/);
  expect(ready.body.error.details.checks.rabbitmq).toMatch(/^waiting: connect ECONNREFUSED/);
  const early = await call('GET', '/api/v1/languages', 'student');
  expect(early.status).toBe(503);
  expect(early.body.error.code).toBe('not_ready');
  expect(early.headers.get('retry-after')).toBe('5');

  // Redis comes up: the app starts and serves what needs no broker.
  const redis = await PrivateRedis.start(redisPort);
  started.redis = redis;
  await dispatcher.waitForLog(logged(30, 'Redis', redisAt, /^Redis at \S+ answers after \d+ s/), 20_000);
  await pollUntil(async () => (await call('GET', '/api/v1/languages', 'student')).status === 200, {
    timeoutMs: 20_000,
    what: 'the API to answer once Redis is up',
    explain: () => logTail(dispatcher),
  });
  expect((await call('GET', '/ready')).status).toBe(503); // the broker is still missing

  // The broker comes up: ready.
  const broker = await PrivateRabbitMq.start(amqpPort);
  started.broker = broker;
  await dispatcher.waitForLog(logged(30, 'RabbitMQ', brokerAt, /^RabbitMQ at \S+ answers after \d+ s/), 20_000);
  await pollUntil(async () => (await call('GET', '/ready')).status === 200, {
    timeoutMs: 30_000,
    what: 'GET /ready 200 once Redis and RabbitMQ are up',
    explain: () => logTail(dispatcher),
  });
  expect(dispatcher.logLines().filter((line) => line.level === 60)).toEqual([]);

  // And it works: an executor judges a submission it accepted.
  const executor = await spawnExecutor(identity);
  const archive = await createNormalizedArchive(path.resolve('problems/hello'));
  const upload = await call('POST', `/api/v1/problems/hello/versions?courseId=${COURSE}`, 'admin', { body: archive, contentType: 'application/gzip' });
  expect(upload.status).toBe(201);
  const submitted = await call('POST', '/api/v1/submissions', 'student', {
    json: { problemId: 'hello', languageId: 'python', files: [{ name: 'hello.py', content: 'print("Hello, World!")\n' }] },
  });
  expect(submitted.status).toBe(202);
  const final = await pollUntil(
    async () => {
      const answer = await call('GET', `/api/v1/submissions/${submitted.body.id}`, 'admin');
      return answer.body?.status === 'done' ? answer.body : undefined;
    },
    { timeoutMs: 60_000, what: 'the submission to be judged', explain: () => `${logTail(dispatcher)}\n${logTail(executor)}` },
  );
  expect(final).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
}, 240_000);

async function spawnExecutor(identity: SystemIdentity): Promise<ServiceProcess> {
  const image = await ensureRuntimeImage({ docker: new Docker() });
  const name = `${identity.id}-e1`;
  const cacheDir = await mkdtemp(path.join(tmpdir(), `juez-late-${name}-`));
  const executor = spawnService(name, 'dist/executor/main.js', executorEnv(identity, { name, poolSize: 1, cacheDir, image }));
  started.executor = { process: executor, name, cacheDir };
  await executor.waitForLog((line) => line.msg === 'executor ready', 60_000);
  return executor;
}

it.each([
  {
    dependency: 'RabbitMQ',
    setting: 'JUEZ_AMQP_URL',
    identity: () => identityFor(SHARED_REDIS_URL, withPassword(SHARED_AMQP_URL, 'juez', 'not-the-password')),
    reason: /ACCESS.REFUSED/,
  },
  {
    dependency: 'Redis',
    setting: 'JUEZ_REDIS_URL',
    identity: () => identityFor(withPassword(SHARED_REDIS_URL, 'juez-nobody', 'not-the-password'), SHARED_AMQP_URL),
    reason: /WRONGPASS/,
  },
])('stops at once, naming the setting, when $dependency refuses its credentials', async ({ dependency, setting, identity, reason }) => {
  const system = identity();
  started.shared = system;
  const since = Date.now();
  const dispatcher = spawnService('dispatcher', 'dist/dispatcher/main.js', dispatcherEnv(system, await freePort()));
  started.dispatcher = dispatcher;
  expect(await dispatcher.exited).toBe(1);
  expect(Date.now() - since).toBeLessThan(20_000);
  const fatal = dispatcher.logLines().find((line) => line.level === 60);
  expect(fatal?.msg).toMatch(new RegExp(`^${dependency} at \\S+ refused the connection: .*; waiting will not fix this: check ${setting}`));
  expect(fatal?.msg).toMatch(reason);
  expect(dispatcher.logs()).not.toContain('not-the-password');
});

function withPassword(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
