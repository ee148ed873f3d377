/**
 * The load generator of the ingestion benchmark, run as its own process so that its CPU is not the
 * measuring process's (and shows up apart in the CPU accounting): autocannon with a fixed number of
 * connections for a fixed time, one request shape. The settings come as one JSON argument; the outcome
 * is one JSON line on stdout.
 *
 *   node dist/tests/bench/ingestion-load-worker.js '{"url":"http://127.0.0.1:8080/health","connections":32,"durationS":10}'
 */
import autocannon from 'autocannon';

/** What the worker is asked to do. */
export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationS: number;
}

/** What it reports. Latencies are autocannon's, ms, of 2xx responses only. */
export interface LoadOutcome {
  /** Measured wall time of the run, s. */
  durationS: number;
  /** Responses per HTTP status. */
  statuses: Record<string, number>;
  /** Connection errors (timeouts included) and timeouts. */
  errors: number;
  timeouts: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU time the worker used during the run (user + system), ms. */
  cpuMs: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    ...(spec.headers !== undefined && { headers: spec.headers }),
    ...(spec.body !== undefined && { body: spec.body }),
    connections: spec.connections,
    duration: spec.durationS,
    // A request slower than this is a failure, not a data point.
    timeout: 10,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  const outcome: LoadOutcome = {
    durationS: (result.finish.getTime() - result.start.getTime()) / 1000,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ingestion load worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
