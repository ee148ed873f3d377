/**
 * The engine's sustained throughput: hello-world jobs (compile + 1 test, see prepareHelloProblem) through
 * Judge.judge on a warm pool, IN_FLIGHT_PER_CONTAINER × pool size in flight, after a warm-up; jobs/s =
 * N / wall time. No HTTP, no queue, no Redis: the ceiling of what the service can reach on the same pool.
 *
 * The suite's jobsPerSecond is the service's (service-jobs-per-second.ts), which measures this too, as a
 * detail: the gap between the two is the service's overhead. `npm run bench:engine` reports it on its own
 * as engineJobsPerSecond.<language>, against the goals: the service cannot be faster than the
 * engine it runs, so an engine that misses a goal tells that the service will miss it too.
 */
import type { Judge } from '../../executor/judge.js';
import type { Submission } from '../../executor/judging/check-submission.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { makeFigure, type BenchOutcome, type Figure } from './bench-figure.js';
import { describeLoadWindow } from './bench-load.js';
import { round, roundDistribution, summarize } from './bench-stats.js';
import { IN_FLIGHT_PER_CONTAINER, measureNaiveThroughput, type JobsPerSecondOptions, type Throughput } from './bench-throughput.js';
import { prepareHelloProblem, runConcurrently, type EngineBenchContext } from './engine-bench-context.js';

/** The engine's throughput, and the CPU this process (the executor's part of it) spent per job. */
export interface EngineThroughput extends Throughput {
  hostCpuMsPerJob: number;
}

/**
 * Judges `concurrency` warm-up jobs (every container compiles once), then `jobs` measured ones, at most
 * `concurrency` in flight.
 */
export async function judgeSustained(
  judge: Judge,
  problem: ProblemPackage,
  submission: Submission,
  options: { jobs: number; concurrency: number },
): Promise<EngineThroughput> {
  const latencies: number[] = [];
  const wrong: string[] = [];
  const job = async (): Promise<void> => {
    const start = performance.now();
    const result = await judge.judge(problem, submission);
    latencies.push(performance.now() - start);
    if (result.verdict !== 'AC') wrong.push(`${result.verdict} ${result.internalError?.message ?? ''}`.trim());
  };
  await runConcurrently(options.concurrency, options.concurrency, job);
  latencies.length = 0;
  wrong.length = 0;
  const cpuBefore = process.cpuUsage();
  const wallMs = await runConcurrently(options.jobs, options.concurrency, job);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    jobs: options.jobs,
    concurrency: options.concurrency,
    wallMs,
    jobsPerSecond: options.jobs / (wallMs / 1000),
    latencyMs: summarize(latencies),
    wrong,
    hostCpuMsPerJob: (cpu.user + cpu.system) / 1000 / options.jobs,
  };
}

/** bench:engine's engineJobsPerSecond.<language>: the engine alone, with the naive baseline at the same concurrency. */
export async function measureEngineJobsPerSecond(ctx: EngineBenchContext, options: JobsPerSecondOptions): Promise<BenchOutcome> {
  const hello = await prepareHelloProblem(ctx);
  const concurrency = IN_FLIGHT_PER_CONTAINER * ctx.pool.size;
  const json: Record<string, number> = {};
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const languageId of options.languages) {
    const submission = await hello.submissionIn(languageId);
    const { result: engine, load } = await ctx.watchLoad(() =>
      judgeSustained(ctx.judge, hello.problem, submission, { jobs: options.jobs[languageId], concurrency }),
    );
    ctx.log(`engineJobsPerSecond ${languageId}: ${engine.jobs} jobs in ${(engine.wallMs / 1000).toFixed(2)} s = ${engine.jobsPerSecond.toFixed(2)} jobs/s`);
    const naive = await measureNaiveThroughput(ctx.naive, hello.problem, submission, options.naiveJobs, concurrency);
    ctx.log(`engineJobsPerSecond ${languageId}: naive ${naive.jobs} jobs in ${(naive.wallMs / 1000).toFixed(2)} s = ${naive.jobsPerSecond.toFixed(2)} jobs/s`);
    const wrong = [...engine.wrong, ...naive.wrong];

    json[languageId] = round(engine.jobsPerSecond, 2);
    figures.push(
      makeFigure({
        key: `engineJobsPerSecond.${languageId}`,
        unit: 'jobs/s',
        goal: { direction: 'at-least', value: options.goals[languageId] },
        measured: engine.jobsPerSecond,
        baseline: { what: `docker run --rm per submission, ${naive.jobs} jobs`, value: naive.jobsPerSecond, unit: 'jobs/s' },
        note:
          `engine alone (Judge.judge), ${engine.jobs} jobs, ${concurrency} in flight on ${ctx.pool.size} containers; ` +
          `latency median ${round(engine.latencyMs.median, 0)} ms, host CPU ${round(engine.hostCpuMsPerJob, 1)} ms/job; ${describeLoadWindow(load)}`,
        ...(wrong.length === 0 ? {} : { invalid: `${wrong.length} job(s) not AC: ${wrong[0]}` }),
      }),
    );
    details[languageId] = {
      jobs: engine.jobs,
      concurrency,
      engineWallMs: round(engine.wallMs, 0),
      engineLatencyMs: roundDistribution(engine.latencyMs, 1),
      hostCpuMsPerJob: round(engine.hostCpuMsPerJob, 2),
      load,
      naiveJobs: naive.jobs,
      naiveJobsPerSecond: round(naive.jobsPerSecond, 2),
      naiveLatencyMs: roundDistribution(naive.latencyMs, 1),
    };
  }
  return { json: { engineJobsPerSecond: json }, figures, details: { engineJobsPerSecond: details } };
}
