import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { Command } from 'commander';
import type { JudgeResult } from '../../common/judge-result.js';
import { SUBMISSION_DIR_VERDICTS, type Verdict } from '../../common/verdict.js';
import type { Judge } from '../../executor/judge.js';
import type { ProblemPackage, ReferenceSubmission } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { CliError } from '../cli-error.js';
import { colorsFor, formatKb, formatMs, oneLine, paintVerdict, PLAIN_TABLE_STYLE } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addPoolOptions, type PoolCliOptions } from '../pool-options.js';
import { readSubmissionFiles } from '../read-submission-files.js';
import { startJudge } from '../start-judge.js';

interface VerifyCliOptions extends PoolCliOptions {
  json?: boolean;
}

/** One reference submission and how it fared. */
export interface VerifyOutcome {
  problem: string;
  /** Path below the package, e.g. `submissions/accepted/hello.py`. */
  submission: string;
  language: string;
  /** From the submission's directory (SUBMISSION_DIR_VERDICTS); absent for a directory juez does not check. */
  expected?: Verdict;
  verdict: Verdict;
  ok: boolean;
  score: number;
  maxScore: number;
  cpuMs: number;
  maxMemoryKb: number;
  /** Why it went wrong: the first failed test's message, or the internal error. */
  message?: string;
}

/**
 * `judge-cli verify <problem-dir...>`: judges every reference submission of every package (in parallel, up
 * to the pool size) and checks that each gets the verdict of its directory. Exits 0 when all match, 1 on
 * any mismatch, 2 when it could not verify (bad package, no Docker).
 */
export function verifyCommand(): Command {
  const command = new Command('verify')
    .description("judge every submission under submissions/ and check it gets its directory's verdict")
    .argument('<problem-dir...>', 'problem package directories')
    .option('--json', 'print the outcome as one JSON object')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli verify problems/hello',
        'judge-cli verify problems/* --pool-size 4',
        'judge-cli verify problems/aplusb --json | jq \'.outcomes[] | select(.ok | not)\'',
      ),
    )
    .addHelpText('after', '\nExit status: 0 every submission got its expected verdict, 1 a mismatch, 2 could not verify (bad package,\nno Docker).')
    .action(async (dirs: string[], options: VerifyCliOptions) => {
      process.exitCode = await verify(dirs, options);
    });
  return addPoolOptions(command);
}

async function verify(dirs: string[], options: VerifyCliOptions): Promise<number> {
  const outcomes = await verifyPackages(dirs, { ...options, quiet: options.json === true });
  const allOk = outcomes.every((o) => o.ok);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ ok: allOk, outcomes })}\n`);
  } else {
    process.stdout.write(`${renderOutcomes(outcomes)}\n`);
  }
  return allOk ? 0 : 1;
}

/**
 * Judges every reference submission of every package in `dirs` (a progress bar on a terminal unless
 * `quiet`) and returns how each fared, in package and submission order. `judge-cli problem push` runs it too.
 * @throws ProblemPackageError (or an AggregateError of them) for invalid packages, CliError when nothing can be judged.
 */
export async function verifyPackages(dirs: readonly string[], options: PoolCliOptions & { quiet?: boolean }): Promise<VerifyOutcome[]> {
  // Every package is read before anything runs, so that all broken packages are reported at once.
  const settled = await Promise.allSettled(dirs.map((dir) => readProblemPackage(dir)));
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures, 'several packages are invalid');
  const problems = settled.map((s) => (s as PromiseFulfilledResult<ProblemPackage>).value);
  const jobs = problems.flatMap((problem) => problem.submissions.map((submission) => ({ problem, submission })));
  if (jobs.length === 0) throw new CliError(`no reference submissions under ${dirs.map((d) => `${d}/submissions`).join(', ')}`);

  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const running = await startJudge(options, jobs.length, log);
  const bar = process.stderr.isTTY && options.quiet !== true
    ? new cliProgress.SingleBar({ format: 'verifying [{bar}] {value}/{total} {last}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(jobs.length, 0, { last: '' });
  const outcomes: VerifyOutcome[] = new Array(jobs.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const index = next++;
        const job = jobs[index]!;
        outcomes[index] = await verifySubmission(job.problem, job.submission, running.judge, running.signal);
        bar?.increment({ last: `${job.problem.shortName}/${job.submission.name}` });
      }
    };
    await Promise.all(Array.from({ length: running.size }, worker));
  } finally {
    bar?.stop();
    await running.stop();
  }
  return outcomes;
}

async function verifySubmission(
  problem: ProblemPackage,
  reference: ReferenceSubmission,
  judge: Judge,
  signal: AbortSignal,
): Promise<VerifyOutcome> {
  const expected = SUBMISSION_DIR_VERDICTS[reference.category];
  let result: JudgeResult;
  try {
    const submission = await readSubmissionFiles([...reference.files, ...(reference.extraFiles ?? [])], reference.languageId);
    result = await judge.judge(problem, submission, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    // A usage error for a reference submission (a bad file name) is the package's problem: report it here.
    const message = `cannot be judged: ${(error as Error).message}`;
    result = { verdict: 'IE', score: 0, maxScore: 0, internalError: { culprit: 'package', message }, tests: [], cpuMs: 0, maxMemoryKb: 0 };
  }
  const outcome: VerifyOutcome = {
    problem: problem.shortName,
    submission: reference.name,
    language: reference.languageId,
    verdict: result.verdict,
    // A directory juez does not check (partially_accepted, ...) cannot fail, unless judging itself failed.
    ok: expected === undefined ? result.verdict !== 'IE' : result.verdict === expected,
    score: result.score,
    maxScore: result.maxScore,
    cpuMs: result.cpuMs,
    maxMemoryKb: result.maxMemoryKb,
  };
  if (expected !== undefined) outcome.expected = expected;
  const message = describeResult(result);
  if (message !== undefined) outcome.message = message;
  return outcome;
}

function describeResult(result: JudgeResult): string | undefined {
  if (result.internalError !== undefined) return `${result.internalError.culprit}: ${result.internalError.message}`;
  if (result.verdict === 'CE') return oneLine(result.compileOutput, 200) || 'compile error';
  const failed = result.tests.find((t) => t.verdict !== 'AC');
  return failed === undefined ? undefined : `${failed.name}: ${failed.message ?? failed.verdict}`;
}

/** The outcomes as a table for people, with a summary line. */
export function renderOutcomes(outcomes: readonly VerifyOutcome[]): string {
  const colors = colorsFor(process.stdout);
  const table = new Table({
    head: ['problem', 'submission', 'expected', 'got', 'time', 'memory', ''],
    style: PLAIN_TABLE_STYLE,
  });
  for (const o of outcomes) {
    table.push([
      o.problem,
      o.submission,
      o.expected ?? '-',
      paintVerdict(colors, o.verdict),
      formatMs(o.cpuMs),
      formatKb(o.maxMemoryKb),
      o.ok ? colors.green('ok') : colors.red(`MISMATCH ${oneLine(o.message, 60)}`),
    ]);
  }
  const bad = outcomes.filter((o) => !o.ok).length;
  const summary = bad === 0
    ? colors.green(`all ${outcomes.length} submissions got their expected verdict`)
    : colors.red(`${bad} of ${outcomes.length} submissions did not get their expected verdict`);
  return `${table.toString()}\n${summary}`;
}
