import { Command } from 'commander';
import type { SubmissionView } from '../api-views.js';
import { colorsFor } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { renderSubmission } from '../render-submission.js';
import { addServerOptions, connectToServer, SERVER_EXIT_CODES, type Environment } from '../server-options.js';

interface StatusCliOptions {
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * `judge-cli status <id>`: where a submission stands, and its verdict table once judged (as much as the
 * token may see: students get hidden tests as verdict, time and memory only). Exits 0 when it was read.
 */
export function statusCommand(env: Environment): Command {
  const command = new Command('status')
    .description('show a submission and, once judged, its verdict table')
    .argument('<id>', 'submission id (as printed by submit)')
    .option('--json', 'print the submission as one JSON object')
    .addHelpText('after', examplesHelp('judge-cli status sq3V9xK2mLp7RtYb1Hc0aW', "judge-cli status sq3V9xK2mLp7RtYb1Hc0aW --json | jq '.result.verdict'"))
    .addHelpText('after', SERVER_EXIT_CODES)
    .action(async (id: string, options: StatusCliOptions) => {
      const client = await connectToServer(options, env);
      const submission = await client.get<SubmissionView>(`/api/v1/submissions/${encodeURIComponent(id)}`);
      if (options.json === true) process.stdout.write(`${JSON.stringify(submission)}\n`);
      else process.stdout.write(`${renderSubmission(submission, colorsFor(process.stdout))}\n`);
      process.exitCode = 0;
    });
  return addServerOptions(command);
}
