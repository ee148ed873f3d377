/**
 * The performance suite: every figure of the README's performance section, each against its goal and a
 * baseline measured in the same run. The engine's benchmarks are engine-*.ts, the service's service-*.ts;
 * cpuEfficiency, scaleOut and rssMb.idleContainer are this suite's own. jobsPerSecond and latencyMs are
 * measured through the whole service (HTTP → RabbitMQ → executor → Redis), the engine alone beside them as
 * a detail: the difference is the service's overhead.
 *
 *   npm run -s bench [-- --json] [--only cpuEfficiency,scaleOut] [--quick] [--language c,kotlin]
 *
 * Keys, which --only takes too: perTestOverheadMs, warmVsNaiveSpeedup, jobsPerSecond, ingestion, latencyMs,
 * cpuEfficiency, scaleOut, rssMb, languages. `languages` is hello world in every language the runtime image
 * serves (service-languages.ts): jobs/s against its family's goal, p50 and the naive baseline of each;
 * `--language kotlin,scala` narrows it to some (for trying a fix). rssMb.dispatcher and rssMb.executor are the peaks
 * (VmHWM) while jobsPerSecond, ingestion and latencyMs run, held to the goals; `--only rssMb`
 * measures the idle container alone. Figures the issue sets no goal for (latencyMs.p50At8, the peaks of
 * other processes) are recorded: measured and shown, never failed.
 *
 * stdout: one markdown table, or with --json one JSON object (the keys above, then figures, details, load
 * and the run's facts); progress goes to stderr (-s keeps npm's banner off stdout). The JSON is also written
 * to tests/artifacts/bench.json (bench-<keys>.json for part of the suite), from which `npm run bench:readme`
 * writes docs/performance.md. --quick: small N, to check that everything runs; its figures mean little.
 * Exit status: 0 every goal met, 1 a goal missed, 2 a benchmark could not run (the others still ran).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, type } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { findLanguage } from '../../common/languages.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { CleanupStack } from './bench-cleanup.js';
import type { BenchOutcome, Figure, RecordedFigure } from './bench-figure.js';
import { describeLoadWindow, watchLoad, type LoadWindow } from './bench-load.js';
import { startBenchPool } from './bench-pool.js';
import { repoPath } from './bench-repo.js';
import { round } from './bench-stats.js';
import { renderFigureTable } from './bench-table.js';
import { JOBS_PER_SECOND_DEFAULTS, LANGUAGE_GOALS, type JobsPerSecondOptions } from './bench-throughput.js';
import { measureCpuEfficiency, type CpuEfficiencyOptions } from './cpu-efficiency.js';
import type { EngineBenchContext } from './engine-bench-context.js';
import { measurePerTestOverhead, type PerTestOverheadOptions } from './engine-per-test-overhead.js';
import { measureWarmVsNaive, type WarmVsNaiveOptions } from './engine-warm-vs-naive.js';
import { measureIdleContainerRss, type IdleContainerRssOptions } from './idle-container-rss.js';
import { NaiveDockerJudge } from './naive-docker-judge.js';
import { measureScaleOut, type ScaleOutOptions } from './scale-out.js';
import { isOwnContainer, writeOneTestHello, type ServiceBenchContext } from './service-bench-context.js';
import { measureIngestion, type IngestionOptions } from './service-ingestion.js';
import { measureServiceJobsPerSecond } from './service-jobs-per-second.js';
import { measureLatency, type LatencyOptions } from './service-latency.js';
import { LANGUAGES_DEFAULTS, measureLanguages, type LanguagesOptions } from './service-languages.js';
import type { RssFigures } from './service-process-stats.js';
import { serviceRssFigures } from './service-rss-figures.js';

/** The report's keys, in the order they run: the engine's first, on a pool stopped before the service's. */
const KEYS = ['perTestOverheadMs', 'warmVsNaiveSpeedup', 'jobsPerSecond', 'ingestion', 'latencyMs', 'cpuEfficiency', 'scaleOut', 'rssMb', 'languages'] as const;
type Key = (typeof KEYS)[number];

