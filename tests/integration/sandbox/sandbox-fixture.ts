/**
 * Shared by the sandbox integration tests: the runtime image, a unique pool name per test, and a way to
 * compile and run a C program in a leased container.
 */
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import type { ProcessSpec, RunFacts, SandboxSession } from '../../../executor/judging/sandbox-session.js';
import { ContainerPool, type ContainerPoolOptions } from '../../../executor/sandbox/container-pool.js';
import type { SandboxLogger } from '../../../executor/sandbox/sandbox-factory.js';
import { DockerSandboxFactory } from '../../../executor/sandbox/docker-sandbox-factory.js';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';

export const docker = new Docker();

let image: Promise<string> | undefined;

/** The runtime image, built once per test file if missing. */
export function runtimeImage(): Promise<string> {
  image ??= ensureRuntimeImage({ docker });
  return image;
}

/** A pool name no other test (or test run) uses. */
export function uniquePoolName(what: string): string {
  return `test-${what}-${randomBytes(4).toString('hex')}`;
}

/** Warnings and errors show in the test output; supervisor chatter (info) does not. */
const log: SandboxLogger = (level, message) => {
  if (level !== 'info') console.log(`[sandbox ${level}] ${message}`);
};

export async function makeFactory(): Promise<DockerSandboxFactory> {
  return new DockerSandboxFactory({ docker, image: await runtimeImage(), memoryCeilingBytes: 512 * 1024 * 1024, log });
}

export async function makePool(name: string, options: Partial<ContainerPoolOptions> = {}): Promise<ContainerPool> {
  return new ContainerPool({ name, factory: await makeFactory(), size: 1, log, ...options });
}

/** Containers carrying this pool's label, running or not. */
export async function containersOf(poolName: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: ['juez.role=sandbox', `juez.pool=${poolName}`] } });
}

/** Safety net for afterAll: whatever a failed test left behind. */
export async function removeContainersOf(poolName: string): Promise<void> {
  const left = await containersOf(poolName);
  await Promise.all(left.map((info) => docker.getContainer(info.Id).remove({ force: true }).catch(() => {})));
}

export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Compiles `/work/<name>.c` into `/work/<name>` as the sandbox user; throws with gcc's output on failure. */
export async function compileC(session: SandboxSession, name: string, source: string): Promise<void> {
  await session.putFile(`/work/${name}.c`, source, 'sandbox');
  const facts = await session.run([
    {
      argv: ['gcc', '-O2', '-o', name, `${name}.c`],
      cwd: '/work',
      env: { PATH, HOME: '/tmp' },
      stderr: 'stdout',
      cpuMs: 20_000,
      wallMs: 40_000,
      memoryKb: 512 * 1024,
      returnStdoutBytes: 10_000,
    },
  ]);
  if (facts.procs[0]?.exitCode !== 0) {
    throw new Error(`gcc failed: ${JSON.stringify(facts.procs[0])}\n${facts.stdout.toString()}`);
  }
}

/** Runs `/work/<name>` as the sandbox user with generous limits, returning its facts and stdout. */
export function runProgram(session: SandboxSession, name: string, extra: Partial<ProcessSpec> = {}): Promise<RunFacts> {
  return session.run([
    {
      argv: [`./${name}`],
      cwd: '/work',
      env: { PATH },
      cpuMs: 2000,
      wallMs: 5000,
      memoryKb: 256 * 1024,
      returnStdoutBytes: 100_000,
      returnStderrBytes: 10_000,
      ...extra,
    },
  ]);
}
