/**
 * jobsPerSecond: sustained hello-world submissions (compile + 1 test, see prepareHelloProblem) through the engine
 * with the default pool, kept full by 2 × pool size submissions in flight, after a warm-up; jobs/s = N / wall
 * time. Baseline: the naive docker-run-per-submission judge at the same concurrency, in this run.
 */
import { makeFigure, type BenchOutcome, type Figure } from './bench-figure.js';
import { describeLoadWindow } from './bench-load.js';
import { round, roundDistribution, summarize } from './bench-stats.js';
import { prepareHelloProblem, runConcurrently, type EngineBenchContext } from './engine-bench-context.js';

export type ThroughputLanguage = 'c' | 'python' | 'java';

export interface JobsPerSecondOptions {
  jobs: Record<ThroughputLanguage, number>;
  goals: Record<ThroughputLanguage, number>;
  naiveJobs: number;
  languages: readonly ThroughputLanguage[];
}

export const JOBS_PER_SECOND_DEFAULTS: JobsPerSecondOptions = {
  jobs: { c: 60, python: 120, java: 16 },
  goals: { c: 9, python: 20, java: 1.5 },
  naiveJobs: 10,
  languages: ['c', 'python', 'java'],
};

export async function measureJobsPerSecond(ctx: EngineBenchContext, options: JobsPerSecondOptions): Promise<BenchOutcome> {
  const hello = await prepareHelloProblem(ctx);
  const { problem } = hello;
  const concurrency = 2 * ctx.pool.size;
  const json: Record<string, number> = {};
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const languageId of options.languages) {
    const submission = await hello.submissionIn(languageId);
    const n = options.jobs[languageId];
    const latencies: number[] = [];
    const wrong: string[] = [];
    const engineJob = async (): Promise<void> => {
      const start = performance.now();
      const result = await ctx.judge.judge(problem, submission);
      latencies.push(performance.now() - start);
      if (result.verdict !== 'AC') wrong.push(`${result.verdict} ${result.internalError?.message ?? ''}`.trim());
    };
    await runConcurrently(concurrency, concurrency, engineJob); // warm-up: every container compiles once
    latencies.length = 0;
    wrong.length = 0;
    const cpuBefore = process.cpuUsage();
    const { result: engineWallMs, load } = await ctx.watchLoad(() => runConcurrently(n, concurrency, engineJob));
    const cpu = process.cpuUsage(cpuBefore);
    // The executor's own share of the 2 cores: what it takes from the containers.
    const hostCpuMsPerJob = (cpu.user + cpu.system) / 1000 / n;
    const engineRate = n / (engineWallMs / 1000);
    ctx.log(`jobsPerSecond ${languageId}: engine ${n} jobs in ${(engineWallMs / 1000).toFixed(2)} s = ${engineRate.toFixed(2)} jobs/s`);

    const naiveLatencies: number[] = [];
    const naiveJob = async (): Promise<void> => {
      const judged = await ctx.naive.judge(problem, submission);
      naiveLatencies.push(judged.ms);
      if (!judged.accepted) wrong.push(`naive: ${judged.why ?? 'not accepted'}`);
    };
    const naiveWallMs = await runConcurrently(options.naiveJobs, concurrency, naiveJob);
    const naiveRate = options.naiveJobs / (naiveWallMs / 1000);
    ctx.log(`jobsPerSecond ${languageId}: naive ${options.naiveJobs} jobs in ${(naiveWallMs / 1000).toFixed(2)} s = ${naiveRate.toFixed(2)} jobs/s`);

    json[languageId] = round(engineRate, 2);
    figures.push(
      makeFigure({
        key: `jobsPerSecond.${languageId}`,
        unit: 'jobs/s',
        goal: { direction: 'at-least', value: options.goals[languageId] },
        measured: engineRate,
        baseline: { what: `docker run --rm per submission, ${options.naiveJobs} jobs`, value: naiveRate, unit: 'jobs/s' },
        note: `${n} jobs, ${concurrency} in flight on ${ctx.pool.size} containers; latency median ${round(summarize(latencies).median, 0)} ms, host CPU ${round(hostCpuMsPerJob, 1)} ms/job; ${describeLoadWindow(load)}`,
        ...(wrong.length === 0 ? {} : { invalid: `${wrong.length} job(s) not AC: ${wrong[0]}` }),
      }),
    );
    details[languageId] = {
      jobs: n,
      concurrency,
      engineWallMs: round(engineWallMs, 0),
      engineLatencyMs: roundDistribution(summarize(latencies), 1),
      hostCpuMsPerJob: round(hostCpuMsPerJob, 2),
      load,
      naiveJobs: options.naiveJobs,
      naiveJobsPerSecond: round(naiveRate, 2),
      naiveLatencyMs: roundDistribution(summarize(naiveLatencies), 1),
    };
  }
  return { json: { jobsPerSecond: json }, figures, details: { jobsPerSecond: details } };
}
