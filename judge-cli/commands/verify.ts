import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { Command } from 'commander';
import type { JudgeResult } from '../../common/judge-result.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Verdict } from '../../common/verdict.js';
import { checkExpectation, expectationOf } from '../../common/problem/expected-results.js';
import { adviseTimeLimit } from '../time-limit-advice.js';
import type { Judge } from '../../executor/judge.js';
import type { ProblemPackage, ReferenceSubmission } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { CliError } from '../cli-error.js';
import { colorsFor, formatKb, formatMs, oneLine, paintVerdict, PLAIN_TABLE_STYLE } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addPoolOptions, type PoolCliOptions } from '../pool-options.js';
import { readSubmissionFiles } from '../read-submission-files.js';
import { startJudge } from '../start-judge.js';
import { testOrder } from '../../executor/judging/score-groups.js';
import { renderInputValidation, verifyInputs, withoutInputValidators, type VerifyInputs } from '../verify-inputs.js';

interface VerifyCliOptions extends PoolCliOptions {
  json?: boolean;
  /** false with --no-input-validation: the input validators are not run. */
  inputValidation?: boolean;
}

/** One reference submission and how it fared. */
export interface VerifyOutcome {
  problem: string;
  /** Path below the package, e.g. `submissions/accepted/hello.py`. */
  submission: string;
  language: string;
  /**
   * Verdicts that count as expected: its folder's (common/problem/expected-results.ts) or its
   * `@EXPECTED_RESULTS@:` comment's; absent for a folder juez does not check.
   */
  expected?: Verdict[];
  /** The score it must get (`@EXPECTED_SCORE@:`), for scoring problems. */
  expectedScore?: number;
  verdict: Verdict;
  ok: boolean;
  /** Scores mean something only for scoring problems (a pass-fail one scores 1 for AC). */
  scoring: boolean;
  score: number;
  maxScore: number;
  cpuMs: number;
  /** CPU time of its slowest test case, ms (what the format derives time limits from). */
  slowestTestMs: number;
  maxMemoryKb: number;
  /** Why it went wrong: the first failed test's message, or the internal error. */
  message?: string;
  /** Why it is not what was expected. */
  mismatch?: string;
}

/** What under submissions/ was not judged, and why (common/problem/read-reference-submissions.ts). */
export interface VerifyUnjudged {
  problem: string;
  submission: string;
  kind: 'skipped' | 'ignored';
  reason: string;
}

/**
 * Everything verify found: outcomes, what it did not judge, how the test inputs fared with the input
 * validators (one entry per package; none with --no-input-validation), and the packages' warnings.
 */
export interface VerifyReport {
  ok: boolean;
  outcomes: VerifyOutcome[];
  unjudged: VerifyUnjudged[];
  inputValidation: VerifyInputs[];
  warnings: { problem: string; message: string }[];
}

/**
 * `judge-cli verify <problem-dir...>`: judges every reference submission of every package (in parallel, up
 * to the pool size) and checks that each gets the verdict of its directory. Exits 0 when all match, 1 on
 * any mismatch, 2 when it could not verify (bad package, no Docker).
 */
export function verifyCommand(): Command {
  const command = new Command('verify')
    .description("judge every submission under submissions/ and check it gets its folder's verdict (and its @EXPECTED_SCORE@)")
    .argument('<problem-dir...>', 'problem package directories')
    .option('--json', 'print the outcome as one JSON object')
    .option('--no-input-validation', "do not run the package's input validators on its test inputs")
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli verify problems/hello',
        'judge-cli verify problems/* --pool-size 4',
        'judge-cli verify problems/aplusb --json | jq \'.outcomes[] | select(.ok | not)\'',
      ),
    )
    .addHelpText(
      'after',
      "\nSources in languages this installation lacks, or that problem.yaml's languages does not allow, are\n" +
        'listed as skipped, other files (notes, .gitkeep) as ignored; neither fails the package.\n' +
        '\nExit status: 0 every submission got its expected verdict, 1 a mismatch, 2 could not verify (bad package,\nno Docker).',
    )
    .addHelpText(
      'after',
      '\nThe input validators (input_validators/) run on every test input first: an input one rejects (exit 43)\n' +
        'or a validator that fails (another exit code, a crash, a limit) fails verify too.',
    )
    .action(async (dirs: string[], options: VerifyCliOptions) => {
      process.exitCode = await verify(dirs, options);
    });
  return addPoolOptions(command);
}

