/**
 * The executor with the real engine: tasks go from the queue through the package cache and a pool of
 * Docker sandboxes to verdicts in Redis.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveHash, createNormalizedArchive } from '../../../common/package-archive.js';
import type { JudgeResult } from '../../../common/judge-result.js';
import type { RunResult } from '../../../common/run-result.js';
import { Judge } from '../../../executor/judge.js';
import { readProblemPackage } from '../../../common/problem/read-problem-package.js';
import { ContainerPool } from '../../../executor/sandbox/container-pool.js';
import { DockerSandboxFactory } from '../../../executor/sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';
import { ExecutorService } from '../../../executor/service/executor-service.js';
import { PoolProgramRunner } from '../../../executor/service/pool-program-runner.js';
import { makeTask, openScope, publish, seedRun, seedSubmission, silentLog, testConfig, waitFor, type TestScope } from './executor-test-kit.js';

const docker = new Docker();
const HELLO = path.resolve('problems/hello');

let scope: TestScope;
let pool: ContainerPool;
let service: ExecutorService;
let cacheDir: string;
let packageHash: string;
const poolName = `test-executor-e2e-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  scope = await openScope();
  cacheDir = await mkdtemp(path.join(tmpdir(), 'juez-e2e-cache-'));
  const archive = await createNormalizedArchive(HELLO);
  packageHash = archiveHash(archive);
  await scope.redis.set(scope.keys.packageArchive(packageHash), archive);

  const image = await ensureRuntimeImage({ docker });
  pool = new ContainerPool({
    name: poolName,
    factory: new DockerSandboxFactory({ docker, image, memoryCeilingBytes: 768 * 1024 * 1024 }),
    size: 2,
    stopTimeoutMs: 5_000,
  });
  await pool.start();
  service = await ExecutorService.start({
    config: testConfig(scope, { JUEZ_POOL_SIZE: '2', JUEZ_PACKAGE_CACHE_DIR: cacheDir, JUEZ_STORE_RETRY_S: '10' }),
    log: silentLog,
    judge: new Judge(pool),
    runner: new PoolProgramRunner(pool),
    readPackage: (dir) => readProblemPackage(dir),
    imageTag: image,
    poolStats: () => pool.stats(),
  });
});

afterAll(async () => {
  await service?.stop();
  await pool?.stop();
  const left = await docker.listContainers({ all: true, filters: { label: [`juez.pool=${poolName}`] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
  await scope?.cleanup();
  await rm(cacheDir, { recursive: true, force: true });
});

async function source(relative: string): Promise<string> {
  return readFile(path.join(HELLO, 'submissions', relative), 'utf8');
}

async function judged(id: string): Promise<JudgeResult> {
  const record = await waitFor(async () => {
    const r = await scope.redis.hGetAll(scope.keys.submission(id));
    return r['status'] === 'done' ? r : undefined;
  }, 90_000, `the verdict of ${id}`);
  return JSON.parse(record['result'] ?? '') as JudgeResult;
}

async function ran(id: string): Promise<RunResult> {
  const record = await waitFor(async () => {
    const r = await scope.redis.hGetAll(scope.keys.run(id));
    return r['status'] === 'done' ? r : undefined;
  }, 90_000, `the result of run ${id}`);
  return JSON.parse(record['result'] ?? '') as RunResult;
}

describe('executor end to end (real sandboxes)', () => {
  it('judges hello world submissions from the queue into Redis', async () => {
    const accepted = makeTask({ packageHash, languageId: 'python', files: [{ name: 'hello.py', content: await source('accepted/hello.py') }] });
    const wrong = makeTask({ packageHash, languageId: 'python', files: [{ name: 'lowercase.py', content: await source('wrong_answer/lowercase.py') }] });
    const inC = makeTask({ packageHash, languageId: 'c', files: [{ name: 'hello.c', content: await source('accepted/hello.c') }] });
    for (const task of [accepted, wrong, inC]) {
      await seedSubmission(scope, task);
      await publish(scope, 'submission', task);
    }
    expect((await judged(accepted.id)).verdict).toBe('AC');
    expect((await judged(wrong.id)).verdict).toBe('WA');
    const c = await judged(inC.id);
    expect(c.verdict).toBe('AC');
    expect(c.tests.length).toBeGreaterThan(0);
    // One package fetch served every task.
    expect(await readdir(cacheDir)).toEqual([packageHash]);
  });

  it('runs a program once on custom stdin', async () => {
    const echo = makeTask({
      kind: 'run',
      packageHash,
      languageId: 'python',
      stdin: 'juez\n',
      files: [{ name: 'echo.py', content: 'import sys\nname = sys.stdin.readline().strip()\nprint(f"Hello, {name}!")\nprint("oops", file=sys.stderr)\n' }],
    });
    const broken = makeTask({ kind: 'run', packageHash, languageId: 'c', files: [{ name: 'broken.c', content: 'int main( {' }] });
    const crash = makeTask({ kind: 'run', packageHash, languageId: 'python', files: [{ name: 'crash.py', content: 'raise SystemExit(3)' }] });
    const loop = makeTask({ kind: 'run', packageHash, languageId: 'python', files: [{ name: 'loop.py', content: 'while True: pass' }] });
    for (const task of [echo, broken, crash, loop]) {
      await seedRun(scope, task);
      await publish(scope, 'run', task);
    }
    const echoed = await ran(echo.id);
    expect(echoed).toMatchObject({ status: 'ok', stdout: 'Hello, juez!\n', exitCode: 0, signal: null });
    expect(echoed.stderr).toContain('oops');
    const notCompiled = await ran(broken.id);
    expect(notCompiled.status).toBe('compile_error');
    expect(notCompiled.compileOutput).toMatch(/error/);
    expect(await ran(crash.id)).toMatchObject({ status: 'runtime_error', exitCode: 3 });
    expect((await ran(loop.id)).status).toBe('time_limit');
  });
});
