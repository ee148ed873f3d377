/**
 * `npm run soak`: judges 5,000 submissions of mixed verdicts through a real juez and prints, before and
 * after, containers, open fds, resident memory of each service, Redis memory and keys, and queue depths —
 * all of which must be flat — and checks every verdict (soak-run.ts says how).
 *
 *   npm run -s soak [-- --json] [--submissions 300] [--concurrency 8] [--pool-size 2] [--warm-up 200]
 *     [--seed 6] [--languages c,python] [--problems hello,aplusb] [--shared-machine] [--output file.json]
 *
 * Run it with the machine to itself (`flock -x /tmp/juez-machine.lock npm run -s soak`): the engine's
 * container count and Redis's memory are machine-wide figures. --shared-machine reports those without
 * judging them. stdout: the table (or with --json one JSON object); progress on stderr. The JSON is also
 * written to tests/artifacts/soak.json (or --output). Node 20 needs --experimental-websocket for the
 * after-GC readings (inspector-gc.ts); the npm script passes it. Exit status: 0 flat and correct, 1 a figure grew or a verdict was
 * wrong, lost or stuck, 2 the soak could not run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoPath } from '../bench/bench-repo.js';
import { DEFAULT_SOAK_OPTIONS, runSoak, type SoakOptions } from './soak-run.js';
import { renderSoakReport } from './soak-table.js';

function parseOptions(argv: string[]): { json: boolean; output: string; options: SoakOptions } {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      submissions: { type: 'string' },
      concurrency: { type: 'string' },
      'pool-size': { type: 'string' },
      'warm-up': { type: 'string' },
      seed: { type: 'string' },
      languages: { type: 'string' },
      problems: { type: 'string' },
      'shared-machine': { type: 'boolean', default: false },
      output: { type: 'string' },
    },
  });
  const integer = (name: string, text: string | undefined, fallback: number, min = 1): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${text}`);
    return value;
  };
  const list = (text: string | undefined): string[] | undefined => text?.split(',').filter((item) => item !== '');
  const submissions = integer('submissions', values.submissions, DEFAULT_SOAK_OPTIONS.submissions);
  const poolSize = integer('pool-size', values['pool-size'], DEFAULT_SOAK_OPTIONS.poolSize);
  const languages = list(values.languages);
  const problems = list(values.problems);
  return {
    json: values.json,
    output: path.resolve(values.output ?? repoPath('tests', 'artifacts', 'soak.json')),
    options: {
      ...DEFAULT_SOAK_OPTIONS,
      submissions,
      poolSize,
      concurrency: integer('concurrency', values.concurrency, 4 * poolSize),
      // A tenth of the soak, at most the default: a small soak needs a small warm-up.
      warmUp: integer('warm-up', values['warm-up'], Math.min(DEFAULT_SOAK_OPTIONS.warmUp, Math.ceil(submissions / 10)), 0),
      seed: integer('seed', values.seed, DEFAULT_SOAK_OPTIONS.seed, 0),
      ...(languages !== undefined && { languages }),
      ...(problems !== undefined && { problems }),
      sharedMachine: values['shared-machine'],
      exitOnSignals: true,
      log: (line) => console.error(line),
    },
  };
}

async function main(): Promise<void> {
  let settings: ReturnType<typeof parseOptions>;
  try {
    settings = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  try {
    const report = await runSoak(settings.options);
    const file = settings.output;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(settings.json ? JSON.stringify(report, null, 2) : renderSoakReport(report));
    console.error(`soak: report written to ${path.relative(process.cwd(), file)}`);
    process.exitCode = report.pass ? 0 : 1;
  } catch (error) {
    console.error(`soak: could not run: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  }
}

await main();