async function verify(dirs: string[], options: VerifyCliOptions): Promise<number> {
  const report = await verifyPackages(dirs, { ...options, quiet: options.json === true });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(`${renderReport(report)}\n`);
  }
  return report.ok ? 0 : 1;
}

/**
 * Runs every package's input validators on its test inputs (unless `inputValidation` is false), judges every
 * reference submission of every package in `dirs` (a progress bar on a terminal unless `quiet`) and returns
 * how each fared, in package and submission order. `judge-cli problem push` runs it too.
 * @throws ProblemPackageError (or an AggregateError of them) for invalid packages, CliError when nothing can be judged.
 */
export async function verifyPackages(
  dirs: readonly string[],
  options: PoolCliOptions & { quiet?: boolean; inputValidation?: boolean },
): Promise<VerifyReport> {
  // Every package is read before anything runs, so that all broken packages are reported at once.
  const settled = await Promise.allSettled(dirs.map((dir) => readProblemPackage(dir)));
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures, 'several packages are invalid');
  const problems = settled.map((s) => (s as PromiseFulfilledResult<ProblemPackage>).value);
  const jobs = problems.flatMap((problem) => problem.submissions.map((submission) => ({ problem, submission })));
  const unjudged = problems.flatMap((problem) =>
    problem.unjudged.map((u) => ({ problem: problem.shortName, submission: u.name, kind: u.kind, reason: u.reason })),
  );
  const warnings = problems.flatMap((problem) =>
    problem.warnings.map((w) => ({ problem: problem.shortName, message: `${relativeTo(problem.dir, w.file)}: ${w.message}` })),
  );
  // One entry per package, in package order; packages with input validators get theirs when they have run.
  const validate = options.inputValidation !== false;
  const inputValidation = validate ? problems.map((problem) => withoutInputValidators(problem, testOrder(problem).length)) : [];
  const validating = validate ? problems.flatMap((problem, index) => (problem.inputValidators.length > 0 ? [{ problem, index }] : [])) : [];
  if (jobs.length === 0 && unjudged.length === 0 && validating.length === 0) {
    throw new CliError(`no reference submissions under ${dirs.map((d) => `${d}/submissions`).join(', ')}`);
  }
  // Every submission skipped (a package whose solutions are all in other languages) and no input to validate.
  if (jobs.length === 0 && validating.length === 0) return { ok: true, outcomes: [], unjudged, inputValidation, warnings };

  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const running = await startJudge(options, jobs.length + validating.length, log);
  const bar = process.stderr.isTTY && options.quiet !== true
    ? new cliProgress.SingleBar({ format: 'verifying [{bar}] {value}/{total} {last}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  const outcomes: VerifyOutcome[] = new Array(jobs.length);
  // Input validation first: a malformed test file explains mismatches that come after it.
  const tasks = [
    ...validating.map(({ problem, index }) => async (): Promise<string> => {
      inputValidation[index] = await verifyInputs(problem, running.judge, running.signal);
      return `${problem.shortName} inputs`;
    }),
    ...jobs.map((job, index) => async (): Promise<string> => {
      outcomes[index] = await verifySubmission(job.problem, job.submission, running.judge, running.signal);
      return `${job.problem.shortName}/${job.submission.name}`;
    }),
  ];
  bar?.start(tasks.length, 0, { last: '' });
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < tasks.length) {
        const last = await tasks[next++]!();
        bar?.increment({ last });
      }
    };
    await Promise.all(Array.from({ length: running.size }, worker));
  } finally {
    bar?.stop();
    await running.stop();
  }
  for (const problem of problems) {
    const advice = adviseTimeLimit(problem.limits, outcomes.filter((o) => o.problem === problem.shortName));
    if (advice !== undefined) warnings.push({ problem: problem.shortName, message: advice });
  }
  return { ok: outcomes.every((o) => o.ok) && inputValidation.every((i) => i.ok), outcomes, unjudged, inputValidation, warnings };
}