interface Sizes {
  perTestOverhead: PerTestOverheadOptions;
  warmVsNaive: WarmVsNaiveOptions;
  jobsPerSecond: JobsPerSecondOptions;
  ingestion: IngestionOptions;
  latency: LatencyOptions;
  cpuEfficiency: CpuEfficiencyOptions;
  scaleOut: ScaleOutOptions;
  idleContainerRss: IdleContainerRssOptions;
  languages: LanguagesOptions;
}

/** The benchmarks' own defaults (engine.ts, service.ts) and the issue's 200 Fibonacci submissions. */
const FULL: Sizes = {
  perTestOverhead: { tests: 200, rounds: 3 },
  warmVsNaive: { warmJobs: 30, naiveJobs: 10 },
  jobsPerSecond: JOBS_PER_SECOND_DEFAULTS,
  ingestion: { connections: 32, durationS: 10, warmUpS: 3, rounds: 3 },
  latency: { jobs: 50, warmUp: 5, jobsPerClientAt8: 8 },
  cpuEfficiency: { submissions: 200, bareRunsPerContainer: 25, warmUp: 4 },
  scaleOut: { submissions: 40, warmUp: 2 },
  idleContainerRss: { samples: 5 },
  languages: LANGUAGES_DEFAULTS,
};

const QUICK: Sizes = {
  perTestOverhead: { tests: 20, rounds: 1 },
  warmVsNaive: { warmJobs: 3, naiveJobs: 2 },
  jobsPerSecond: { ...JOBS_PER_SECOND_DEFAULTS, jobs: { c: 4, python: 4, java: 2 }, naiveJobs: 2 },
  ingestion: { connections: 8, durationS: 2, warmUpS: 1, rounds: 1 },
  latency: { jobs: 3, warmUp: 1, jobsPerClientAt8: 1 },
  cpuEfficiency: { submissions: 8, bareRunsPerContainer: 2, warmUp: 2 },
  scaleOut: { submissions: 4, warmUp: 1 },
  idleContainerRss: { samples: 2 },
  languages: {
    jobs: { interpreted: 4, compiled: 4, 'jvm-mono-ghc': 2 },
    sequentialJobs: { interpreted: 1, compiled: 1, 'jvm-mono-ghc': 1 },
    naiveJobs: { interpreted: 1, compiled: 1, 'jvm-mono-ghc': 1 },
    goals: LANGUAGE_GOALS,
    profileRounds: 1,
  },
};

/** What a benchmark of either kind reports; the service's also the resident memory of its processes. */
type SuiteOutcome = BenchOutcome & { rss?: Record<string, RssFigures>; notes?: string[] };

type Benchmark =
  | { context: 'engine'; run: (ctx: EngineBenchContext, sizes: Sizes) => Promise<SuiteOutcome> }
  | { context: 'service'; run: (ctx: ServiceBenchContext, sizes: Sizes) => Promise<SuiteOutcome> };

const BENCHMARKS: Record<Key, Benchmark> = {
  perTestOverheadMs: { context: 'engine', run: (ctx, s) => measurePerTestOverhead(ctx, s.perTestOverhead) },
  warmVsNaiveSpeedup: { context: 'engine', run: (ctx, s) => measureWarmVsNaive(ctx, s.warmVsNaive) },
  jobsPerSecond: { context: 'service', run: (ctx, s) => measureServiceJobsPerSecond(ctx, s.jobsPerSecond) },
  ingestion: { context: 'service', run: (ctx, s) => measureIngestion(ctx, s.ingestion) },
  latencyMs: { context: 'service', run: (ctx, s) => measureLatency(ctx, s.latency) },
  cpuEfficiency: { context: 'service', run: (ctx, s) => measureCpuEfficiency(ctx, s.cpuEfficiency) },
  scaleOut: { context: 'service', run: (ctx, s) => measureScaleOut(ctx, s.scaleOut) },
  rssMb: { context: 'service', run: (ctx, s) => measureIdleContainerRss(ctx, s.idleContainerRss) },
  languages: { context: 'service', run: (ctx, s) => measureLanguages(ctx, s.languages) },
};

