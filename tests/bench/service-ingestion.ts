/**
 * ingestion {perSecond, p99Ms}: accepted submissions per second through the real dispatcher (JWT, ajv,
 * rate-limit count, Redis writes, RabbitMQ publish with publisher confirms → 202), with no executor, so
 * that the tasks pile up on the queue and only the dispatcher is measured. The load comes from a separate
 * process (autocannon, a fixed number of connections for a fixed time, after a warm-up); only 202s count.
 * Baseline, same run: the same load against GET /health of the same dispatcher, the ceiling of its HTTP
 * stack on this machine. The queue must hold at least as many tasks as there were 202s. Several rounds of
 * both; the round of median throughput is reported, every round is in the details.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { queueTopology } from '../../common/queue-topology.js';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { makeFigure } from './bench-figure.js';
import { round } from './bench-stats.js';
import type { LoadOutcome, LoadSpec } from './ingestion-load-worker.js';
import { BENCH_DISPATCHER_ENV, helloSubmission, type ServiceBenchContext, type ServiceOutcome } from './service-bench-context.js';
import { accountCpu, pidsNamed, RssSampler, type CpuUsage } from './service-process-stats.js';

export interface IngestionOptions {
  connections: number;
  durationS: number;
  warmUpS: number;
  /** Measured rounds (GET /health, then POST), the one of median throughput reported. */
  rounds: number;
}

/** One load run and where the CPU went meanwhile. */
interface MeasuredLoad {
  outcome: LoadOutcome;
  cpu: CpuUsage;
}

/** A baseline run and a measured run, back to back. */
interface Round {
  baseline: MeasuredLoad;
  measured: MeasuredLoad;
  /** 202s per second of the measured run. */
  perSecond: number;
}

const WORKER = fileURLToPath(new URL('./ingestion-load-worker.js', import.meta.url));