function relativeTo(dir: string, file: string): string {
  const relative = path.relative(dir, path.resolve(file));
  return relative === '' || relative.startsWith('..') ? path.basename(file) : relative.split(path.sep).join('/');
}

async function verifySubmission(
  problem: ProblemPackage,
  reference: ReferenceSubmission,
  judge: Judge,
  signal: AbortSignal,
): Promise<VerifyOutcome> {
  const sources = await Promise.all(reference.files.map(async (file) => ({ name: path.basename(file), text: await readFile(file, 'utf8') })));
  const expectation = expectationOf(reference.category, sources);
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
    ok: false,
    scoring: problem.type === 'scoring',
    score: result.score,
    maxScore: result.maxScore,
    cpuMs: result.cpuMs,
    slowestTestMs: Math.max(0, ...result.tests.map((t) => t.cpuMs)),
    maxMemoryKb: result.maxMemoryKb,
  };
  // A folder juez does not check cannot fail, unless judging itself failed.
  const check = checkExpectation(expectation, problem.type, result);
  outcome.ok = check.ok;
  if (check.why !== undefined) outcome.mismatch = check.why;
  if (expectation.verdicts !== undefined) outcome.expected = [...expectation.verdicts];
  if (expectation.score !== undefined) outcome.expectedScore = expectation.score;
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

/**
 * The report as a table for people: judged, skipped and ignored submissions, how the inputs fared with the
 * input validators, warnings, a summary line.
 */
export function renderReport(report: VerifyReport): string {
  const colors = colorsFor(process.stdout);
  const table = new Table({
    head: ['problem', 'submission', 'expected', 'got', 'score', 'time', 'memory', ''],
    style: PLAIN_TABLE_STYLE,
  });
  for (const o of report.outcomes) {
    table.push([
      o.problem,
      o.submission,
      o.expected?.join('/') ?? '-',
      paintVerdict(colors, o.verdict),
      o.scoring ? `${formatScore(o.score)}${o.expectedScore === undefined ? '' : ` (want ${formatScore(o.expectedScore)})`}` : '',
      formatMs(o.cpuMs),
      formatKb(o.maxMemoryKb),
      o.ok ? colors.green('ok') : colors.red(`MISMATCH ${oneLine(o.mismatch ?? o.message, 70)}`),
    ]);
  }
  for (const u of report.unjudged) {
    table.push([u.problem, u.submission, '-', u.kind, '', '', '', colors.yellow(oneLine(u.reason, 70))]);
  }
  const lines = [table.toString(), ...renderInputValidation(report.inputValidation, colors)];
  for (const w of report.warnings) lines.push(colors.yellow(`warning: ${w.problem}: ${w.message}`));
  const bad = report.outcomes.filter((o) => !o.ok).length;
  const total = report.outcomes.length;
  const count = (kind: 'skipped' | 'ignored'): number => report.unjudged.filter((u) => u.kind === kind).length;
  const notJudged = report.unjudged.length === 0 ? '' : ` (${count('skipped')} skipped, ${count('ignored')} ignored)`;
  lines.push(bad === 0
    ? colors.green(`all ${total} submissions got their expected verdict${notJudged}`)
    : colors.red(`${bad} of ${total} submissions did not get their expected verdict${notJudged}`));
  return lines.join('\n');
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
