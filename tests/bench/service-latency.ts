/**
 * latencyMs {p50, p99}: one client, sequential, low load: a Python hello world (problems/hello with its one
 * secret test) from POST /api/v1/submissions to the verdict being readable, through the real dispatcher and
 * one executor (pool of one container per CPU). The POST carries `wait`, so the dispatcher answers as soon
 * as the record it would show to a GET is final (it re-reads the record on the executor's final event);
 * a GET then confirms, untimed, that it shows done and AC.
 *
 * Baseline, same run: the engine alone judging the same submission of the same package, Judge.judge on a
 * warm pool of the same size (the engine benchmark's warm path). The two are measured alternately, one
 * sample of each per round, so that a change in the machine's load weighs on both alike; the difference is
 * the service's overhead: HTTP, Redis, the queue, the executor's task handling and the verdict's way back.
 *
 * latencyMs.p50At8: the same with 8 clients at once, each submitting sequentially (its next submission once
 * its verdict is readable), after one warm-up submission each; then the engine alone with 8 concurrent
 * callers, as the baseline. With more clients than containers a submission mostly waits for the ones ahead
 * of it, so this is about queueing as much as about speed; the issue sets no goal for it, so it is recorded.
 */
import { cpus } from 'node:os';
import type { Judge } from '../../executor/judge.js';
import type { Submission } from '../../executor/judging/check-submission.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { poolNameOf } from '../support/system-resources.js';
import { makeFigure } from './bench-figure.js';
import { startBenchPool } from './bench-pool.js';
import { round, roundDistribution, summarize } from './bench-stats.js';
import { readReferenceSubmission, repoPath } from './bench-repo.js';
import { BENCH_DISPATCHER_ENV, helloSubmission, type HelloSubmission, type ServiceBenchContext, type ServiceOutcome } from './service-bench-context.js';
import { accountCpu, pidsNamed, RssSampler } from './service-process-stats.js';

export interface LatencyOptions {
  /** Sequential submissions of the one client (and as many engine samples), after `warmUp` of each. */
  jobs: number;
  warmUp: number;
  /** Submissions of each of the 8 concurrent clients (p50At8), after one warm-up each. */
  jobsPerClientAt8: number;
}

/** The issue's concurrent case: latencyMs.p50At8. */
const CLIENTS = 8;

/** One submission through the service, with where its time went (from the record's timestamps). */
interface ServiceSample {
  ms: number;
  /** POST sent → the executor started judging (dispatcher, queue, task handling), ms. */
  toStartMs: number;
  /** The executor's judging: startedAt → finishedAt, ms. */
  judgingMs: number;
  /** finishedAt → the answer arrived (verdict stored, event, re-read, HTTP), ms. */
  backMs: number;
}

/** Judge.judge on the warm pool, ms. */
async function judgeOnce(judge: Judge, ctx: ServiceBenchContext, submission: Submission): Promise<number> {
  const start = performance.now();
  const result = await judge.judge(ctx.hello, submission);
  const ms = performance.now() - start;
  if (result.verdict !== 'AC') throw new Error(`engine: hello.py was judged ${result.verdict}: ${result.internalError?.message ?? ''}`);
  return ms;
}

