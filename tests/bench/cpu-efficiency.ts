/**
 * cpuEfficiency: how much of the machine the service turns into students' CPU time under a CPU-bound load.
 * Python submissions of a naive recursive Fibonacci (n calibrated so that one run takes about 0.3 s of CPU
 * on this machine) go through the real dispatcher and one executor with a pool of one container per core,
 * a window of them in flight so that the queue never runs dry. Efficiency = ΣCPU of the judged runs (as
 * the verdicts report it: the programs' user + system time, which matches the containers' cgroup CPU
 * minus a few ms per job of the supervisor's own work) / (wall time × cores). What is lost is the
 * service's own CPU (HTTP, queue, Redis, staging, resets, on the same cores as the programs) and the gaps
 * between jobs (a container waiting for its next task: the gap figure below). Python's syntax check is run
 * only for a program whose first test fails (languages.yaml, compileCheckedByRun), so these AC
 * submissions do not pay it.
 *
 * Baseline, same run: the same program back to back in a bare bash loop, one warm container per core, no
 * judge at all, before and after the service load: the most this machine, loaded as it is, allows.
 */
import { cpus } from 'node:os';
import type { CleanupStack } from './bench-cleanup.js';
import type { SandboxSession } from '../../executor/judging/sandbox-session.js';
import type { ContainerPool } from '../../executor/sandbox/container-pool.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { makeFigure, type BenchOutcome } from './bench-figure.js';
import { startBenchPool } from './bench-pool.js';
import { elapsedMs, round, roundDistribution, summarize } from './bench-stats.js';
import { runConcurrently } from './engine-bench-context.js';
import { BENCH_DISPATCHER_ENV, systemPoolPrefix, type ServiceBenchContext } from './service-bench-context.js';
import { writeTempProblem, type TempProblem } from './temp-problem.js';

export interface CpuEfficiencyOptions {
  /** Submissions through the service (the figure: 200). */
  submissions: number;
  /** Bare runs per container in each of the two baseline loops. */
  bareRunsPerContainer: number;
  /** Submissions judged before the measurement, so that every container has judged one. */
  warmUp: number;
}

const GOAL = 0.87;