/** Figures the issue asks for that no benchmark measures yet, and what is missing (none at the moment). */
const NOT_MEASURED: Partial<Record<Key, { key: string; why: string }[]>> = {};

/** The machine and the moment, for people reading the figures later (docs/performance.md shows them). */
export interface BenchRun {
  command: string;
  mode: 'full' | 'quick';
  keys: Key[];
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; kernel: string; node: string; docker: string };
  /** os.loadavg() (1, 5, 15 min) at the start and at the end. */
  loadAverage: { start: number[]; end: number[] };
}

interface Settings {
  json: boolean;
  quick: boolean;
  keys: Key[];
  /** --language: the languages benchmark's languages (all it can measure when absent). */
  languages?: string[];
}

function parseSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      language: { type: 'string' },
    },
  });
  const only = values.only?.split(',').filter((key) => key !== '') ?? [...KEYS];
  for (const key of only) {
    if (!KEYS.includes(key as Key)) throw new Error(`unknown benchmark '${key}' (expected one of ${KEYS.join(', ')})`);
  }
  const languages = values.language?.split(',').filter((id) => id !== '');
  for (const id of languages ?? []) {
    if (findLanguage(id) === undefined) throw new Error(`unknown language '${id}' (--language takes ids of common/languages.yaml)`);
  }
  return { json: values.json, quick: values.quick, keys: KEYS.filter((key) => only.includes(key)), ...(languages === undefined ? {} : { languages }) };
}

/** Merges `source` into `target`, object keys recursively (latencyMs from two benchmarks, rssMb from three). */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObject(existing) && isObject(value)) mergeInto(existing, value);
    else target[key] = value;
  }
}

/** The engine's pool and naive judge, as engine.ts builds them, with a cleanup of their own (run once the engine's benchmarks are done). */
async function startEngineContext(docker: Docker, service: ServiceBenchContext, isOwn: (labels: Record<string, string>) => boolean): Promise<EngineBenchContext> {
  const cleanup = new CleanupStack(service.log);
  service.cleanup.defer('stopping the engine benchmarks', () => cleanup.run());
  const image = await ensureRuntimeImage({ docker, onLog: service.log });
  const naive = new NaiveDockerJudge(docker, image);
  service.ownLabels.push(naive.label);
  cleanup.defer('removing naive containers', () => naive.removeLeftovers());
  const { name, pool, judge } = await startBenchPool(docker, image, cleanup, { what: 'engine', log: service.log });
  service.ownPools.push(name);
  return { docker, image, pool, judge, naive, cleanup, log: service.log, watchLoad: (measure) => watchLoad(docker, isOwn, measure) };
}

const loadAverageNow = (): number[] => loadavg().map((value) => round(value, 2));

