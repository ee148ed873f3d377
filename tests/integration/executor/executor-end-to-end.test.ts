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
import { probeLanguageVersions } from '../../../executor/sandbox/docker-version-probe.js';
import { chooseServedLanguages } from '../../../executor/service/choose-served-languages.js';
import type { LanguageVersions } from '../../../common/language-versions.js';
import { loadLanguages } from '../../../common/languages.js';
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
let image: string;
let languages: LanguageVersions;
const poolName = `test-executor-e2e-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  scope = await openScope();
  cacheDir = await mkdtemp(path.join(tmpdir(), 'juez-e2e-cache-'));
  const archive = await createNormalizedArchive(HELLO);
  packageHash = archiveHash(archive);
  await scope.redis.set(scope.keys.packageArchive(packageHash), archive);

  image = await ensureRuntimeImage({ docker });
  languages = chooseServedLanguages(await probeLanguageVersions({ docker, image, languages: loadLanguages() }), undefined).served;
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
    languages,
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

/** What a command prints in the image, read independently of the probe (docker run, another flag). */
async function printedInImage(...cmd: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Entrypoint: cmd, Cmd: [], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    const logs = await container.logs({ stdout: true, stderr: true });
    // Multiplexed frames: an 8-byte header before each chunk; the text is what matters here.
    return logs.toString('latin1').replace(/[\x00-\x08]/g, '');
  } finally {
    await container.remove({ force: true });
  }
}

describe('executor end to end (real sandboxes)', () => {
  it('advertises the languages of its image with the versions their toolchains print', async () => {
    const beat = await waitFor(async () => (await scope.redis.hGet(scope.keys.executor('test-executor'), 'languages')) ?? undefined, 10_000, 'a heartbeat');
    const advertised = JSON.parse(beat) as Record<string, string>;
    expect(advertised).toEqual(languages);
    expect(Object.keys(advertised)).toEqual(expect.arrayContaining(['c', 'python', 'java']));
    expect((await printedInImage('gcc', '-dumpfullversion')).trim()).toBe(advertised['c']);
    expect(await printedInImage('python3', '-c', 'import platform; print(platform.python_version())')).toContain(advertised['python']);
    expect(await printedInImage('java', '-version')).toContain(`"${advertised['java']}"`);
  });

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
