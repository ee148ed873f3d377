/**
 * jobsPerSecond {c, python, java}: sustained hello-world submissions (compile + 1 test: problems/hello with
 * only its secret test) through the whole service — POST /api/v1/submissions to the real dispatcher,
 * RabbitMQ, one executor with its default pool size (JUEZ_POOL_SIZE's default, one container per CPU), the
 * verdict in Redis — started from dist/ by the system harness.
 *
 * Sustained: IN_FLIGHT_PER_CONTAINER × pool size submissions are in flight at every moment. Each POST holds
 * for its verdict (`wait`) and its slot sends the next one as soon as that verdict is final, so the queue
 * always holds a task for the container that frees up next and the pool never waits for a client. A job
 * counts once its verdict is final, and every verdict must be AC. After a warm-up of one job per slot,
 * jobs/s = N / (first POST sent → last final verdict received).
 *
 * Baseline, same run: the naive judge, one `docker run --rm` per submission, at the same concurrency.
 * Details, same run: the engine alone (Judge.judge) on a warm pool of the same size at the same
 * concurrency — the gap to it is the service's overhead; how much of wall × pool the executor spent
 * judging (the records' startedAt → finishedAt); where the machine's CPU went; the services' resident memory.
 */
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { EXECUTOR_CONFIG_TABLE } from '../../executor/service/config.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { makeFigure, type Figure } from './bench-figure.js';
import { describeLoadWindow } from './bench-load.js';
import { startBenchPool } from './bench-pool.js';
import { readReferenceSubmission, repoPath } from './bench-repo.js';
import { round, roundDistribution, summarize, type Distribution } from './bench-stats.js';
import { IN_FLIGHT_PER_CONTAINER, measureNaiveThroughput, type JobsPerSecondOptions, type Throughput } from './bench-throughput.js';
import { runConcurrently } from './engine-bench-context.js';
import { judgeSustained } from './engine-jobs-per-second.js';
import { NaiveDockerJudge } from './naive-docker-judge.js';
import {
  BENCH_DISPATCHER_ENV,
  helloSubmission,
  systemPoolPrefix,
  watchServiceLoad,
  type HelloSubmission,
  type ServiceBenchContext,
  type ServiceOutcome,
} from './service-bench-context.js';
import { accountCpu, pidsNamed, RssSampler, type CpuUsage } from './service-process-stats.js';

/** How long a POST holds for its verdict, s (the dispatcher allows up to 30 by default); a later one is polled. */
const WAIT_S = 25;

/** The service's throughput, and where its jobs' time went (from the records' timestamps). */
export interface ServiceThroughput extends Throughput {
  /** POST sent → the executor started judging: dispatcher, queue (waiting for a container), task handling. */
  toStartMs: Distribution;
  /** The executor's startedAt → finishedAt. */
  judgingMs: Distribution;
  /** Σ judging time / (wall × pool size): 1 means a container was judging at every moment. */
  poolBusy: number;
}

/** `jobs` submissions of `body`, `concurrency` in flight, each counted once its verdict is final. */
export async function submitSustained(
  system: JuezSystem,
  token: string,
  body: HelloSubmission,
  options: { jobs: number; concurrency: number; poolSize: number },
): Promise<ServiceThroughput> {
  const latencies: number[] = [];
  const toStart: number[] = [];
  const judging: number[] = [];
  const wrong: string[] = [];
  const submitOne = async (): Promise<void> => {
    const sentAt = Date.now();
    const start = performance.now();
    const answer = await system.request('POST', '/api/v1/submissions', { token, json: { ...body, wait: WAIT_S }, timeoutMs: (WAIT_S + 15) * 1000 });
    // Anything but 200 (final) or 202 (still judging) is the service failing, not a verdict: the run stops.
    if (answer.status !== 200 && answer.status !== 202) throw new Error(`POST /api/v1/submissions answered ${answer.status} ${answer.text.slice(0, 300)}`);
    const final = answer.status === 200 ? answer.body : await system.waitForFinal(answer.body.id as string, 600_000);
    latencies.push(performance.now() - start);
    const verdict = final?.result?.verdict as string | undefined;
    if (final?.status !== 'done' || verdict !== 'AC') {
      wrong.push(`${final?.status as string} ${verdict ?? ''} ${JSON.stringify(final?.result?.internalError ?? final?.result?.compileOutput ?? {}).slice(0, 200)}`);
      return;
    }
    const startedAt = Date.parse(final.startedAt as string);
    toStart.push(startedAt - sentAt);
    judging.push(Date.parse(final.finishedAt as string) - startedAt);
  };
  const wallMs = await runConcurrently(options.jobs, options.concurrency, submitOne);
  return {
    jobs: options.jobs,
    concurrency: options.concurrency,
    wallMs,
    jobsPerSecond: options.jobs / (wallMs / 1000),
    latencyMs: summarize(latencies),
    wrong,
    toStartMs: summarize(toStart),
    judgingMs: summarize(judging),
    poolBusy: judging.reduce((sum, ms) => sum + ms, 0) / (wallMs * options.poolSize),
  };
}

const describeCpu = (cpu: CpuUsage): string =>
  `machine busy ${cpu.machinePercent}% of one core (${cpu.cpus} cores): ` +
  `${Object.entries(cpu.processPercent).map(([name, percent]) => `${name} ${percent}%`).join(', ')}, other (sandboxes, dockerd, anyone else) ${cpu.otherPercent}%`;

