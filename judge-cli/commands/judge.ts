import { Command, InvalidArgumentError } from 'commander';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { colorsFor } from '../format.js';
import { examplesHelp } from '../help-examples.js';
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
export function judgeCommand(): Command {
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
    .addHelpText('after', '\nExit status: 0 judged (whatever the verdict), 2 could not judge (bad arguments or package, no Docker,\nan internal error).')
    .action(async (problemDir: string, files: string[], options: JudgeCliOptions) => {
      process.exitCode = await judge(problemDir, files, options);
    });
  return addPoolOptions(command);
}

async function judge(problemDir: string, paths: string[], options: JudgeCliOptions): Promise<number> {
  const problem = await readProblemPackage(problemDir);
  const submission = await readSubmissionFiles(paths, options.language);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const running = await startJudge(options, 1, log);
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

