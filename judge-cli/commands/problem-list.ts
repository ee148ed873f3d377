import Table from 'cli-table3';
import { Command } from 'commander';
import type { ProblemSummary } from '../api-views.js';
import { colorsFor, PLAIN_TABLE_STYLE } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addServerOptions, connectToServer, SERVER_EXIT_CODES, type Environment } from '../server-options.js';

interface ProblemListCliOptions {
  course?: string;
  includeDeleted?: boolean;
  json?: boolean;
  url?: string;
  token?: string;
}

/** `judge-cli problem list`: the problems of the token's courses (every course for an admin). Exits 0 when listed. */
export function problemListCommand(env: Environment): Command {
  const command = new Command('list')
    .description("list the problems of your courses")
    .option('--course <id>', 'only this course')
    .option('--include-deleted', 'course staff: also deleted problems')
    .option('--json', 'print {items} as one JSON object')
    .addHelpText(
      'after',
      examplesHelp('judge-cli problem list', 'judge-cli problem list --course cs101 --include-deleted', "judge-cli problem list --json | jq -r '.items[].id'"),
    )
    .addHelpText('after', SERVER_EXIT_CODES)
    .action(async (options: ProblemListCliOptions) => {
      const client = await connectToServer(options, env);
      const { items } = await client.get<{ items: ProblemSummary[] }>('/api/v1/problems', {
        course: options.course,
        ...(options.includeDeleted === true && { includeDeleted: true }),
      });
      if (options.json === true) process.stdout.write(`${JSON.stringify({ items })}\n`);
      else process.stdout.write(`${renderProblems(items)}\n`);
      process.exitCode = 0;
    });
  return addServerOptions(command);
}

function renderProblems(items: readonly ProblemSummary[]): string {
  if (items.length === 0) return 'no problems';
  const colors = colorsFor(process.stdout);
  const table = new Table({ head: ['id', 'course', 'name', 'version', 'updated', ''], style: PLAIN_TABLE_STYLE });
  for (const p of items) table.push([p.id, p.courseId, p.name, String(p.latestVersion), p.updatedAt, p.deleted === true ? colors.red('deleted') : '']);
  return table.toString();
}