export async function measureCpuEfficiency(ctx: ServiceBenchContext, options: CpuEfficiencyOptions): Promise<BenchOutcome> {
  const cores = cpus().length;
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const bare = await startBenchPool(ctx.docker, image, ctx.cleanup, { what: 'cpu-bare', size: cores, log: ctx.log });
  ctx.ownPools.push(bare.name);
  const calibration = await calibrateFibonacci(bare.pool);
  ctx.log(`cpuEfficiency: fib(${calibration.n}) takes ${round(calibration.cpuMs, 0)} ms of CPU here`);
  const fib = await writeFibonacciProblem(calibration.n, ctx.cleanup);

  const system = await startJuezSystem({ executors: 1, poolSize: cores, dispatcherEnv: BENCH_DISPATCHER_ENV });
  ctx.cleanup.defer('stopping the cpuEfficiency system', () => system.stop());
  ctx.ownPools.push(systemPoolPrefix(system));
  await system.pushProblem(fib.problem.dir, 'fib');
  const token = system.token({ sub: 'bench-student', role: 'student' });
  const inFlight = 4 * cores;

  const bareBefore = await runBareFibonacci(bare.pool, calibration.n, options.bareRunsPerContainer);
  ctx.log(`cpuEfficiency: bare loop before: efficiency ${round(bareBefore.efficiency, 3)}`);
  await submitFibonacci(system, token, { problemId: 'fib', n: calibration.n, submissions: options.warmUp, inFlight: cores });
  const load = await submitFibonacci(system, token, { problemId: 'fib', n: calibration.n, submissions: options.submissions, inFlight });
  const bareAfter = await runBareFibonacci(bare.pool, calibration.n, options.bareRunsPerContainer);
  ctx.log(`cpuEfficiency: bare loop after: efficiency ${round(bareAfter.efficiency, 3)}`);
  await system.stop();
  await bare.pool.stop();

  const cpuMs = load.jobs.reduce((sum, job) => sum + job.cpuMs, 0);
  const efficiency = cpuMs / (load.wallMs * cores);
  // How the loss splits: the containers were busy judging `busy` of the time, and of that time the
  // programs' own CPU was `useful`.
  const judgingMs = load.jobs.reduce((sum, job) => sum + job.judgingMs, 0);
  const busy = judgingMs / (load.wallMs * cores);
  // Container time outside any job's startedAt → finishedAt, per job: what a slow fetch of the next task
  // costs (it was ~45 ms while Nagle's algorithm held each fetch after an ack back).
  const gapMs = (load.wallMs * cores - judgingMs) / Math.max(1, load.jobs.length);
  const bareEfficiency = (bareBefore.efficiency + bareAfter.efficiency) / 2;
  const perRun = summarize(load.jobs.map((job) => job.cpuMs));
  ctx.log(`cpuEfficiency: ${load.jobs.length} judged in ${round(load.wallMs / 1000, 1)} s, ΣCPU ${round(cpuMs / 1000, 1)} s: ${round(efficiency, 3)}`);

  const problems = [...load.wrong];
  if (load.jobs.length !== options.submissions) problems.push(`${load.jobs.length} of ${options.submissions} submissions were judged AC`);
  return {
    json: { cpuEfficiency: round(efficiency, 3) },
    figures: [
      makeFigure({
        key: 'cpuEfficiency',
        unit: '',
        goal: { direction: 'at-least', value: GOAL },
        measured: efficiency,
        baseline: {
          what: `bare bash loop of the same program, 1 warm container per core, mean of before (${round(bareBefore.efficiency, 2)}) and after (${round(bareAfter.efficiency, 2)})`,
          value: bareEfficiency,
          unit: '',
        },
        note:
          `ΣCPU / (wall × ${cores} cores): ${options.submissions} Python fib(${calibration.n}) (median ${round(perRun.median, 0)} ms CPU each) ` +
          `through the service, ${inFlight} in flight, 1 executor with a pool of ${cores}; containers busy judging ${round(100 * busy, 1)}% of the time (${round(gapMs, 1)} ms idle per job)`,
        ...(problems.length > 0 && { invalid: problems.slice(0, 3).join('; ') }),
      }),
    ],
    details: {
      cpuEfficiency: {
        n: calibration.n,
        calibrationCpuMs: round(calibration.cpuMs, 1),
        submissions: options.submissions,
        inFlight,
        poolSize: cores,
        wallMs: round(load.wallMs, 0),
        cpuMs: round(cpuMs, 0),
        cpuMsPerRun: roundDistribution(perRun, 1),
        judgingMsPerJob: roundDistribution(summarize(load.jobs.map((job) => job.judgingMs)), 1),
        busyFraction: round(busy, 3),
        gapMsPerJob: round(gapMs, 1),
        bare: { before: bareBefore, after: bareAfter, runsPerContainer: options.bareRunsPerContainer },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The Fibonacci workload, shared with scale-out.ts: CPU-bound, no memory, no I/O; n sets its CPU time.
// (It would be fibonacci-workload.ts, a file of its own, if this task could create one.)

/** Naive recursive Fibonacci of the number on stdin: each step of n multiplies its CPU time by φ. */
export const FIBONACCI_PY = `import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(int(sys.stdin.readline())))
`;

const TARGET_CPU_MS = 300;
/**
 * fib(30) takes ~100 ms here: long enough that the interpreter's start and a burst of someone else's work
 * move the estimate less than with a shorter probe (with fib(28), a noisy probe picked fib(31), ~170 ms).
 */
const PROBE_N = 30;
/** Probes taken; their median is used. */
const PROBES = 5;
const GOLDEN_RATIO = (1 + Math.sqrt(5)) / 2;
const BARE_DIR = '/work/fib';
/** The language's run command and environment (common/languages.yaml), for the bare runs. */
const PYTHON_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', PYTHONDONTWRITEBYTECODE: '1' };

export function fibonacci(n: number): number {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

/** A one-test package: fib(n) of the given n, a 10 s time limit; removed by the cleanup. */
export async function writeFibonacciProblem(n: number, cleanup: CleanupStack): Promise<TempProblem> {
  const yaml = 'name: Fibonacci\ntype: pass-fail\nvalidation: default\nlimits:\n  time_limit: 10\n  memory: 256\n';
  const temp = await writeTempProblem('fib', yaml, [{ name: 'secret/1', input: `${n}\n`, answer: `${fibonacci(n)}\n` }]);
  cleanup.defer('removing the fib problem', temp.remove);
  return temp;
}

/** Runs `python3 -S fib.py < <n>.in` `times` times in a bash loop as the sandbox user; CPU (whole loop) and output. */
async function runFibonacciLoop(session: SandboxSession, n: number, times: number): Promise<{ cpuMs: number; output: string }> {
  await session.putFile(`${BARE_DIR}/fib.py`, FIBONACCI_PY, 'sandbox');
  await session.putFile(`${BARE_DIR}/${n}.in`, `${n}\n`, 'sandbox');
  const script = `cd ${BARE_DIR}\nfor ((i = 0; i < ${times}; i++)); do python3 -S fib.py < ${n}.in > out || exit 1; done\ncat out\n`;
  // Run specs carry one line per value: the script travels as a file.
  await session.putFile(`${BARE_DIR}/loop.sh`, script, 'sandbox');
  const facts = await session.run([
    {
      user: 'sandbox',
      cwd: BARE_DIR,
      argv: ['bash', `${BARE_DIR}/loop.sh`],
      env: PYTHON_ENV,
      cpuMs: 10_000 * times,
      wallMs: 100_000 * times,
      memoryKb: 256 * 1024,
      returnStdoutBytes: 256,
      returnStderrBytes: 4096,
    },
  ]);
  const proc = facts.procs[0];
  const output = facts.stdout.toString('utf8').trim();
  if (proc?.exitCode !== 0 || output !== String(fibonacci(n))) {
    throw new Error(`the bare fib(${n}) loop failed: ${JSON.stringify(proc)} stdout ${output.slice(0, 80)} stderr ${facts.stderr.toString('utf8').slice(0, 300)}`);
  }
  return { cpuMs: proc.cpuMs, output };
}

/**
 * The n whose fib(n) takes about 0.3 s of CPU in a sandbox of this machine. A run costs the interpreter's
 * start s plus c·φⁿ: s is measured with fib(1), c with fib(PROBE_N) (median of PROBES).
 */
export async function calibrateFibonacci(pool: ContainerPool): Promise<{ n: number; cpuMs: number }> {
  const lease = await pool.acquire();
  try {
    await runFibonacciLoop(lease.session, 1, 1); // warms the page cache and the interpreter
    const start = (await runFibonacciLoop(lease.session, 1, 3)).cpuMs / 3;
    // One probe can land on a burst of someone else's work: the median.
    const probes: number[] = [];
    for (let i = 0; i < PROBES; i++) probes.push((await runFibonacciLoop(lease.session, PROBE_N, 1)).cpuMs);
    const probe = summarize(probes).median;
    const steps = Math.log((TARGET_CPU_MS - start) / Math.max(1, probe - start)) / Math.log(GOLDEN_RATIO);
    const n = Math.max(1, PROBE_N + Math.round(steps));
    const check = await runFibonacciLoop(lease.session, n, 1);
    return { n, cpuMs: check.cpuMs };
  } finally {
    await lease.release();
  }
}

/** What the bare loops achieved: ΣCPU / (wall × containers), one loop per container, all at once. */
export interface BareRun {
  runs: number;
  cpuMs: number;
  wallMs: number;
  efficiency: number;
}

/** `runsPerContainer` runs of fib(n) in every container of the pool at once. */
export async function runBareFibonacci(pool: ContainerPool, n: number, runsPerContainer: number): Promise<BareRun> {
  const leases = await Promise.all(Array.from({ length: pool.size }, () => pool.acquire()));
  try {
    const start = performance.now();
    const loops = await Promise.all(leases.map((lease) => runFibonacciLoop(lease.session, n, runsPerContainer)));
    const wallMs = elapsedMs(start);
    const cpuMs = loops.reduce((sum, loop) => sum + loop.cpuMs, 0);
    return { runs: runsPerContainer * pool.size, cpuMs: round(cpuMs, 0), wallMs: round(wallMs, 0), efficiency: round(cpuMs / (wallMs * pool.size), 4) };
  } finally {
    await Promise.all(leases.map((lease) => lease.release()));
  }
}

/** One judged submission: the programs' CPU time (the verdict's) and the executor's judging time. */
export interface JudgedJob {
  cpuMs: number;
  /** startedAt → finishedAt of the record, ms. */
  judgingMs: number;
}

export interface FibonacciLoad {
  /** First POST sent → last verdict read, ms. */
  wallMs: number;
  jobs: JudgedJob[];
  /** Submissions not judged AC, described. */
  wrong: string[];
}

export interface FibonacciLoadOptions {
  problemId: string;
  n: number;
  submissions: number;
  /** Submissions in flight at once: a window that keeps the queue from running dry. */
  inFlight: number;
}

/** How long a POST holds for its verdict, s (the dispatcher allows up to 30 by default). */
const WAIT_S = 25;

/**
 * Sends `submissions` fib submissions through the service, `inFlight` at a time, each POST holding for
 * its verdict (`wait`); one still pending after the wait is polled until final.
 */
export async function submitFibonacci(system: JuezSystem, token: string, options: FibonacciLoadOptions): Promise<FibonacciLoad> {
  const body = { problemId: options.problemId, languageId: 'python', files: [{ name: 'fib.py', content: FIBONACCI_PY }], wait: WAIT_S };
  const jobs: JudgedJob[] = [];
  const wrong: string[] = [];
  const submitOne = async (): Promise<void> => {
    const answer = await system.request('POST', '/api/v1/submissions', { token, json: body, timeoutMs: (WAIT_S + 15) * 1000 });
    if (answer.status !== 200 && answer.status !== 202) throw new Error(`POST /api/v1/submissions answered ${answer.status} ${answer.text.slice(0, 300)}`);
    const final = answer.status === 200 ? answer.body : await system.waitForFinal(answer.body.id as string, 600_000);
    const verdict = final?.result?.verdict as string | undefined;
    if (final?.status !== 'done' || verdict !== 'AC') {
      wrong.push(`${final?.status as string} ${verdict ?? ''} ${JSON.stringify(final?.result?.internalError ?? final?.result?.tests?.[0] ?? {}).slice(0, 200)}`);
      return;
    }
    jobs.push({ cpuMs: Number(final.result.cpuMs), judgingMs: Date.parse(final.finishedAt as string) - Date.parse(final.startedAt as string) });
  };
  const wallMs = options.submissions === 0 ? 0 : await runConcurrently(options.submissions, options.inFlight, submitOne);
  return { wallMs, jobs, wrong };
}
