import { Command, InvalidArgumentError } from 'commander';
import { SUBMISSION_STATUSES } from '../../common/submission.js';
import { VERDICTS } from '../../common/verdict.js';
import type { RejudgeReport } from '../api-views.js';
import { examplesHelp } from '../help-examples.js';
import { addServerOptions, connectToServer, SERVER_EXIT_CODES, type Environment } from '../server-options.js';

interface RejudgeCliOptions {
  status?: string[];
  verdict?: string[];
  user?: string;
  since?: string;
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * `judge-cli rejudge <problem>`: judges the problem's submissions again against its latest version (course
 * staff), all of them or those matching the filters; only judged (`done`) ones can be rejudged, the rest
 * are counted as skipped. Exits 0 when the rejudge was queued.
 */
export function rejudgeCommand(env: Environment): Command {
  const command = new Command('rejudge')
    .description("rejudge a problem's submissions against its latest version (course staff)")
    .argument('<problem>', 'problem id')
    .option('--status <list>', `only submissions in these states (comma-separated: ${SUBMISSION_STATUSES.join(', ')})`, listOf(SUBMISSION_STATUSES))
    .option('--verdict <list>', 'only submissions with these verdicts (comma-separated, e.g. WA,TLE)', listOf(VERDICTS))
    .option('--user <id>', "only this user's submissions")
    .option('--since <time>', 'only submissions created at or after (ISO 8601, e.g. 2025-03-01T00:00:00Z)', parseTime)
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli rejudge hello',
        'judge-cli rejudge aplusb --verdict WA,TLE --since 2025-03-01T00:00:00Z',
        'judge-cli rejudge hello --user alice --json',
      ),
    )
    .addHelpText('after', SERVER_EXIT_CODES)
    .action(async (problemId: string, options: RejudgeCliOptions) => {
      const client = await connectToServer(options, env);
      const report = await client.post<RejudgeReport>(`/api/v1/problems/${encodeURIComponent(problemId)}/rejudge`, {
        ...(options.status !== undefined && { status: options.status }),
        ...(options.verdict !== undefined && { verdict: options.verdict }),
        ...(options.user !== undefined && { userId: options.user }),
        ...(options.since !== undefined && { since: options.since }),
      });
      // No progress bar: the server only queues the rejudge and answers at once with the counts; the judging
      // itself happens later on the executors ('judge-cli status <id>' follows one submission).
      if (options.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        process.stdout.write(
          `rejudging ${report.problemId} against version ${report.problemVersion}: ${report.matched} matched, ${report.queued} queued, ${report.skipped} skipped (not judged yet)${(report.unavailable ?? 0) > 0 ? `, ${report.unavailable} kept (their language is not available now)` : ''}\n`,
        );
      }
      process.exitCode = 0;
    });
  return addServerOptions(command);
}

/** A commander parser for a comma-separated list of words from `allowed`. */
function listOf(allowed: readonly string[]): (text: string) => string[] {
  return (text) => {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const bad = items.filter((item) => !allowed.includes(item));
    if (items.length === 0 || bad.length > 0) throw new InvalidArgumentError(`expected some of ${allowed.join(', ')}`);
    return items;
  };
}

function parseTime(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected a date and time such as 2025-03-01T00:00:00Z');
  return new Date(ms).toISOString();
}
