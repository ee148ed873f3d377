/**
 * scaleOut: what a second executor adds under a CPU-bound load. Executors are confined to one core each —
 * the process with `taskset`, its pool of one sandbox container with JUEZ_SANDBOX_CPUSET (the container is
 * created on that core, and so would be a replacement) — so that two executors on this machine behave like
 * two one-core hosts. After each phase the benchmark checks that they still are.
 *
 * Phases, through one dispatcher (not pinned): one executor on core 0; two executors, on cores 0 and 1; one
 * executor again (the second stopped). Each phase judges the same number of Python fib submissions (about
 * 0.3 s of CPU each, see cpu-efficiency.ts), 4 in flight per executor. scaleOut = throughput with two /
 * mean throughput with one; the one-executor throughput, measured before and after, is the baseline.
 */
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { startJuezSystem, type JuezSystem, type ServiceProcess } from '../support/juez-system.js';
import { poolContainers } from '../support/system-resources.js';
import { makeFigure, type BenchOutcome } from './bench-figure.js';
import { startBenchPool } from './bench-pool.js';
import { round, summarize } from './bench-stats.js';
import { calibrateFibonacci, submitFibonacci, writeFibonacciProblem, type FibonacciLoad } from './cpu-efficiency.js';
import { BENCH_DISPATCHER_ENV, systemPoolPrefix, type ServiceBenchContext } from './service-bench-context.js';

const run = promisify(execFile);

export interface ScaleOutOptions {
  /** Submissions judged in each of the three phases. */
  submissions: number;
  /** Submissions judged by a newly started executor before a phase. */
  warmUp: number;
}

const GOAL = 1.8;
const IN_FLIGHT_PER_EXECUTOR = 4;

/** An executor confined to one core. */
interface PinnedExecutor {
  service: ServiceProcess;
  cpu: string;
}

/**
 * Starts an executor whose sandbox containers run on `cpu` (JUEZ_SANDBOX_CPUSET, pool of one), and confines
 * the process itself (every thread: -a) there too: the executor has no setting for its own affinity.
 */
async function startPinnedExecutor(system: JuezSystem, cpu: string): Promise<PinnedExecutor> {
  const service = await system.startExecutor(undefined, { JUEZ_SANDBOX_CPUSET: cpu, JUEZ_POOL_SIZE: '1' });
  await run('taskset', ['-a', '-c', '-p', cpu, String(service.pid)]);
  return { service, cpu };
}

/** Why the executor is not (or no longer) confined to its core, or undefined when it is. */
async function checkPinned(ctx: ServiceBenchContext, executor: PinnedExecutor): Promise<string | undefined> {
  const { stdout } = await run('taskset', ['-c', '-p', String(executor.service.pid)]);
  const affinity = stdout.trim().split(': ').pop();
  if (affinity !== executor.cpu) return `executor ${executor.service.name} runs on CPUs ${affinity}, not ${executor.cpu}`;
  const containers = await poolContainers(executor.service.name);
  if (containers.length === 0) return `executor ${executor.service.name} has no sandbox container`;
  for (const id of containers) {
    const cpuset = (await ctx.docker.getContainer(id).inspect()).HostConfig.CpusetCpus;
    if (cpuset !== executor.cpu) return `container ${id.slice(0, 12)} has cpuset '${cpuset}', not ${executor.cpu}`;
  }
  return undefined;
}

/** One phase: the load, its throughput, and whether the executors stayed pinned throughout. */
interface Phase {
  executors: number;
  load: FibonacciLoad;
  jobsPerSecond: number;
  problems: string[];
}

