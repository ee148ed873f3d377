/**
 * Where a language's hello-world job spends its CPU: the compile command and the run command of
 * problems/hello's reference, each timed by bash's `time` (user + sys of the command and its children) in one
 * container of the runtime image with the naive judge's flags (1 CPU, read-only root, tmpfs /work and /tmp),
 * `rounds` times, /work and /tmp wiped between rounds as the pool's reset wipes them. Medians.
 *
 * The ceiling it prints is what the CPU alone allows on this machine: cores / CPU per job, the job being the
 * run alone for a language whose check the run makes (compileCheckedByRun), compile + run otherwise. The
 * service adds its own work to each job (HTTP, queue, staging, reset: ~10 ms of CPU), so a language whose
 * ceiling is below its goal cannot reach it however the service is tuned: the cause is the toolchain.
 *
 *   npm run -s build && node dist/tests/bench/language-cpu-cost.js [--rounds 7] [kotlin scala ...]
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { shellQuote } from '../../common/language-versions.js';
import { expandCommand, loadLanguages } from '../../common/languages.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { makeSandboxEnvironment } from '../../executor/judging/sandbox-environment.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { repoPath } from './bench-repo.js';
import { round } from './bench-stats.js';
import { chooseLanguageHellos, type LanguageHello } from './language-hellos.js';
import { commandValuesOf } from './naive-docker-judge.js';

/** CPU and wall time of one command, ms. */
interface Timing {
  cpuMs: number;
  wallMs: number;
}

export interface LanguageCpuCost {
  languageId: string;
  family: string;
  compile?: Timing;
  run: Timing;
  /** CPU of one job: the run, plus the compile unless the run makes the check (compileCheckedByRun). */
  jobCpuMs: number;
  /** cores × 1000 / jobCpuMs: jobs/s the CPU alone allows. */
  ceilingJobsPerSecond: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

/** The bash script: `rounds` × (wipe, copy the sources, time the compile, time the run on the test input). */
function makeScript(compile: string | undefined, run: string, rounds: number): string {
  return [
    'TIMEFORMAT="%R %U %S"',
    `for i in $(seq ${rounds}); do`,
    '  rm -rf /work/* /tmp/* 2>/dev/null; cp /sub/src/* /work/; cd /work',
    ...(compile === undefined
      ? []
      : [`  { time ${compile} >/dev/null 2>/tmp/compile.err ; } 2>/tmp/t || { cat /tmp/compile.err >&2; exit 3; }`, '  echo "compile $(tail -1 /tmp/t)"']),
    `  { time ${run} </sub/test.in >/dev/null 2>&1 ; } 2>/tmp/t`,
    '  echo "run $(tail -1 /tmp/t)"',
    'done',
  ].join('\n');
}

async function measureOne(image: string, hello: LanguageHello, input: Buffer, rounds: number): Promise<LanguageCpuCost> {
  const { language, family, reference } = hello;
  const files = await Promise.all(reference.files.map(async (file) => ({ name: path.basename(file), content: await readFile(file) })));
  const values = commandValuesOf(language, files, 256);
  const compile = language.compile === undefined ? undefined : expandCommand(language.compile, values).map(shellQuote).join(' ');
  const run = expandCommand(language.run, values).map(shellQuote).join(' ');
  const root = await mkdtemp(path.join(tmpdir(), 'juez-cpu-cost-'));
  try {
    await writeFile(path.join(root, 'test.in'), input);
    await mkdir(path.join(root, 'src'));
    await Promise.all(files.map((file) => writeFile(path.join(root, 'src', file.name), file.content)));
    await chmod(root, 0o755);
    const env = Object.entries(makeSandboxEnvironment(language)).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
    const output = await dockerRun([
      'run', '--rm', '--network', 'none', '--memory', '1g', '--memory-swap', '1g', '--cpus', '1', '--pids-limit', '128',
      '--read-only', '--tmpfs', '/work:rw,exec,nosuid,size=256m,uid=10000,gid=10000,mode=0700', '--tmpfs', '/tmp:rw,exec,nosuid,size=128m,mode=1777',
      '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--user', '10000:10000', '--workdir', '/work',
      '--volume', `${root}:/sub:ro`, ...env, image, 'bash', '-c', makeScript(compile, run, rounds),
    ]);
    const samples: Record<'compile' | 'run', Timing[]> = { compile: [], run: [] };
    for (const line of output.split('\n')) {
      const [kind, real, user, sys] = line.split(' ');
      if (kind === 'compile' || kind === 'run') samples[kind].push({ wallMs: 1000 * Number(real), cpuMs: 1000 * (Number(user) + Number(sys)) });
    }
    const summary = (timings: Timing[]): Timing => ({ cpuMs: round(median(timings.map((t) => t.cpuMs)), 0), wallMs: round(median(timings.map((t) => t.wallMs)), 0) });
    const compiled = compile === undefined ? undefined : summary(samples.compile);
    const ran = summary(samples.run);
    const jobCpuMs = ran.cpuMs + (compiled === undefined || language.compileCheckedByRun === true ? 0 : compiled.cpuMs);
    return {
      languageId: language.id,
      family,
      ...(compiled === undefined ? {} : { compile: compiled }),
      run: ran,
      jobCpuMs,
      ceilingJobsPerSecond: round((cpus().length * 1000) / Math.max(jobCpuMs, 1), 1),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function dockerRun(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`docker run exited ${code}: ${stderr.trim().slice(0, 500)}`))));
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
  const rounds = Number(values.rounds);
  const image = await ensureRuntimeImage({ docker: new Docker(), onLog: (line) => console.error(line) });
  const hello = await readProblemPackage(repoPath('problems', 'hello'));
  const input = await readFile(repoPath('problems', 'hello', 'data', 'secret', '1.in'));
  const languages = loadLanguages().filter((l) => positionals.length === 0 || positionals.includes(l.id));
  const { hellos, leftOut } = chooseLanguageHellos(hello.submissions, languages);
  for (const { languageId, why } of leftOut) console.error(`${languageId}: left out — ${why}`);
  const costs: LanguageCpuCost[] = [];
  for (const one of hellos) {
    const cost = await measureOne(image, one, input, rounds);
    costs.push(cost);
    console.error(`${cost.languageId}: job ${cost.jobCpuMs} ms of CPU`);
  }
  if (values.json) {
    console.log(JSON.stringify({ image, rounds, cpus: cpus().length, costs }));
    return;
  }
  console.log(`| language | family | compile CPU (wall) | run CPU (wall) | CPU per job | ceiling on ${cpus().length} cores |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const c of costs) {
    const compile = c.compile === undefined ? '—' : `${c.compile.cpuMs} ms (${c.compile.wallMs} ms)`;
    console.log(`| \`${c.languageId}\` | ${c.family} | ${compile} | ${c.run.cpuMs} ms (${c.run.wallMs} ms) | ${c.jobCpuMs} ms | ${c.ceilingJobsPerSecond} jobs/s |`);
  }
  console.log(`\n${image}, median of ${rounds} rounds per language; a check the run makes (compileCheckedByRun) is not counted in the job.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