/** Runs the load worker with `spec` (it stops by itself after spec.durationS); resolves with its outcome. */
function runLoadWorker(spec: LoadSpec, log: (line: string) => void): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => log(`[load worker] ${chunk.trimEnd()}`));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the load worker exited with ${code}`));
      else resolve(JSON.parse(stdout) as LoadOutcome);
    });
  });
}

/** A load run with CPU accounting of the dispatcher, Redis, RabbitMQ and the worker itself. */
async function measureLoadRun(spec: LoadSpec, dispatcherPid: number, log: (line: string) => void): Promise<MeasuredLoad> {
  const endAccounting = await accountCpu({
    dispatcher: [dispatcherPid],
    redis: await pidsNamed('redis-server'),
    rabbitmq: await pidsNamed('beam.smp'),
    // This process: it reads every line the dispatcher logs (the harness keeps them).
    harness: [process.pid],
  });
  const outcome = await runLoadWorker(spec, log);
  const cpu = await endAccounting({ loadGenerator: outcome.cpuMs });
  return { outcome, cpu };
}

function count(outcome: LoadOutcome, status: string): number {
  return outcome.statuses[status] ?? 0;
}

/** Dispatcher CPU time per answered request, µs: steadier than a rate when others' work takes cores away. */
function dispatcherCpuPerRequestUs(run: MeasuredLoad): number {
  const answered = Object.values(run.outcome.statuses).reduce((sum, n) => sum + n, 0);
  const cpuMs = ((run.cpu.processPercent.dispatcher ?? Number.NaN) / 100) * run.outcome.durationS * 1000;
  return round((cpuMs * 1000) / answered, 0);
}

function describeCpu(cpu: CpuUsage): string {
  const parts = Object.entries(cpu.processPercent).map(([name, percent]) => `${name} ${percent}%`);
  return `CPU (% of one core, ${cpu.cpus} cores): ${parts.join(', ')}, other ${cpu.otherPercent}%`;
}

async function queuedTasks(system: JuezSystem): Promise<number> {
  const connection = await amqp.connect(system.amqpUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queueTopology(system.queuePrefix).queues.submission)).messageCount;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

export async function measureIngestion(ctx: ServiceBenchContext, options: IngestionOptions): Promise<ServiceOutcome> {
  // No executor: the tasks stay on the queue, which stop() deletes with everything else of the system.
  const system = await startJuezSystem({ executors: 0, dispatcherEnv: BENCH_DISPATCHER_ENV });
  await system.advertiseLanguages(); // no executor: the submissions only have to be accepted
  ctx.cleanup.defer('stopping the ingestion system', () => system.stop());
  await system.pushProblem(ctx.hello.dir, 'hello');
  const token = system.token({ sub: 'bench-student', role: 'student' });
  const submit: LoadSpec = {
    url: `${system.baseUrl}/api/v1/submissions`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(await helloSubmission('hello')),
    connections: options.connections,
    durationS: options.durationS,
  };
  const health: LoadSpec = { url: `${system.baseUrl}/health`, connections: options.connections, durationS: options.durationS };
  const pid = system.dispatcher.pid;

  ctx.log(`ingestion: warming up (${options.warmUpS} s of each request, ${options.connections} connections)`);
  await runLoadWorker({ ...health, durationS: options.warmUpS }, ctx.log);
  const warmUp = await runLoadWorker({ ...submit, durationS: options.warmUpS }, ctx.log);

  const rss = new RssSampler({ dispatcher: pid });
  const rounds: Round[] = [];
  for (let n = 1; n <= options.rounds; n++) {
    const baseline = await measureLoadRun(health, pid, ctx.log);
    ctx.log(`ingestion ${n}/${options.rounds}: GET /health ${JSON.stringify(baseline.outcome)}; ${describeCpu(baseline.cpu)}`);
    const measured = await measureLoadRun(submit, pid, ctx.log);
    ctx.log(`ingestion ${n}/${options.rounds}: POST /api/v1/submissions ${JSON.stringify(measured.outcome)}; ${describeCpu(measured.cpu)}`);
    rounds.push({ baseline, measured, perSecond: count(measured.outcome, '202') / measured.outcome.durationS });
  }
  const memory = await rss.stop();
  const queued = await queuedTasks(system);
  await system.stop();

  // The round of median throughput stands for the run: one burst of someone else's work does not decide it.
  const typical = [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((rounds.length - 1) / 2)] as Round;
  const { baseline, measured, perSecond } = typical;
  const healthPerSecond = count(baseline.outcome, '200') / baseline.outcome.durationS;
  const accepted = rounds.reduce((sum, r) => sum + count(r.measured.outcome, '202'), count(warmUp, '202'));
  const problems: string[] = [];
  for (const [index, { measured: run }] of rounds.entries()) {
    const refused = Object.entries(run.outcome.statuses).filter(([status]) => status !== '202');
    if (refused.length > 0) problems.push(`round ${index + 1}: non-202 answers ${refused.map(([status, n]) => `${n}× ${status}`).join(', ')}`);
    if (run.outcome.errors > 0) problems.push(`round ${index + 1}: ${run.outcome.errors} connection errors (${run.outcome.timeouts} timeouts)`);
  }
  if (queued < accepted) problems.push(`only ${queued} tasks on the queue for ${accepted} 202s`);
  const invalid = problems.length === 0 ? undefined : problems.join('; ');
  const all = rounds.map((r) => round(r.perSecond, 0)).join(', ');
  const how =
    `median of ${rounds.length} rounds (${all} /s), each ${options.connections} connections × ${round(measured.outcome.durationS, 1)} s ` +
    `after ${options.warmUpS} s warm-up, no executor; dispatcher CPU ${measured.cpu.processPercent.dispatcher}% of a core`;

  return {
    json: { ingestion: { perSecond: round(perSecond, 1), p99Ms: measured.outcome.latencyMs.p99 } },
    figures: [
      makeFigure({
        key: 'ingestion.perSecond',
        unit: '/s',
        goal: { direction: 'at-least', value: 2000 },
        measured: perSecond,
        baseline: { what: 'GET /health, same load and dispatcher', value: healthPerSecond, unit: '/s' },
        note: how,
        ...(invalid !== undefined && { invalid }),
      }),
      makeFigure({
        key: 'ingestion.p99Ms',
        unit: 'ms',
        goal: { direction: 'at-most', value: 50 },
        measured: measured.outcome.latencyMs.p99,
        baseline: { what: 'GET /health p99, same load', value: baseline.outcome.latencyMs.p99, unit: 'ms' },
        note: `202 latency p50 ${measured.outcome.latencyMs.p50} ms, max ${measured.outcome.latencyMs.max} ms`,
        ...(invalid !== undefined && { invalid }),
      }),
    ],
    details: {
      ingestion: {
        connections: options.connections,
        rounds: rounds.map((r) => ({
          submissions: { ...r.measured.outcome, perSecond: round(r.perSecond, 1) },
          health: { ...r.baseline.outcome, perSecond: round(count(r.baseline.outcome, '200') / r.baseline.outcome.durationS, 1) },
          cpu: { submissions: r.measured.cpu, health: r.baseline.cpu },
          dispatcherCpuUsPerRequest: { submissions: dispatcherCpuPerRequestUs(r.measured), health: dispatcherCpuPerRequestUs(r.baseline) },
        })),
        medianRound: rounds.indexOf(typical) + 1,
        queuedTasks: queued,
        accepted,
        rssMb: memory,
      },
    },
    rss: memory,
    notes: [
      `ingestion (median round), POST /api/v1/submissions: ${describeCpu(measured.cpu)}; dispatcher CPU per request ${dispatcherCpuPerRequestUs(measured)} µs`,
      `ingestion: dispatcher RSS under the load (all rounds) peak ${memory.dispatcher?.peakMb} MiB, highest sample ${memory.dispatcher?.sampledMaxMb} MiB; ` +
        `before it (start-up, problem upload, warm-up) peak ${memory.dispatcher?.beforeMb} MiB${memory.dispatcher?.peakReset === false ? ' (could not reset the peak: it includes start-up)' : ''}`,
      `ingestion (median round), GET /health: ${describeCpu(baseline.cpu)}; dispatcher CPU per request ${dispatcherCpuPerRequestUs(baseline)} µs`,
    ],
  };
}
