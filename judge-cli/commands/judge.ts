import { Command, InvalidArgumentError } from 'commander';
import { describeDisallowed } from '../../common/problem/allowed-languages.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { checkCodeSize } from '../../executor/judging/check-code-size.js';
import { readInstallationLimits } from '../installation-limits-env.js';
import type { Environment } from '../server-options.js';
import { colorsFor } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { CliError } from '../cli-error.js';
import { addPoolOptions, parsePositiveNumber, type PoolCliOptions } from '../pool-options.js';
import { readSubmissionFiles } from '../read-submission-files.js';
import { renderJudgeResult } from '../render-judge-result.js';
import { startJudge } from '../start-judge.js';

interface JudgeCliOptions extends PoolCliOptions {
  language?: string;
  timeLimit?: number;
  memoryLimit?: number;
  json?: boolean;
}

/**
 * `judge-cli judge <problem-dir> <file...>`: judges one submission and prints a per-test table (or the
 * JudgeResult as one JSON object with --json). Exits 0 whenever it judged, whatever the verdict; 2 when
 * it could not judge (bad arguments or package, no Docker, an internal error).
 */
export function judgeCommand(env: Environment): Command {
  const command = new Command('judge')
    .description('judge one submission (several files or a directory make a multi-file submission)')
    .argument('<problem-dir>', 'problem package directory')
    .argument('<file...>', 'source files, or a directory of them')
    .option('-l, --language <id>', 'language id (default: inferred from the file extensions)')
    .option('-t, --time-limit <seconds>', 'override the CPU time limit per test case', parsePositiveNumber)
    .option('-m, --memory-limit <MiB>', 'override the memory limit', parsePositiveInteger)
    .option('--json', 'print the result as one JSON object')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli judge problems/hello hello.py',
        'judge-cli judge problems/aplusb src/ --language cpp --time-limit 2',
        'judge-cli judge problems/hello Hello.java --json > result.json',
      ),
    )
    .addHelpText(
      'after',
      "\nLimits: the package's, lowered to the installation maxima JUEZ_MAX_MEMORY_MB, JUEZ_MAX_OUTPUT_MB,\n" +
        'JUEZ_MAX_CODE_KB, JUEZ_MAX_TIME_LIMIT_S, ... (see docs/configuration.md). A submission over the\n' +
        "problem's code size limit (limits.code, default 128 KiB), or in a language problem.yaml's languages\n" +
        'does not allow, is refused, not judged (exit 2).',
    )
    .addHelpText('after', '\nExit status: 0 judged (whatever the verdict), 2 could not judge (bad arguments or package, no Docker,\nan internal error).')
    .action(async (problemDir: string, files: string[], options: JudgeCliOptions) => {
      process.exitCode = await judge(problemDir, files, options, env);
    });
  return addPoolOptions(command);
}

async function judge(problemDir: string, paths: string[], options: JudgeCliOptions, env: Environment): Promise<number> {
  // The same maxima as the services (JUEZ_MAX_MEMORY_MB, ...), so that a package judges here as it would there.
  const installation = readInstallationLimits(env);
  const problem = await readProblemPackage(problemDir, { installation });
  const submission = await readSubmissionFiles(paths, options.language);
  // Refused as the dispatcher refuses it (422 language_not_allowed): not a verdict, nothing is judged.
  const allowed = problem.allowedLanguages;
  if (allowed !== undefined && !allowed.ids.includes(submission.languageId)) throw new CliError(describeDisallowed(allowed, submission.languageId));
  checkCodeSize(submission.files, problem.limits.codeKb);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const running = await startJudge({ ...options, installation }, 1, log);
  try {
    const result = await running.judge.judge(problem, submission, {
      signal: running.signal,
      ...(options.timeLimit === undefined ? {} : { timeLimitMs: Math.round(options.timeLimit * 1000) }),
      ...(options.memoryLimit === undefined ? {} : { memoryMb: options.memoryLimit }),
    });
    if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`${renderJudgeResult(result, colorsFor(process.stdout))}\n`);
    if (result.verdict === 'IE') {
      if (options.json === true) log(`judge-cli: internal error (${result.internalError?.culprit}): ${result.internalError?.message}`);
      return 2;
    }
    return 0;
  } finally {
    await running.stop();
  }
}

function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return value;
}

