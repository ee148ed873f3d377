/**
 * Judges every probe of the adversarial corpus (tests/adversarial/probes/) on a pool of two real sandboxes and
 * checks the verdict each one states in its `expect:` line. Then checks that nothing escaped: the pool holds only
 * its own containers, no sandbox-user process lives on the host outside a busy container, and a next submission
 * in each container finds no trace of the corpus (processes, files, IPC objects, environment).
 *
 * Student code is hostile: this file is part of the suite. A probe that found a hole in the sandbox is kept here
 * after the hole is fixed (see README.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../common/judge-result.js';
import { Judge } from '../../executor/judge.js';
import { judgeSubmission } from '../../executor/judging/judge-submission.js';
import type { SandboxLease } from '../../executor/sandbox/container-pool.js';
import { docker, removeProblems, startTestPool, type TestPool } from '../integration/judging/judging-fixture.js';
import {
  corpusLanguages,
  makeFixtures,
  NEXT_SUBMISSION_DIR,
  readProbes,
  submissionOf,
  type Fixtures,
  type Probe,
} from './adversarial-fixture.js';
import { findStrayProcesses, listSandboxUserProcesses } from './host-traces.js';

const POOL_SIZE = 2;
/** Longest a probe may keep the judge busy, compile bombs included; more means a limit did not hold. */
const MAX_JUDGING_MS = 30_000;

const probes = await readProbes();
const languages = corpusLanguages();
let pool: TestPool;
let fixtures: Fixtures;
const judged = new Map<string, { verdict: string; ms: number; why: string }>();
let corpusStart = 0;

beforeAll(async () => {
  pool = await startTestPool('adversarial', POOL_SIZE);
  fixtures = await makeFixtures();
  // A canary in the executor's own environment: a sandbox that inherited it would hand probes the answer.
  process.env['JUEZ_ADVERSARIAL_CANARY'] = fixtures.secretAnswer;
  corpusStart = Date.now();
});

afterAll(async () => {
  delete process.env['JUEZ_ADVERSARIAL_CANARY'];
  await pool?.stop();
  await removeProblems();
  const rows = [...judged].map(
    ([file, { verdict, ms, why }]) => `  ${file.padEnd(26)} ${verdict.padEnd(4)} ${(ms / 1000).toFixed(1).padStart(5)} s  ${why}`,
  );
  console.log(`adversarial corpus: ${judged.size} probes\n${rows.join('\n')}`);
});

/** Lets at most POOL_SIZE judgements run, so that a probe's judging time does not include waiting for a container. */
let running = 0;
const queue: (() => void)[] = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= POOL_SIZE) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

function describeResult(result: JudgeResult): string {
  const tests = result.tests.map((t) => `${t.name}: ${t.verdict}${t.message ? ` (${t.message.slice(0, 300)})` : ''}`);
  const output = result.tests[0]?.output;
  return [
    `verdict ${result.verdict}`,
    ...(result.internalError ? [`internal error: ${JSON.stringify(result.internalError)}`] : []),
    ...tests,
    ...(output ? [`first test's output: ${JSON.stringify(output.slice(0, 500))}`] : []),
    ...(result.compileOutput ? [`compile output: ${result.compileOutput.slice(0, 1500)}`] : []),
  ].join('\n');
}

describe.concurrent('adversarial corpus', () => {
  it('has probes, each with a verdict to expect', () => {
    expect(probes.length).toBeGreaterThan(30);
  });

  it.for(probes)('$file → $expect', { timeout: 180_000 }, async (probe: Probe, { expect }) => {
    const problem = fixtures[probe.problem];
    // A judge of its own, to see whether this probe cost a container (a SandboxError makes the judge discard it).
    const sandboxFailures: string[] = [];
    const judge = new Judge(pool.pool, { onSandboxFailure: (error) => sandboxFailures.push(error.message) });
    const { result, ms } = await withSlot(async () => {
      const started = Date.now();
      const result = await judge.judge(problem, submissionOf(probe), { languages });
      return { result, ms: Date.now() - started };
    });
    const firstFailure = result.tests.find((t) => t.verdict !== 'AC');
    const why = result.verdict === 'CE' ? /^juez: .*$/m.exec(result.compileOutput ?? '')?.[0] ?? '' : firstFailure?.message ?? '';
    judged.set(probe.file, { verdict: result.verdict, ms, why: why.slice(0, 90) });
    expect(result.verdict, describeResult(result)).toBe(probe.expect);
    expect(sandboxFailures, 'the probe broke its container').toEqual([]);
    expect(ms, 'judging took too long: a limit did not hold').toBeLessThan(MAX_JUDGING_MS);
    // Compiler output reaches the student: it must never quote test data (an #include of an answer file).
    for (const token of fixtures.secretTokens) expect(result.compileOutput ?? '').not.toContain(token);
    // The corpus' CE probes are all compile bombs, stopped by a compile limit: the student must be told which.
    if (probe.expect === 'CE') {
      expect(result.compileOutput).toMatch(/^juez: (compilation took too long|the compiler ran out of memory|the compiler wrote too much output)$/m);
    }
  });
});