/** POST with `wait` until the verdict, then a GET that must show it. */
async function submitOnce(system: JuezSystem, token: string, body: HelloSubmission & { wait: number }): Promise<ServiceSample> {
  const sentAt = Date.now();
  const start = performance.now();
  const answer = await system.submit(token, body);
  const ms = performance.now() - start;
  if (answer.status !== 200 || answer.body?.status !== 'done' || answer.body?.result?.verdict !== 'AC') {
    throw new Error(`service: hello.py was answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  }
  const read = await system.request('GET', `/api/v1/submissions/${answer.body.id as string}`, { token });
  if (read.status !== 200 || read.body?.status !== 'done') throw new Error(`service: GET after the answer showed ${read.status} ${read.text.slice(0, 300)}`);
  const startedAt = Date.parse(answer.body.startedAt as string);
  const finishedAt = Date.parse(answer.body.finishedAt as string);
  return { ms, toStartMs: startedAt - sentAt, judgingMs: finishedAt - startedAt, backMs: sentAt + ms - finishedAt };
}

/**
 * `clients` clients at once, each running `sample` `1 + perClient` times back to back; the first of each is
 * a warm-up (they all start together, an unusual burst). Resolves with the other samples.
 */
async function sampleConcurrently<T>(clients: number, perClient: number, sample: () => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      await sample();
      for (let i = 0; i < perClient; i++) samples.push(await sample());
    }),
  );
  return samples;
}

export async function measureLatency(ctx: ServiceBenchContext, options: LatencyOptions): Promise<ServiceOutcome> {
  const poolSize = cpus().length;
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const bench = await startBenchPool(ctx.docker, image, ctx.cleanup, { what: 'service', size: poolSize, log: ctx.log });
  ctx.ownPools.push(bench.name);
  const submission = await readReferenceSubmission(await readProblemPackage(repoPath('problems', 'hello')), 'python');

  const system = await startJuezSystem({ executors: 1, poolSize, dispatcherEnv: BENCH_DISPATCHER_ENV });
  ctx.cleanup.defer('stopping the latency system', () => system.stop());
  for (const executor of system.executors) ctx.ownPools.push(poolNameOf(executor.name.replace(/^executor-/, '')));
  await system.pushProblem(ctx.hello.dir, 'hello');
  const token = system.token({ sub: 'bench-student', role: 'student' });
  const body = { ...(await helloSubmission('hello')), wait: 30 };
  const executorPid = system.executors[0]?.pid ?? Number.NaN;

  for (let i = 0; i < options.warmUp; i++) {
    await judgeOnce(bench.judge, ctx, submission);
    await submitOnce(system, token, body);
  }
  const rss = new RssSampler({ dispatcher: system.dispatcher.pid, executor: executorPid });
  const endAccounting = await accountCpu({
    dispatcher: [system.dispatcher.pid],
    executor: [executorPid],
    redis: await pidsNamed('redis-server'),
    rabbitmq: await pidsNamed('beam.smp'),
  });
  const engineMs: number[] = [];
  const samples: ServiceSample[] = [];
  for (let i = 0; i < options.jobs; i++) {
    // Alternating which goes first: the pool resetting the container just used runs into the next sample.
    if (i % 2 === 0) engineMs.push(await judgeOnce(bench.judge, ctx, submission));
    samples.push(await submitOnce(system, token, body));
    if (i % 2 === 1) engineMs.push(await judgeOnce(bench.judge, ctx, submission));
  }
  const cpu = await endAccounting();
  const samplesAt8 = await sampleConcurrently(CLIENTS, options.jobsPerClientAt8, () => submitOnce(system, token, body));
  const engineAt8Ms = await sampleConcurrently(CLIENTS, options.jobsPerClientAt8, () => judgeOnce(bench.judge, ctx, submission));
  const memory = await rss.stop();
  await system.stop();
  await bench.pool.stop();
  ctx.log(`latency: engine ${engineMs.map((ms) => ms.toFixed(0)).join(' ')}`);
  ctx.log(`latency: service ${samples.map((s) => s.ms.toFixed(0)).join(' ')}`);
  ctx.log(`latency: service, ${CLIENTS} clients ${samplesAt8.map((s) => s.ms.toFixed(0)).join(' ')}`);
  ctx.log(`latency: engine, ${CLIENTS} callers ${engineAt8Ms.map((ms) => ms.toFixed(0)).join(' ')}`);

  const service = summarize(samples.map((s) => s.ms));
  const engine = summarize(engineMs);
  const median = (key: keyof ServiceSample, of = samples): number => round(summarize(of.map((s) => s[key])).median, 1);
  const how = `N=${service.n} sequential after ${options.warmUp} warm-up, alternating with the engine; 1 executor, pool of ${poolSize}`;
  const serviceAt8 = summarize(samplesAt8.map((s) => s.ms));
  const engineAt8 = summarize(engineAt8Ms);
  return {
    json: { latencyMs: { p50: round(service.median, 1), p99: round(service.p99, 1), p50At8: round(serviceAt8.median, 1) } },
    figures: [
      makeFigure({
        key: 'latencyMs.p50',
        unit: 'ms',
        goal: { direction: 'at-most', value: 60 },
        measured: service.median,
        baseline: { what: `engine alone, Judge.judge on a warm pool of ${poolSize}, median of ${engine.n}`, value: engine.median, unit: 'ms' },
        note: `${how}; medians: to start ${median('toStartMs')} ms, judging ${median('judgingMs')} ms, back ${median('backMs')} ms`,
      }),
      makeFigure({
        key: 'latencyMs.p99',
        unit: 'ms',
        goal: { direction: 'at-most', value: 200 },
        measured: service.p99,
        baseline: { what: 'engine alone, p99', value: engine.p99, unit: 'ms' },
        note: how,
      }),
    ],
    recorded: [
      {
        key: 'latencyMs.p50At8',
        value: round(serviceAt8.median, 1),
        unit: 'ms',
        how:
          `${CLIENTS} clients at once, each submitting sequentially, N=${serviceAt8.n} after one warm-up each; 1 executor, pool of ${poolSize}; ` +
          `p99 ${round(serviceAt8.p99, 1)} ms; medians: to start ${median('toStartMs', samplesAt8)} ms, judging ${median('judgingMs', samplesAt8)} ms; ` +
          `engine alone with ${CLIENTS} concurrent callers on a warm pool of ${poolSize}: p50 ${round(engineAt8.median, 1)} ms`,
      },
    ],
    details: {
      latency: {
        serviceMs: roundDistribution(service, 1),
        engineMs: roundDistribution(engine, 1),
        breakdownMedianMs: { toStart: median('toStartMs'), judging: median('judgingMs'), back: median('backMs') },
        at8: {
          clients: CLIENTS,
          serviceMs: roundDistribution(serviceAt8, 1),
          engineMs: roundDistribution(engineAt8, 1),
          breakdownMedianMs: { toStart: median('toStartMs', samplesAt8), judging: median('judgingMs', samplesAt8), back: median('backMs', samplesAt8) },
        },
        cpu,
        rssMb: memory,
        poolSize,
      },
    },
    rss: memory,
    notes: [
      `latency: machine busy ${cpu.machinePercent}% of one core (${cpu.cpus} cores) while judging sequentially; ` +
        `${Object.entries(cpu.processPercent).map(([name, percent]) => `${name} ${percent}%`).join(', ')}, other (sandboxes, dockerd, anyone else) ${cpu.otherPercent}%`,
    ],
  };
}