/** How this run was started, as someone would type it again. */
function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return args === '' ? 'npm run bench' : `npm run bench -- ${args}`;
  return `node ${path.relative(process.cwd(), process.argv[1] ?? 'bench.js')} ${args}`.trim();
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const base = settings.quick ? QUICK : FULL;
  const sizes: Sizes = settings.languages === undefined ? base : { ...base, languages: { ...base.languages, only: settings.languages } };
  const startedAt = new Date();
  const loadAtStart = loadAverageNow();
  const log = (line: string): void => console.error(line);
  const cleanup = new CleanupStack(log);
  const removeSignalHandlers = cleanup.exitOnSignals();
  const docker = new Docker();
  const json: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  const figures: Figure[] = [];
  const load: Record<string, LoadWindow> = {};
  const rss: { key: Key; processes: Record<string, RssFigures> }[] = [];
  const recordedByBenchmarks: RecordedFigure[] = [];
  const notes: string[] = [];
  const errors: { key: Key; message: string }[] = [];
  const missing: { key: string; why: string }[] = [];
  try {
    const service: ServiceBenchContext = { docker, cleanup, log, hello: await writeOneTestHello(cleanup), ownPools: [], ownLabels: [] };
    const isOwn = isOwnContainer(service);
    let engine: EngineBenchContext | undefined;
    for (const key of settings.keys) {
      const benchmark = BENCHMARKS[key];
      log(`${key}: starting${settings.quick ? ' (quick)' : ''}`);
      try {
        let measure: () => Promise<SuiteOutcome>;
        if (benchmark.context === 'engine') {
          const ctx = (engine ??= await startEngineContext(docker, service, isOwn));
          measure = () => benchmark.run(ctx, sizes);
        } else {
          // The engine's pool would only be in the way from here on.
          await engine?.cleanup.run();
          engine = undefined;
          measure = () => benchmark.run(service, sizes);
        }
        const { result, load: window } = await watchLoad(docker, isOwn, measure);
        log(`${key}: done; ${describeLoadWindow(window)}`);
        mergeInto(json, result.json);
        mergeInto(details, result.details);
        figures.push(...result.figures);
        load[key] = window;
        if (result.rss !== undefined) rss.push({ key, processes: result.rss });
        recordedByBenchmarks.push(...(result.recorded ?? []));
        notes.push(...(result.notes ?? []));
        missing.push(...(NOT_MEASURED[key] ?? []));
      } catch (error) {
        log(`${key}: FAILED: ${(error as Error).stack ?? String(error)}`);
        errors.push({ key, message: (error as Error).message.split('\n')[0] ?? String(error) });
      }
    }
    await engine?.cleanup.run();

    for (const { key } of missing) mergeInto(json, { [key.split('.')[0]!]: { [key.split('.')[1]!]: null } });
    // Peak resident memory per service over every load it ran under (VmHWM), against the goals.
    const memory = serviceRssFigures(rss.map(({ processes }) => processes), rss.map(({ key }) => key));
    if (Object.keys(memory.peaks).length > 0) mergeInto(json, { rssMb: memory.peaks });
    figures.push(...memory.figures);
    recordedByBenchmarks.push(...memory.recorded);
    const recorded: RecordedFigure[] = recordedByBenchmarks;

    const run: BenchRun = {
      command: commandLine(),
      mode: settings.quick ? 'quick' : 'full',
      keys: settings.keys,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        kernel: `${type()} ${release()}`,
        node: process.version,
        docker: (await docker.version().catch(() => undefined))?.Version ?? 'unknown',
      },
      loadAverage: { start: loadAtStart, end: loadAverageNow() },
    };
    const report = { ...json, figures, missing, recorded, errors, notes, details, load, run };
    const file = repoPath('tests', 'artifacts', settings.keys.length === KEYS.length ? 'bench.json' : `bench-${settings.keys.join('-')}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`report written to ${path.relative(process.cwd(), file)}`);

    if (settings.json) {
      console.log(JSON.stringify(report));
    } else {
      console.log(renderFigureTable(figures));
      console.log('');
      for (const { key, why } of missing) console.log(`- \`${key}\`: not measured — ${why}`);
      for (const { key, value, unit, how } of recorded) console.log(`- \`${key}\`: ${value} ${unit} (${how}; recorded, no goal)`);
      for (const { key, message } of errors) console.log(`- \`${key}\`: could not run — ${message}`);
      for (const note of notes) console.log(`- ${note}`);
      for (const [key, window] of Object.entries(load)) console.log(`- ${key}: ${describeLoadWindow(window)}`);
      console.log(`- ${run.mode} run on ${run.machine.cpus} CPUs (${run.machine.kernel}), load average ${run.loadAverage.start.join(' ')} at the start, ${run.loadAverage.end.join(' ')} at the end`);
    }
    process.exitCode = errors.length > 0 ? 2 : figures.some((f) => !f.pass) ? 1 : 0;
  } finally {
    await cleanup.run();
    removeSignalHandlers();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