export async function measureServiceJobsPerSecond(ctx: ServiceBenchContext, options: JobsPerSecondOptions): Promise<ServiceOutcome> {
  const poolSize = EXECUTOR_CONFIG_TABLE.poolSize.default;
  const concurrency = IN_FLIGHT_PER_CONTAINER * poolSize;
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const naive = new NaiveDockerJudge(ctx.docker, image);
  ctx.ownLabels.push(naive.label);
  ctx.cleanup.defer('removing naive containers', () => naive.removeLeftovers());
  const engine = await startBenchPool(ctx.docker, image, ctx.cleanup, { what: 'throughput', size: poolSize, log: ctx.log });
  ctx.ownPools.push(engine.name);

  const system = await startJuezSystem({ executors: 1, poolSize, dispatcherEnv: BENCH_DISPATCHER_ENV });
  ctx.cleanup.defer('stopping the jobsPerSecond system', () => system.stop());
  ctx.ownPools.push(systemPoolPrefix(system));
  await system.pushProblem(ctx.hello.dir, 'hello');
  const token = system.token({ sub: 'bench-student', role: 'student' });
  const reference = await readProblemPackage(repoPath('problems', 'hello'));
  const executorPid = system.executors[0]?.pid ?? Number.NaN;
  const cpuGroups = {
    dispatcher: [system.dispatcher.pid],
    executor: [executorPid],
    redis: await pidsNamed('redis-server'),
    rabbitmq: await pidsNamed('beam.smp'),
  };
  const rss = new RssSampler({ dispatcher: system.dispatcher.pid, executor: executorPid });

  const json: Record<string, number> = {};
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const languageId of options.languages) {
    const n = options.jobs[languageId];
    const body = await helloSubmission('hello', languageId);
    await submitSustained(system, token, body, { jobs: concurrency, concurrency, poolSize }); // warm-up
    const endAccounting = await accountCpu(cpuGroups);
    const { result: service, load } = await watchServiceLoad(ctx, () => submitSustained(system, token, body, { jobs: n, concurrency, poolSize }));
    const cpu = await endAccounting();
    ctx.log(`jobsPerSecond ${languageId}: service ${n} jobs in ${(service.wallMs / 1000).toFixed(2)} s = ${service.jobsPerSecond.toFixed(2)} jobs/s`);

    const submission = await readReferenceSubmission(reference, languageId);
    const alone = await judgeSustained(engine.judge, ctx.hello, submission, { jobs: n, concurrency });
    ctx.log(`jobsPerSecond ${languageId}: engine alone ${n} jobs in ${(alone.wallMs / 1000).toFixed(2)} s = ${alone.jobsPerSecond.toFixed(2)} jobs/s`);
    const naiveRun = await measureNaiveThroughput(naive, ctx.hello, submission, options.naiveJobs, concurrency);
    ctx.log(`jobsPerSecond ${languageId}: naive ${naiveRun.jobs} jobs in ${(naiveRun.wallMs / 1000).toFixed(2)} s = ${naiveRun.jobsPerSecond.toFixed(2)} jobs/s`);

    const wrong = [...service.wrong, ...alone.wrong.map((w) => `engine: ${w}`), ...naiveRun.wrong];
    const share = round((100 * service.jobsPerSecond) / alone.jobsPerSecond, 0);
    json[languageId] = round(service.jobsPerSecond, 2);
    figures.push(
      makeFigure({
        key: `jobsPerSecond.${languageId}`,
        unit: 'jobs/s',
        goal: { direction: 'at-least', value: options.goals[languageId] },
        measured: service.jobsPerSecond,
        baseline: { what: `docker run --rm per submission, ${naiveRun.jobs} jobs, ${concurrency} in flight`, value: naiveRun.jobsPerSecond, unit: 'jobs/s' },
        note:
          `through the service (HTTP → RabbitMQ → executor → Redis verdict): ${n} jobs after ${concurrency} warm-up, ${concurrency} in flight, ` +
          `1 executor with its default pool of ${poolSize}; engine alone ${round(alone.jobsPerSecond, 2)} jobs/s (service = ${share}% of it); ` +
          `medians: latency ${round(service.latencyMs.median, 0)} ms, to start ${round(service.toStartMs.median, 0)} ms, judging ${round(service.judgingMs.median, 0)} ms; ` +
          `pool judging ${round(100 * service.poolBusy, 0)}% of the time; ${describeLoadWindow(load)}`,
        ...(wrong.length === 0 ? {} : { invalid: `${wrong.length} job(s) not AC: ${wrong[0]}` }),
      }),
    );
    details[languageId] = {
      jobs: n,
      concurrency,
      poolSize,
      wallMs: round(service.wallMs, 0),
      latencyMs: roundDistribution(service.latencyMs, 1),
      toStartMs: roundDistribution(service.toStartMs, 1),
      judgingMs: roundDistribution(service.judgingMs, 1),
      poolBusyFraction: round(service.poolBusy, 3),
      cpu,
      load,
      engine: {
        jobsPerSecond: round(alone.jobsPerSecond, 2),
        wallMs: round(alone.wallMs, 0),
        latencyMs: roundDistribution(alone.latencyMs, 1),
        hostCpuMsPerJob: round(alone.hostCpuMsPerJob, 2),
      },
      naive: { jobs: naiveRun.jobs, jobsPerSecond: round(naiveRun.jobsPerSecond, 2), latencyMs: roundDistribution(naiveRun.latencyMs, 1) },
    };
    notes.push(`jobsPerSecond.${languageId}: ${describeCpu(cpu)}`);
  }
  const memory = await rss.stop();
  await system.stop();
  await engine.pool.stop();
  return { json: { jobsPerSecond: json }, figures, details: { jobsPerSecond: { ...details, rssMb: memory } }, rss: memory, notes };
}
