/**
 * The service's speed figures, each against its goal and a baseline measured in the same run, through the
 * real processes started from dist/ by the system harness (tests/support/juez-system.ts):
 *
 * - ingestion {perSecond, p99Ms}: accepted submissions per second through the dispatcher alone, vs GET /health.
 * - latencyMs {p50, p99}: submit → verdict readable with one executor, vs the engine alone (Judge.judge);
 *   p50At8, the same with 8 clients at once (recorded, no goal).
 * - jobsPerSecond {c, python, java}: sustained hello-world submissions through the whole service, vs the
 *   naive judge; the engine alone as a detail.
 * - rssMb {dispatcher, executor}: peak resident memory under those loads, held to the same goals as npm run bench.
 *
 *   npm run -s bench:service [-- --json] [-- --only ingestion,latency,jobsPerSecond] [--connections 32]
 *     [--duration 10] [--warm-up 3] [--rounds 3] [--jobs 50] [--languages c,python,java]
 *
 * Prints a markdown table (or, with --json, one JSON object) on stdout; progress goes to stderr (the build's
 * output too; -s keeps npm's own banner off stdout). Exit code 1 when a figure misses its goal, 2 on error.
 * Figures taken while someone else's work ran say so: the load and where the CPU went are printed with them.
 */
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { CleanupStack } from './bench-cleanup.js';
import { JOBS_PER_SECOND_DEFAULTS, type ThroughputLanguage } from './bench-throughput.js';
import { collectOutcomes, printOutcome } from './print-outcome.js';
import { watchServiceLoad, writeOneTestHello, type ServiceBenchContext, type ServiceOutcome } from './service-bench-context.js';
import { measureIngestion } from './service-ingestion.js';
import { measureServiceJobsPerSecond } from './service-jobs-per-second.js';
import { measureLatency } from './service-latency.js';
import type { RssFigures } from './service-process-stats.js';
import { serviceRssFigures } from './service-rss-figures.js';

const BENCHMARKS = ['ingestion', 'latency', 'jobsPerSecond'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

interface Settings {
  json: boolean;
  only: BenchmarkName[];
  connections: number;
  durationS: number;
  warmUpS: number;
  rounds: number;
  jobs: number;
  languages: ThroughputLanguage[];
}

function parseSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '10' },
      'warm-up': { type: 'string', default: '3' },
      rounds: { type: 'string', default: '3' },
      jobs: { type: 'string', default: '50' },
      languages: { type: 'string' },
    },
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
    return value;
  };
  const only = values.only === undefined ? [...BENCHMARKS] : values.only.split(',').filter((s) => s !== '');
  for (const name of only) {
    if (!BENCHMARKS.includes(name as BenchmarkName)) throw new Error(`unknown benchmark '${name}' (expected one of ${BENCHMARKS.join(', ')})`);
  }
  const languages = values.languages === undefined ? [...JOBS_PER_SECOND_DEFAULTS.languages] : values.languages.split(',').filter((s) => s !== '');
  for (const language of languages) {
    if (!JOBS_PER_SECOND_DEFAULTS.languages.includes(language as ThroughputLanguage)) {
      throw new Error(`unknown language '${language}' (expected one of ${JOBS_PER_SECOND_DEFAULTS.languages.join(', ')})`);
    }
  }
  return {
    json: values.json,
    only: only as BenchmarkName[],
    connections: positive('connections', values.connections),
    durationS: positive('duration', values.duration),
    warmUpS: positive('warm-up', values['warm-up']),
    rounds: positive('rounds', values.rounds),
    jobs: positive('jobs', values.jobs),
    languages: languages as ThroughputLanguage[],
  };
}

function run(name: BenchmarkName, ctx: ServiceBenchContext, settings: Settings): Promise<ServiceOutcome> {
  switch (name) {
    case 'ingestion':
      return measureIngestion(ctx, {
        connections: settings.connections,
        durationS: settings.durationS,
        warmUpS: settings.warmUpS,
        rounds: settings.rounds,
      });
    case 'latency':
      return measureLatency(ctx, { jobs: settings.jobs, warmUp: 5, jobsPerClientAt8: 8 });
    case 'jobsPerSecond':
      return measureServiceJobsPerSecond(ctx, { ...JOBS_PER_SECOND_DEFAULTS, languages: settings.languages });
  }
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const log = (line: string): void => console.error(line);
  const cleanup = new CleanupStack(log);
  const removeSignalHandlers = cleanup.exitOnSignals();
  try {
    const ctx: ServiceBenchContext = { docker: new Docker(), cleanup, log, hello: await writeOneTestHello(cleanup), ownPools: [], ownLabels: [] };
    const rss: Record<string, RssFigures>[] = [];
    const measure = async (name: BenchmarkName): Promise<ServiceOutcome> => {
      const outcome = await run(name, ctx, settings);
      rss.push(outcome.rss);
      return outcome;
    };
    const outcome = await collectOutcomes(settings.only, measure, (m) => watchServiceLoad(ctx, m), log);
    // The same rssMb figures as npm run bench, over the loads this run measured.
    const memory = serviceRssFigures(rss, settings.only);
    outcome.figures.push(...memory.figures);
    outcome.recorded.push(...memory.recorded);
    printOutcome(outcome, { asJson: settings.json, extraJson: { rssMb: memory.peaks } });
  } finally {
    await cleanup.run();
    removeSignalHandlers();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