describe('after the corpus', () => {
  /** Both containers of the pool, leased at once, after the pool has settled (replacements created). */
  async function leaseAll(): Promise<SandboxLease[]> {
    for (let i = 0; i < 600 && (pool.pool.stats().replacing > 0 || pool.pool.stats().busy > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Promise.all(Array.from({ length: POOL_SIZE }, () => pool.pool.acquire()));
  }

  async function readNextSubmissionProbe(): Promise<Probe> {
    const file = 'find_traces.c';
    return { file, languageId: 'c', expect: 'AC', problem: 'echo', source: await readFile(path.join(NEXT_SUBMISSION_DIR, file), 'utf8') };
  }

  /** Runs find_traces.c as a fresh submission in the lease's container; its output lists what it found. */
  async function findTraces(lease: SandboxLease): Promise<string> {
    const result = await judgeSubmission(lease.session, fixtures.traces, submissionOf(await readNextSubmissionProbe()), { languages });
    expect(result.verdict === 'AC' || result.verdict === 'WA', describeResult(result)).toBe(true);
    return result.tests[0]?.output ?? describeResult(result);
  }

  it('leaves no container but the pool\'s own', async () => {
    const leases = await leaseAll();
    try {
      const ids = leases.map((lease) => lease.containerId);
      const labelled = await docker.listContainers({ all: true, filters: { label: [`juez.pool=${pool.name}`] } });
      expect(labelled.map((c) => c.Id.slice(0, 12)).sort()).toEqual([...ids].sort());
      expect(labelled.every((c) => c.State === 'running')).toBe(true);
    } finally {
      await Promise.all(leases.map((lease) => lease.release()));
    }
  });

  it('leaves no process of the sandbox users on the host', async () => {
    const leases = await leaseAll();
    try {
      const ours = leases.map((lease) => lease.containerId);
      // Two looks a second apart: a process of another test's container that comes or goes between listing
      // processes and listing containers is not a stray; a stray is still there.
      const look = async () => {
        const processes = await listSandboxUserProcesses();
        const existing = (await docker.listContainers({ all: true })).map((c) => c.Id);
        return findStrayProcesses(processes, ours, existing);
      };
      const first = await look();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const second = await look();
      const strays = second.filter((p) => first.some((q) => q.pid === p.pid));
      expect(strays).toEqual([]);
    } finally {
      await Promise.all(leases.map((lease) => lease.release()));
    }
  });

  it('lets the next submission in each container find no trace of the corpus', async () => {
    const leases = await leaseAll();
    try {
      for (const lease of leases) expect(await findTraces(lease)).toBe('CLEAN\n');
    } finally {
      await Promise.all(leases.map((lease) => lease.release()));
    }
  });

  it('cleans up after the probe that leaves the most traces, in place', async () => {
    const planted = probes.find((probe) => probe.file === 'leave_traces.c');
    expect(planted).toBeDefined();
    const leases = await leaseAll();
    const ids = leases.map((lease) => lease.containerId);
    try {
      for (const lease of leases) {
        const result = await judgeSubmission(lease.session, fixtures.echo, submissionOf(planted!), { languages });
        expect(result.verdict, describeResult(result)).toBe(planted!.expect);
        // Control: the detector sees the traces while nothing has cleaned up yet.
        expect(await findTraces(lease)).toMatch(/^TRACE /m);
      }
    } finally {
      await Promise.all(leases.map((lease) => lease.release()));
    }
    const next = await leaseAll();
    try {
      // Reset in place, not replaced: otherwise a clean container would prove nothing.
      expect(next.map((lease) => lease.containerId).sort()).toEqual([...ids].sort());
      for (const lease of next) expect(await findTraces(lease)).toBe('CLEAN\n');
    } finally {
      await Promise.all(next.map((lease) => lease.release()));
    }
  });

  it('leaves no container behind once the pool stops', async () => {
    const took = Date.now() - corpusStart;
    console.log(`adversarial corpus and checks: ${(took / 1000).toFixed(1)} s`);
    await pool.stop();
    const left = await docker.listContainers({ all: true, filters: { label: [`juez.pool=${pool.name}`] } });
    expect(left).toEqual([]);
  });
});
