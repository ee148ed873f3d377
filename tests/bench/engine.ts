/**
 * The judging engine's speed figures, each against its goal and a baseline measured in the same run:
 *
 * - perTestOverheadMs {median, p99}: engine time per test of a fast C program minus a bare loop's.
 * - warmVsNaiveSpeedup: a Python hello world through the warm pool vs one `docker run --rm` per submission.
 * - engineJobsPerSecond {c, python, java}: sustained hello-world throughput of the default pool, engine alone
 *   (the suite's jobsPerSecond is the same through the whole service: service-jobs-per-second.ts).
 *
 *   npm run bench:engine [-- --json] [-- --only perTestOverhead,warmVsNaive,jobsPerSecond]
 *     [--rounds 3] [--languages c,python,java]
 *
 * Prints a markdown table (or, with --json, one JSON object: the figures' keys, then `poolSize`, `image`,
 * `figures`, `recorded`, `details`, `load`) on stdout; progress goes to stderr (print-outcome.ts). Exit
 * status: 0 every goal met, 1 a goal missed, 2 the benchmark itself failed. The machine may be shared: the
 * load seen during each benchmark is part of the report.
 */
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { CleanupStack } from './bench-cleanup.js';
import type { BenchOutcome } from './bench-figure.js';
import { watchLoad } from './bench-load.js';
import { startBenchPool } from './bench-pool.js';
import { JOBS_PER_SECOND_DEFAULTS, type ThroughputLanguage } from './bench-throughput.js';
import type { EngineBenchContext } from './engine-bench-context.js';
import { measureEngineJobsPerSecond } from './engine-jobs-per-second.js';
import { measurePerTestOverhead } from './engine-per-test-overhead.js';
import { measureWarmVsNaive } from './engine-warm-vs-naive.js';
import { NaiveDockerJudge } from './naive-docker-judge.js';
import { collectOutcomes, printOutcome } from './print-outcome.js';

const BENCHMARKS = ['perTestOverhead', 'warmVsNaive', 'jobsPerSecond'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

interface Settings {
  json: boolean;
  only: BenchmarkName[];
  rounds: number;
  languages: ThroughputLanguage[];
}

function parseSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      languages: { type: 'string' },
    },
  });
  const listOf = <T extends string>(text: string | undefined, allowed: readonly T[], what: string): T[] => {
    if (text === undefined) return [...allowed];
    const items = text.split(',').filter((s) => s !== '');
    for (const item of items) {
      if (!allowed.includes(item as T)) throw new Error(`unknown ${what} '${item}' (expected one of ${allowed.join(', ')})`);
    }
    return items as T[];
  };
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
  return {
    json: values.json,
    only: listOf(values.only, BENCHMARKS, 'benchmark'),
    rounds,
    languages: listOf(values.languages, JOBS_PER_SECOND_DEFAULTS.languages, 'language'),
  };
}

function run(name: BenchmarkName, ctx: EngineBenchContext, settings: Settings): Promise<BenchOutcome> {
  switch (name) {
    case 'perTestOverhead':
      return measurePerTestOverhead(ctx, { tests: 200, rounds: settings.rounds });
    case 'warmVsNaive':
      return measureWarmVsNaive(ctx, { warmJobs: 30, naiveJobs: 10 });
    case 'jobsPerSecond':
      return measureEngineJobsPerSecond(ctx, { ...JOBS_PER_SECOND_DEFAULTS, languages: settings.languages });
  }
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const log = (line: string): void => console.error(line);
  const cleanup = new CleanupStack(log);
  const removeSignalHandlers = cleanup.exitOnSignals();
  try {
    const docker = new Docker();
    const image = await ensureRuntimeImage({ docker, onLog: log });
    const naive = new NaiveDockerJudge(docker, image);
    cleanup.defer('removing naive containers', () => naive.removeLeftovers());
    const { name: poolName, pool, judge } = await startBenchPool(docker, image, cleanup, { what: 'engine', log });
    const [naiveKey, naiveValue] = naive.label.split('=') as [string, string];
    const isOwn = (labels: Record<string, string>): boolean =>
      labels['juez.pool'] === poolName || labels[naiveKey] === naiveValue;
    const ctx: EngineBenchContext = {
      docker, image, pool, judge, naive, cleanup, log,
      watchLoad: (measure) => watchLoad(docker, isOwn, measure),
    };
    log(`image ${image}, pool ${poolName} of ${pool.size} containers`);

    const outcome = await collectOutcomes(settings.only, (name) => run(name, ctx, settings), ctx.watchLoad, log);
    printOutcome(outcome, { asJson: settings.json, extraJson: { poolSize: pool.size, image } });
  } finally {
    await cleanup.run();
    removeSignalHandlers();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
