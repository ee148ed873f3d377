import cliProgress from 'cli-progress';
import { Command } from 'commander';
import type { SubmissionView } from '../api-views.js';
import { colorsFor } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { followSubmission, type FollowHandlers } from '../follow-submission.js';
import { parsePositiveNumber } from '../pool-options.js';
import { readSubmissionFiles } from '../read-submission-files.js';
import { describeStatus, renderSubmission } from '../render-submission.js';
import { addServerOptions, connectToServer, SERVER_EXIT_CODES, type Environment } from '../server-options.js';

interface SubmitCliOptions {
  language?: string;
  wait?: boolean;
  timeout: number;
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * `judge-cli submit <problem> <file...>`: submits to the server. Without --wait it prints the id and exits;
 * with --wait it follows the judging live (k/n tests) and prints the verdict table (`judge-cli judge`'s).
 * Exits 0 when submitted, or with --wait when it got a verdict; 2 otherwise (also for an internal error
 * verdict, as `judge-cli judge` does: the judge failed, not the program).
 */
export function submitCommand(env: Environment): Command {
  const command = new Command('submit')
    .description('submit a solution to the server (with --wait: follow it and print the verdict)')
    .argument('<problem>', 'problem id')
    .argument('<file...>', 'source files, or a directory of them')
    .option('-l, --language <id>', 'language id (default: inferred from the file extensions)')
    .option('-w, --wait', 'follow the judging live and print the verdict')
    .option('--timeout <seconds>', 'with --wait: give up after this long', parsePositiveNumber, 600)
    .option('--json', 'print the submission as one JSON object (with --wait: the judged one)')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli submit hello main.py --wait',
        'judge-cli submit aplusb src/ --language cpp',
        'judge-cli submit hello Hello.java --wait --timeout 120 --json',
      ),
    )
    .addHelpText('after', SERVER_EXIT_CODES)
    .action(async (problemId: string, files: string[], options: SubmitCliOptions) => {
      process.exitCode = await submit(problemId, files, options, env);
    });
  return addServerOptions(command);
}

async function submit(problemId: string, paths: string[], options: SubmitCliOptions, env: Environment): Promise<number> {
  const submission = await readSubmissionFiles(paths, options.language);
  const client = await connectToServer(options, env);
  const created = await client.post<SubmissionView>('/api/v1/submissions', {
    problemId,
    languageId: submission.languageId,
    files: submission.files.map((file) => ({ name: file.name, content: file.content.toString('utf8') })),
  });
  if (options.wait !== true) {
    if (options.json === true) process.stdout.write(`${JSON.stringify(created)}\n`);
    else process.stdout.write(`submitted ${created.id} (${created.problemId}, ${created.languageId}): ${created.status}; 'judge-cli status ${created.id}' follows it\n`);
    return 0;
  }

  if (options.json !== true) process.stderr.write(`submitted ${created.id} (${created.problemId}, ${created.languageId})\n`);
  const progress = options.json === true ? undefined : showProgress(created.id);
  let final: SubmissionView;
  try {
    final = await followSubmission(client, created.id, progress?.handlers ?? {}, options.timeout * 1000);
  } finally {
    progress?.stop();
  }
  if (options.json === true) process.stdout.write(`${JSON.stringify(final)}\n`);
  else process.stdout.write(`${renderSubmission(final, colorsFor(process.stdout))}\n`);
  if (final.status === 'cancelled') {
    process.stderr.write(`judge-cli: ${final.id} was cancelled before it was judged\n`);
    return 2;
  }
  return final.result?.verdict === 'IE' ? 2 : 0;
}

/** Live progress on stderr: a bar on a terminal, one line per change otherwise (logs, CI). */
function showProgress(id: string): { handlers: FollowHandlers; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'judging [{bar}] {value}/{total} tests  {status}', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let last = { done: 0, total: 0 };
    const update = (done: number, total: number, status: string): void => {
      last = { done, total };
      if (!started) {
        bar.start(Math.max(total, 1), done, { status });
        started = true;
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { status });
      }
    };
    return {
      handlers: {
        onState: (s) => update(s.progress?.done ?? 0, s.progress?.total ?? 0, s.status),
        onStatus: (status) => update(last.done, last.total, status),
        onProgress: (done, total) => update(done, total, 'judging'),
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  const say = (line: string): void => void process.stderr.write(`${id}: ${line}\n`);
  return {
    handlers: {
      onState: (s) => say(describeStatus(s)),
      onStatus: (status, round) => say(describeStatus({ status: status as SubmissionView['status'], round })),
      onProgress: (done, total) => say(`${done}/${total} tests`),
    },
    stop: () => undefined,
  };
}
