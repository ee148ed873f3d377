/**
 * A whole juez — one dispatcher and N executors, each a real process started from the build (dist/) —
 * against the real Redis, RabbitMQ and Docker, isolated by a random Redis key prefix, queue prefix and
 * executor names, so that several systems and other tests share the services safely. `stop()` removes
 * everything the system created: processes, keys, queues, sandbox containers, package caches.
 *
 *   const system = await startJuezSystem({ executors: 2 });
 *   const { problemId } = await system.pushProblem('problems/hello');
 *   const student = system.token({ sub: 'alice', role: 'student' });
 *   const { body } = await system.submit(student, { problemId, languageId: 'python', files });
 *   const final = await system.waitForFinal(body.id);
 *   await system.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { createClient } from 'redis';
import { loadLanguages } from '../../common/languages.js';
import { createNormalizedArchive } from '../../common/package-archive.js';
import { redisKeys, type RedisKeys } from '../../common/redis-keys.js';
import { type Role, signToken } from '../../common/auth-token.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { apiRequest, type ApiRequestOptions, type ApiResponse } from './api-request.js';
import { freePort } from './free-port.js';
import { pollUntil } from './poll-until.js';
import { dispatcherEnv, executorEnv, type SystemIdentity } from './service-env.js';
import { logTail, spawnService, type ServiceProcess } from './service-process.js';
import { newSystemIdentity } from './system-identity.js';
import { deleteQueues, deleteRedisKeys, removePoolContainers } from './system-resources.js';

export type { ServiceProcess } from './service-process.js';

export interface JuezSystemOptions {
  /** Executor processes started with the system. Default 1 (0 is allowed: start them later). */
  executors?: number;
  /** Sandbox containers per executor. Default 2. */
  poolSize?: number;
  /** Added to (and overriding) the dispatcher's environment, e.g. `{ JUEZ_PUBLISH_TIMEOUT_MS: '500' }`. */
  dispatcherEnv?: Record<string, string>;
  /** Added to (and overriding) every executor's environment. */
  executorEnv?: Record<string, string>;
  /** Default: the shared Redis, redis://localhost:6379 (or $REDIS_URL). */
  redisUrl?: string;
  /** Default: the shared RabbitMQ, amqp://guest:guest@localhost:5672 (or $AMQP_URL). */
  amqpUrl?: string;
}

export interface JuezSystem {
  /** `http://127.0.0.1:<port>`: the same port across restartDispatcher(). */
  baseUrl: string;
  keyPrefix: string;
  queuePrefix: string;
  redisUrl: string;
  amqpUrl: string;
  /** The system's Redis key layout (common/redis-keys.ts) under keyPrefix. */
  keys: RedisKeys;
  /** The dispatcher's Standard Webhooks secret (`whsec_…`), to verify signatures. */
  webhookSecret: string;
  /** Course of pushProblem() and of tokens without `courses`. */
  defaultCourseId: string;
  token(claims: { sub: string; role: Role; courses?: string[] }): string;
  /** Uploads a problem package directory as a new version; problemId defaults to the directory's name. */
  pushProblem(dir: string, problemId?: string, courseId?: string): Promise<{ problemId: string; version: number }>;
  /** POST /api/v1/submissions. Rejects only when no HTTP answer came. */
  submit(token: string, body: object): Promise<{ status: number; body: any }>;
  /** Polls GET /api/v1/submissions/:id (as an admin) until it is done or cancelled; resolves with it. */
  waitForFinal(submissionId: string, timeoutMs?: number): Promise<any>;
  /** Any API call (as `options.token`, or anonymous). */
  request(method: string, path: string, options?: ApiRequestOptions): Promise<ApiResponse>;
  /** The current dispatcher process (a new one after restartDispatcher()). */
  dispatcher: ServiceProcess;
  /**
   * Every executor started, in order (`name` is its EXECUTOR_NAME); a stopped or killed one stays here
   * with `exited` resolved.
   */
  executors: ServiceProcess[];
  /**
   * Starts an executor (default name: the system's next one) and resolves once its heartbeat is in
   * Redis. Starting one with the name of a dead one is how a crashed executor is restarted.
   */
  startExecutor(name?: string, env?: Record<string, string>): Promise<ServiceProcess>;
  /**
   * Writes the heartbeat of a pretend executor serving every language (version SEEDED_VERSION, no TTL),
   * so that the dispatcher accepts submissions while no real executor runs (they wait in the queue). The
   * dispatcher reads advertisements at most once a second: call it before the first submission.
   */
  advertiseLanguages(): Promise<void>;
  /** SIGTERM the dispatcher, wait for it to exit, start a new one on the same port, wait for /ready. */
  restartDispatcher(): Promise<void>;
  /** Stops the processes, deletes `<keyPrefix>*` keys, the system's queues, its sandbox containers and package caches. */
  stop(): Promise<void>;
}

