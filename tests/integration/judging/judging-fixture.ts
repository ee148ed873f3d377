/**
 * Shared by the judging integration tests: problem packages written from inline files into a temporary
 * directory, and a Judge over a real pool of Docker sandboxes with a unique name (stopped in afterAll).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { Judge } from '../../../executor/judge.js';
import type { Submission } from '../../../executor/judging/judge-submission.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { readProblemPackage } from '../../../common/problem/read-problem-package.js';
import { ContainerPool } from '../../../executor/sandbox/container-pool.js';
import { DockerSandboxFactory } from '../../../executor/sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';

export const docker = new Docker();

/** A pool of real sandboxes for one test file. */
export interface TestPool {
  name: string;
  pool: ContainerPool;
  judge: Judge;
  /** Stops the pool and removes whatever a failed test may have left. */
  stop(): Promise<void>;
}

export async function startTestPool(what: string, size = 1): Promise<TestPool> {
  const name = `test-judging-${what}-${randomBytes(4).toString('hex')}`;
  const image = await ensureRuntimeImage({ docker });
  const factory = new DockerSandboxFactory({ docker, image, memoryCeilingBytes: 768 * 1024 * 1024 });
  const pool = new ContainerPool({ name, factory, size, stopTimeoutMs: 5_000 });
  await pool.start();
  return {
    name,
    pool,
    judge: new Judge(pool),
    stop: async () => {
      await pool.stop();
      const left = await docker.listContainers({ all: true, filters: { label: [`juez.pool=${name}`] } });
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
    },
  };
}

const made: string[] = [];

/** Writes a problem package (relative path → content) to a fresh temporary directory and reads it. */
export async function makeProblem(files: Record<string, string>): Promise<ProblemPackage> {
  const root = await mkdtemp(path.join(tmpdir(), 'juez-judging-'));
  made.push(root);
  const dir = path.join(root, 'problem');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return readProblemPackage(dir);
}

/** Removes every package makeProblem wrote. */
export async function removeProblems(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A one-file submission. */
export function source(languageId: string, name: string, content: string): Submission {
  return { languageId, files: [{ name, content }] };
}

/** Test data: `{ 'sample/1': ['in', 'ans'], ... }` → data/<group>/<name>.in / .ans files. */
export function testData(tests: Record<string, [string, string]>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, [input, answer]] of Object.entries(tests)) {
    files[`data/${name}.in`] = input;
    files[`data/${name}.ans`] = answer;
  }
  return files;
}
