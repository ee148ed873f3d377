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
 * The languages benchmark profiles every language that misses its goal this way; profile-languages.ts prints
 * the table for any languages.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { shellQuote } from '../../common/language-versions.js';
import { expandCommand } from '../../common/languages.js';
import { makeSandboxEnvironment } from '../../executor/judging/sandbox-environment.js';
import { round, summarize } from './bench-stats.js';
import type { LanguageHello } from './language-hellos.js';
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
  /** The compile command only checks, and the run makes the same check: it runs only when the first test fails. */
  checkedByRun: boolean;
  /** CPU of one job: the run, plus the compile unless the run makes the check (compileCheckedByRun). */
  jobCpuMs: number;
  /** cores × 1000 / jobCpuMs: jobs/s the CPU alone allows. */
  ceilingJobsPerSecond: number;
}

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

/** Times `hello`'s compile and run commands `rounds` times in one container of `image`, `input` on stdin. */
export async function measureLanguageCpuCost(image: string, hello: LanguageHello, input: Buffer, rounds: number): Promise<LanguageCpuCost> {
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
    const summary = (timings: Timing[]): Timing => ({ cpuMs: round(summarize(timings.map((t) => t.cpuMs)).median, 0), wallMs: round(summarize(timings.map((t) => t.wallMs)).median, 0) });
    const compiled = compile === undefined ? undefined : summary(samples.compile);
    const ran = summary(samples.run);
    const checkedByRun = compiled !== undefined && language.compileCheckedByRun === true;
    const jobCpuMs = ran.cpuMs + (compiled === undefined || checkedByRun ? 0 : compiled.cpuMs);
    return {
      languageId: language.id,
      family,
      ...(compiled === undefined ? {} : { compile: compiled }),
      run: ran,
      checkedByRun,
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

/** One line for people: where the job's CPU goes and what it allows. */
export function describeCpuCost(cost: LanguageCpuCost): string {
  const compile = cost.compile === undefined ? '' : cost.checkedByRun ? '' : `compile ${cost.compile.cpuMs} ms of CPU, `;
  const check = cost.compile !== undefined && cost.checkedByRun ? ` (its check, ${cost.compile.cpuMs} ms, only when the first test fails)` : '';
  return `${compile}run ${cost.run.cpuMs} ms${check}: ${cost.jobCpuMs} ms of CPU per job, so the CPU alone allows ${cost.ceilingJobsPerSecond} jobs/s on ${cpus().length} cores`;
}