const DEFAULT_REDIS_URL = process.env.JUEZ_REDIS_URL ?? 'redis://localhost:6379';
const DEFAULT_AMQP_URL = process.env.JUEZ_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const STARTUP_TIMEOUT_MS = 90_000;
/** The version advertiseLanguages() gives every language. */
export const SEEDED_VERSION = '0.0.0-seeded';

/** Starts a dispatcher and `options.executors` executors; rejects (having cleaned up) if any does not come up. */
export async function startJuezSystem(options: JuezSystemOptions = {}): Promise<JuezSystem> {
  const identity = newSystemIdentity('juezsys', options.redisUrl ?? DEFAULT_REDIS_URL, options.amqpUrl ?? DEFAULT_AMQP_URL);
  const { id } = identity;
  const defaultCourseId = 'course-1';
  const keys = redisKeys(identity.keyPrefix);
  const redis = createClient({ url: identity.redisUrl });
  redis.on('error', () => {}); // reconnects by itself; fault tests restart Redis
  const executorNames = new Set<string>();
  const cacheDirs: string[] = [];
  const executors: ServiceProcess[] = [];
  let dispatcher: ServiceProcess | undefined;
  let port = 0;
  let image: string | undefined;
  let stopping: Promise<void> | undefined;

  const token: JuezSystem['token'] = (claims) =>
    signToken(
      { sub: claims.sub, role: claims.role, courses: claims.courses ?? [defaultCourseId] },
      { issuer: 'juez', audience: 'juez-api', hs256Secret: identity.jwtSecret },
    );
  const admin = token({ sub: 'harness-admin', role: 'admin' });
  const baseUrl = (): string => `http://127.0.0.1:${port}`;
  const request: JuezSystem['request'] = (method, urlPath, requestOptions) => apiRequest(baseUrl(), method, urlPath, requestOptions);
  const allLogs = (): string => [dispatcher, ...executors].flatMap((service) => (service ? [logTail(service)] : [])).join('\n');

  const startDispatcher = async (): Promise<void> => {
    // A port of our choosing (kept across restarts), so that readiness does not depend on a log line
    // (callers may turn logging down through dispatcherEnv).
    port ||= await freePort();
    const service = spawnService('dispatcher', 'dist/dispatcher/main.js', dispatcherEnv(identity, port, options.dispatcherEnv));
    dispatcher = service;
    let exited = false;
    void service.exited.then(() => (exited = true));
    await pollUntil(
      async () => {
        if (exited) throw new Error('the dispatcher exited during start');
        return (await request('GET', '/ready', { timeoutMs: 5_000 })).status === 200;
      },
      { timeoutMs: STARTUP_TIMEOUT_MS, what: 'the dispatcher to be ready (GET /ready 200)', explain: () => logTail(service) },
    );
  };

  const startExecutor: JuezSystem['startExecutor'] = async (name = `${id}-e${executorNames.size + 1}`, env = {}) => {
    image ??= await ensureRuntimeImage({ docker: new Docker() });
    const cacheDir = await mkdtemp(path.join(tmpdir(), `juez-system-${name}-`));
    cacheDirs.push(cacheDir);
    executorNames.add(name);
    const spawnedAt = Date.now();
    const service = spawnService(
      name,
      'dist/executor/main.js',
      executorEnv(identity, { name, poolSize: options.poolSize ?? 2, cacheDir, image }, { ...options.executorEnv, ...env }),
    );
    executors.push(service);
    let exited = false;
    void service.exited.then(() => (exited = true));
    // Ready = a heartbeat of this process (not of a predecessor of the same name): it is sent once the
    // pool is warm and the consumer is running.
    await pollUntil(
      async () => {
        if (exited) throw new Error(`executor ${name} exited during start`);
        const startedAt = await redis.hGet(keys.executor(name), 'startedAt');
        return startedAt !== null && startedAt !== undefined && Number(startedAt) >= spawnedAt;
      },
      { timeoutMs: STARTUP_TIMEOUT_MS, what: `the first heartbeat of executor ${name}`, explain: () => logTail(service) },
    );
    return service;
  };

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const problems: unknown[] = [];
      const attempt = async (operation: () => Promise<unknown>): Promise<void> => {
        await operation().catch((error: unknown) => problems.push(error));
      };
      await Promise.all([dispatcher, ...executors].map((service) => service?.stop('SIGTERM')));
      for (const name of executorNames) await attempt(() => removePoolContainers(name));
      await attempt(() => deleteRedisKeys(identity.redisUrl, identity.keyPrefix));
      await attempt(() => deleteQueues(identity.amqpUrl, identity.queuePrefix));
      for (const dir of cacheDirs) await attempt(() => rm(dir, { recursive: true, force: true }));
      redis.destroy();
      if (problems.length > 0) throw new AggregateError(problems, `juez system ${id}: clean-up failed`);
    })());

  try {
    await redis.connect();
    await startDispatcher();
    for (let n = 0; n < (options.executors ?? 1); n++) await startExecutor();
  } catch (error) {
    const logs = allLogs();
    await stop().catch(() => {});
    throw new Error(`juez system ${id} did not start: ${(error as Error).message}\n${logs}`, { cause: error });
  }

  return {
    get baseUrl() {
      return baseUrl();
    },
    keyPrefix: identity.keyPrefix,
    queuePrefix: identity.queuePrefix,
    redisUrl: identity.redisUrl,
    amqpUrl: identity.amqpUrl,
    keys,
    webhookSecret: identity.webhookSecret,
    defaultCourseId,
    token,
    async pushProblem(dir, problemId = path.basename(path.resolve(dir)), courseId = defaultCourseId) {
      const archive = await createNormalizedArchive(path.resolve(dir));
      const query = `?courseId=${encodeURIComponent(courseId)}`;
      const answer = await request('POST', `/api/v1/problems/${encodeURIComponent(problemId)}/versions${query}`, {
        token: admin,
        body: archive,
        contentType: 'application/gzip',
      });
      if (answer.status !== 201) throw new Error(`uploading ${dir} as ${problemId}: HTTP ${answer.status} ${answer.text}`);
      return { problemId, version: Number(answer.body.version) };
    },
    async submit(submitter, body) {
      const { status, body: answer } = await request('POST', '/api/v1/submissions', { token: submitter, json: body });
      return { status, body: answer };
    },
    async waitForFinal(submissionId, timeoutMs = 60_000) {
      let last = 'no answer yet';
      return pollUntil(
        async () => {
          const answer = await request('GET', `/api/v1/submissions/${encodeURIComponent(submissionId)}`, { token: admin, timeoutMs: 5_000 });
          last = `HTTP ${answer.status} ${answer.text.slice(0, 500)}`;
          return answer.status === 200 && (answer.body.status === 'done' || answer.body.status === 'cancelled') ? answer.body : undefined;
        },
        { timeoutMs, intervalMs: 150, what: `submission ${submissionId} to be final`, explain: () => `last answer: ${last}\n${allLogs()}` },
      );
    },
    request,
    get dispatcher() {
      if (dispatcher === undefined) throw new Error('no dispatcher');
      return dispatcher;
    },
    executors,
    startExecutor,
    async advertiseLanguages() {
      const name = `${id}-advertised`;
      const languages = Object.fromEntries(loadLanguages().map((language) => [language.id, SEEDED_VERSION]));
      await redis.hSet(keys.executor(name), { name, lastSeen: String(Date.now()), languages: JSON.stringify(languages) });
      await redis.zAdd(keys.executors(), { score: Date.now(), value: name });
    },
    async restartDispatcher() {
      await dispatcher?.stop('SIGTERM');
      await startDispatcher();
    },
    stop,
  };
}
