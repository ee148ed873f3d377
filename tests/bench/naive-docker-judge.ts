/**
 * The baseline the warm pool is measured against: what a judge without one would do, one `docker run --rm`
 * per submission. A fresh container from the same runtime image with the sandbox's container flags (no
 * network, 1 CPU, 1 GiB without swap, 128 pids, read-only root with tmpfs, every capability dropped) runs
 * the language's compile command and then the program on every test, under `timeout` and `ulimit -t` as
 * the time limits; outputs come back through a bind mount and are compared on the host with the judge's
 * own comparison. Same work as the engine, minus the warm container.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Language } from '../../common/language.js';
import { chooseMainFile, expandCommand, findMainClass, isSourceOf, mainBaseOf, type CommandValues } from '../../common/languages.js';
import { checkSubmission, type Submission } from '../../executor/judging/check-submission.js';
import { compareOutput } from '../../executor/judging/compare-output.js';
import type { SourceFile } from '../../executor/judging/compile-program.js';
import { loadProblemData } from '../../executor/judging/problem-data.js';
import { makeSandboxEnvironment } from '../../executor/judging/sandbox-environment.js';
import type { ProblemPackage } from '../../common/problem/problem.js';

export interface NaiveJudgement {
  accepted: boolean;
  /** From the submission's arrival to its verdict, container creation and removal included. */
  ms: number;
  /** Why it was not accepted. */
  why?: string;
}

const SANDBOX_UID = 10000;

export class NaiveDockerJudge {
  /** Put on every container, so that removeLeftovers finds what an interrupted run left. */
  readonly label: string;
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly docker: Docker,
    private readonly image: string,
  ) {
    this.label = `juez.bench=naive-${randomBytes(4).toString('hex')}`;
  }

  async judge(problem: ProblemPackage, submission: Submission): Promise<NaiveJudgement> {
    const start = performance.now();
    const { language, files } = checkSubmission(submission, undefined);
    const data = await loadProblemData(problem); // cached on the host, as the engine's is
    const root = await mkdtemp(path.join(tmpdir(), 'juez-naive-'));
    try {
      await mkdir(path.join(root, 'src'));
      await mkdir(path.join(root, 'out'));
      await Promise.all(files.map((file) => writeFile(path.join(root, 'src', file.name), file.content)));
      await Promise.all(data.tests.map((staged, i) => copyFile(staged.test.inputFile, path.join(root, `${i}.in`))));
      // The container runs as the sandbox user, which must read the sources and write the outputs.
      await chmod(root, 0o755);
      await chmod(path.join(root, 'out'), 0o777);

      const script = makeScript(problem, language, files, data.tests.length);
      const exitCode = await this.dockerRun(root, language, script);
      if (exitCode !== 0) throw new Error(`docker run exited with ${exitCode}`);

      const compileStatus = language.compile === undefined ? '0' : (await readText(root, 'out/compile.status')).trim();
      if (compileStatus !== '0') return { accepted: false, ms: performance.now() - start, why: `compile exited ${compileStatus}` };
      for (const [i, staged] of data.tests.entries()) {
        const status = (await readText(root, `out/${i}.status`)).trim();
        if (status !== '0') return { accepted: false, ms: performance.now() - start, why: `test ${i} exited ${status}` };
        const output = await readFile(path.join(root, 'out', `${i}.out`));
        const compared = compareOutput(staged.answer, output, problem.comparison);
        if (!compared.accepted) return { accepted: false, ms: performance.now() - start, why: `test ${i}: ${compared.message}` };
      }
      return { accepted: true, ms: performance.now() - start };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  /** Kills the docker clients still running and removes every container this judge started. */
  async removeLeftovers(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    const left = await this.docker.listContainers({ all: true, filters: { label: [this.label] } });
    await Promise.all(left.map((info) => this.docker.getContainer(info.Id).remove({ force: true }).catch(() => {})));
  }

  private dockerRun(root: string, language: Language, script: string): Promise<number | null> {
    const env = Object.entries(makeSandboxEnvironment(language)).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
    const args = [
      'run', '--rm', '--label', this.label,
      '--network', 'none', '--memory', '1g', '--memory-swap', '1g', '--cpus', '1', '--pids-limit', '128',
      '--read-only',
      '--tmpfs', `/work:rw,exec,nosuid,size=256m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0700`,
      '--tmpfs', '/tmp:rw,exec,nosuid,size=128m,mode=1777',
      '--shm-size', '16m', '--ipc', 'private',
      '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
      '--ulimit', 'nofile=1024:1024', '--ulimit', 'core=0',
      '--user', `${SANDBOX_UID}:${SANDBOX_UID}`, '--workdir', '/work',
      '--volume', `${root}:/sub`,
      ...env,
      this.image, 'sh', '-c', script,
    ];
    return new Promise((resolve, reject) => {
      const child = spawn('docker', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.children.add(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => (this.children.delete(child), reject(error)));
      child.on('close', (code) => {
        this.children.delete(child);
        if (code !== 0 && stderr !== '') reject(new Error(`docker run failed (${code}): ${stderr.trim()}`));
        else resolve(code);
      });
    });
  }
}

async function readText(root: string, file: string): Promise<string> {
  return readFile(path.join(root, file), 'utf8').catch(() => 'missing');
}

/** Single-quoted for sh. */
function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The container's work: copy the sources, compile (limits of compile-submission.ts), run every test with the
 * program's limits (wall by `timeout`, CPU by `ulimit -t`), recording exit statuses for the host.
 */
function makeScript(problem: ProblemPackage, language: Language, files: readonly SourceFile[], tests: number): string {
  const values = commandValuesOf(language, files, problem.limits.memoryMb);
  const lines = ['cp /sub/src/* /work/ || exit 90'];
  if (language.compile !== undefined) {
    const cpuS = Math.max(problem.limits.compileTimeS, language.compileTimeLimitS ?? 0);
    const argv = expandCommand(language.compile, values).map(quote).join(' ');
    lines.push(`(ulimit -t ${cpuS + 1}; exec timeout -s KILL ${2 * cpuS + 5} ${argv}) > /sub/out/compile.txt 2>&1`);
    lines.push('echo $? > /sub/out/compile.status');
  }
  const cpuS = Math.ceil(problem.limits.timeMs / 1000);
  const wallS = Math.ceil(problem.limits.wallMs / 1000);
  const run = expandCommand(language.run, values).map(quote).join(' ');
  for (let i = 0; i < tests; i++) {
    lines.push(`(ulimit -t ${cpuS + 1}; exec timeout -s KILL ${wallS} ${run}) < /sub/${i}.in > /sub/out/${i}.out 2> /sub/out/${i}.err`);
    lines.push(`echo $? > /sub/out/${i}.status`);
  }
  lines.push('exit 0');
  return lines.join('\n');
}

/** The placeholders' values, as compile-program.ts computes them (language-cpu-cost.ts times the same commands). */
export function commandValuesOf(language: Language, files: readonly SourceFile[], memoryMb: number): CommandValues {
  const main = chooseMainFile(language, files);
  const names = files.map((f) => f.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sources = names.filter((name) => isSourceOf(language, name));
  const values: CommandValues = { files: sources.length > 0 ? sources : names, main, mainBase: mainBaseOf(main), memoryMb };
  const mainClass = findMainClass(language, files);
  if (mainClass?.ok === true) values.mainClass = mainClass.mainClass;
  return values;
}