export async function measureScaleOut(ctx: ServiceBenchContext, options: ScaleOutOptions): Promise<BenchOutcome> {
  if (cpus().length < 2) throw new Error(`scaleOut needs 2 cores, this machine has ${cpus().length}`);
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const probe = await startBenchPool(ctx.docker, image, ctx.cleanup, { what: 'scale-probe', size: 1, log: ctx.log });
  ctx.ownPools.push(probe.name);
  const { n, cpuMs } = await calibrateFibonacci(probe.pool);
  await probe.pool.stop();
  ctx.log(`scaleOut: fib(${n}) takes ${round(cpuMs, 0)} ms of CPU here`);
  const fib = await writeFibonacciProblem(n, ctx.cleanup);

  const system = await startJuezSystem({ executors: 0, poolSize: 1, dispatcherEnv: BENCH_DISPATCHER_ENV });
  await system.advertiseLanguages(); // the backlog is queued before the executors start
  ctx.cleanup.defer('stopping the scaleOut system', () => system.stop());
  ctx.ownPools.push(systemPoolPrefix(system));
  await system.pushProblem(fib.problem.dir, 'fib');
  const token = system.token({ sub: 'bench-student', role: 'student' });
  const submit = (submissions: number, inFlight: number): Promise<FibonacciLoad> =>
    submitFibonacci(system, token, { problemId: 'fib', n, submissions, inFlight });

  const phase = async (pinned: readonly PinnedExecutor[]): Promise<Phase> => {
    const load = await submit(options.submissions, IN_FLIGHT_PER_EXECUTOR * pinned.length);
    const problems = [...load.wrong];
    for (const executor of pinned) {
      const problem = await checkPinned(ctx, executor);
      if (problem !== undefined) problems.push(problem);
    }
    const jobsPerSecond = load.jobs.length / (load.wallMs / 1000);
    ctx.log(`scaleOut: ${pinned.length} executor(s): ${load.jobs.length} judged in ${round(load.wallMs / 1000, 1)} s = ${round(jobsPerSecond, 2)} jobs/s`);
    return { executors: pinned.length, load, jobsPerSecond, problems };
  };
  const startPinned = (cpu: string): Promise<PinnedExecutor> => startPinnedExecutor(system, cpu);

  const first = await startPinned('0');
  await submit(options.warmUp, 1);
  const oneBefore = await phase([first]);
  const second = await startPinned('1');
  // Enough in flight that the new executor gets some of the warm-up too.
  await submit(2 * options.warmUp, 2);
  const two = await phase([first, second]);
  await second.service.stop('SIGTERM');
  const oneAfter = await phase([first]);
  await system.stop();

  const one = (oneBefore.jobsPerSecond + oneAfter.jobsPerSecond) / 2;
  const scaleOut = two.jobsPerSecond / one;
  const phases = [oneBefore, two, oneAfter];
  const problems = phases.flatMap((p) => p.problems);
  const short = phases.filter((p) => p.load.jobs.length !== options.submissions).length;
  if (short > 0) problems.push(`${short} phase(s) had submissions not judged AC`);
  const rates = phases.map((p) => `${p.executors}: ${round(p.jobsPerSecond, 2)}`).join(', ');
  return {
    json: { scaleOut: round(scaleOut, 3) },
    figures: [
      makeFigure({
        key: 'scaleOut',
        unit: '×',
        goal: { direction: 'at-least', value: GOAL },
        measured: scaleOut,
        baseline: { what: `1 executor on 1 core, mean of before and after (${round(oneBefore.jobsPerSecond, 2)}, ${round(oneAfter.jobsPerSecond, 2)})`, value: one, unit: 'jobs/s' },
        note:
          `jobs/s with 2 executors ÷ with 1 (phases ${rates}); executor (taskset) + its pool of 1 container (JUEZ_SANDBOX_CPUSET) pinned per core, ` +
          `dispatcher, Redis and RabbitMQ unpinned on the same 2 cores; ${options.submissions} Python fib(${n}) per phase, ${IN_FLIGHT_PER_EXECUTOR} in flight per executor`,
        ...(problems.length > 0 && { invalid: problems.slice(0, 3).join('; ') }),
      }),
    ],
    details: {
      scaleOut: {
        n,
        calibrationCpuMs: round(cpuMs, 1),
        submissionsPerPhase: options.submissions,
        phases: phases.map((p) => ({
          executors: p.executors,
          jobsPerSecond: round(p.jobsPerSecond, 3),
          wallMs: round(p.load.wallMs, 0),
          judged: p.load.jobs.length,
          medianCpuMs: round(summarize(p.load.jobs.map((job) => job.cpuMs)).median, 1),
        })),
      },
    },
  };
}
