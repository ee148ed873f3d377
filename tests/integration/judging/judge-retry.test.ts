import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Judge, type SandboxLeaser } from '../../../executor/judge.js';
import { SandboxError } from '../../../executor/judging/sandbox-error.js';
import type { SandboxLease } from '../../../executor/sandbox/container-pool.js';
import type { ProblemPackage } from '../../../common/problem/problem.js';
import { docker, makeProblem, removeProblems, source, startTestPool, testData, type TestPool } from './judging-fixture.js';

let pool: TestPool;
let problem: ProblemPackage;

beforeAll(async () => {
  pool = await startTestPool('retry');
  problem = await makeProblem({ 'problem.yaml': '', ...testData({ 'secret/1': ['\n', 'done\n'] }) });
});

afterAll(async () => {
  await pool?.stop();
  await removeProblems();
});

/** Leases from the real pool, letting a test interfere with the first `count` leases. */
function interfering(count: number, interfere: (lease: SandboxLease) => SandboxLease): SandboxLeaser & { leases: string[] } {
  const leases: string[] = [];
  return {
    leases,
    acquire: async (signal) => {
      const lease = await pool.pool.acquire(signal);
      leases.push(lease.containerId);
      return leases.length <= count ? interfere(lease) : lease;
    },
  };
}

/** A lease whose session fails every run, as a broken container would. */
function failingRuns(lease: SandboxLease): SandboxLease {
  const session = lease.session;
  return {
    ...lease,
    release: () => lease.release(),
    discard: () => lease.discard(),
    session: {
      putFile: (...args) => session.putFile(...args),
      makeDir: (...args) => session.makeDir(...args),
      getFile: (...args) => session.getFile(...args),
      removePath: (...args) => session.removePath(...args),
      run: async () => {
        throw new SandboxError('supervisor stream ended (container stopped)', 'sandbox');
      },
    },
  };
}

const slowHello = source('bash', 'sol.sh', 'sleep 0.6\necho done\n');

describe('Judge over a pool', () => {
  it('discards a container that dies mid-submission and judges again on a fresh one', async () => {
    const leaser = interfering(1, (lease) => {
      // Killed while the program sleeps: the supervisor stream ends under the judge.
      setTimeout(() => void docker.getContainer(lease.containerId).kill().catch(() => {}), 300);
      return lease;
    });
    const failures: SandboxError[] = [];
    const judge = new Judge(leaser, { onSandboxFailure: (error) => failures.push(error) });
    const result = await judge.judge(problem, slowHello);
    expect(result.verdict).toBe('AC');
    expect(failures).toHaveLength(1);
    expect(leaser.leases).toHaveLength(2);
    expect(leaser.leases[1]).not.toBe(leaser.leases[0]);
  });

  it('gives IE naming the culprit after two failed containers, without throwing', async () => {
    const leaser = interfering(2, failingRuns);
    const result = await new Judge(leaser).judge(problem, slowHello);
    expect(result.verdict).toBe('IE');
    expect(result.internalError?.culprit).toBe('sandbox');
    expect(result.internalError?.message).toMatch(/2 sandboxes failed.*container stopped/);
    expect(leaser.leases).toHaveLength(2);
  });

  it('gives IE when no container can be leased', async () => {
    const leaser: SandboxLeaser = { acquire: () => Promise.reject(new SandboxError('pool x is not running (stopped)', 'executor')) };
    const result = await new Judge(leaser).judge(problem, slowHello);
    expect(result).toMatchObject({ verdict: 'IE', internalError: { culprit: 'executor' } });
  });

  it('rejects with the reason when aborted', async () => {
    const aborter = new AbortController();
    const judging = pool.judge.judge(problem, slowHello, { signal: aborter.signal });
    setTimeout(() => aborter.abort(new Error('shutting down')), 100);
    await expect(judging).rejects.toThrow('shutting down');
    // The container went back to the pool in working order.
    expect((await pool.judge.judge(problem, source('bash', 'sol.sh', 'echo done\n'))).verdict).toBe('AC');
  });
});
