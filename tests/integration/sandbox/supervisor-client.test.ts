import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxError } from '../../../executor/judging/sandbox-error.js';
import type { PoolSandbox } from '../../../executor/sandbox/sandbox-factory.js';
import type { DockerSandboxFactory } from '../../../executor/sandbox/docker-sandbox-factory.js';
import { SupervisorClient } from '../../../executor/sandbox/supervisor-client.js';
import { containersOf, makeFactory, PATH, removeContainersOf, uniquePoolName } from './sandbox-fixture.js';

const name = uniquePoolName('client');
let factory: DockerSandboxFactory;
let sandbox: PoolSandbox;
let client: SupervisorClient;

beforeAll(async () => {
  factory = await makeFactory();
  sandbox = await factory.create(name);
  if (!(sandbox.session instanceof SupervisorClient)) throw new Error('expected a SupervisorClient');
  client = sandbox.session;
});

afterAll(async () => {
  if (sandbox) await factory.destroy(sandbox);
  await removeContainersOf(name);
  expect(await containersOf(name)).toEqual([]);
});

const shell = (script: string, extra = {}) => ({
  argv: ['bash', '-c', script],
  env: { PATH },
  cpuMs: 2000,
  memoryKb: 256 * 1024,
  returnStdoutBytes: 1 << 20,
  returnStderrBytes: 1 << 20,
  ...extra,
});

describe('SupervisorClient against the real supervisor', () => {
  it('answers a burst of pipelined requests in order', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `/judge/burst/f${i}`, content: randomBytes(1000 + i) }));
    const calls = [
      client.makeDir('/judge/burst', 'root'),
      ...files.map((f) => client.putFile(f.path, f.content, 'root')),
      client.putFile('/work/in/deep/x.txt', 'hello\n', 'sandbox'),
      client.run([shell('cat /work/in/deep/x.txt; ls /work/in')]),
      ...files.map((f) => client.getFile(f.path)),
      client.getFile('/judge/burst/missing'),
      client.removePath('/judge/burst'),
      client.removePath('/judge/burst'), // already gone: fine, like rm -rf
      client.getFile('/judge/burst/f0'),
      client.ping(),
    ];
    const results = await Promise.all(calls);
    const run = results[files.length + 2] as { stdout: Buffer };
    expect(run.stdout.toString()).toBe('hello\ndeep\n');
    const got = results.slice(files.length + 3, 2 * files.length + 3) as Buffer[];
    got.forEach((data, i) => expect(data.equals(files[i]!.content)).toBe(true));
    expect(results.slice(2 * files.length + 3)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('moves large binary payloads intact both ways', async () => {
    const big = randomBytes(24 * 1024 * 1024);
    await client.putFile('/judge/big.bin', big, 'root');
    expect((await client.getFile('/judge/big.bin'))?.equals(big)).toBe(true);
    const facts = await client.run([
      shell('head -c 12000000 /dev/zero | tr "\\0" x; echo -n end', { returnStdoutBytes: 16 * 1024 * 1024, outputKb: 20_000 }),
    ]);
    expect(facts.stdout.length).toBe(12_000_003);
    expect(facts.stdout.subarray(-4).toString()).toBe('xend');
    await client.removePath('/judge/big.bin');
  });

  it('reports a wall-limit kill as a fact and stays usable', async () => {
    const facts = await client.run([shell('sleep 30', { cpuMs: 200, wallMs: 500 })]);
    expect(facts.procs[0]).toMatchObject({ exitCode: null, signal: 9, limit: 'wall' });
    expect(facts.procs[0]!.wallMs).toBeGreaterThanOrEqual(500);
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('rejects a refused request with the supervisor’s reason and stays usable', async () => {
    // A program that does not exist cannot be started: an infrastructure error of the run, not a verdict.
    await expect(client.run([{ argv: ['/no/such/program'], cpuMs: 100, memoryKb: 1024 }])).rejects.toThrow(SandboxError);
    await expect(client.getFile('/judge/run')).rejects.toThrow(/not a regular file/);
    await expect(client.ping()).resolves.toBeUndefined();
    expect(client.dead).toBe(false);
  });

  it('connects two processes through pipes (interactive)', async () => {
    const facts = await client.run([
      shell('echo 41; read answer; echo "got $answer" >&2; [ "$answer" = 42 ]', { stdout: 'pipe', stdin: 'pipe' }),
      shell('read question; echo $((question + 1))', { user: 'validator', cwd: '/tmp', stdin: 'pipe', stdout: 'pipe' }),
    ]);
    expect(facts.procs.map((p) => p.exitCode)).toEqual([0, 0]);
    expect(facts.stderr.toString()).toContain('got 42');
  });
});
