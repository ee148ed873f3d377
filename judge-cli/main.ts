#!/usr/bin/env node
/**
 * judge-cli: judge submissions against problem packages on this machine, in the same sandboxes as the
 * executor service, and work with a juez server (login, problems, submissions). Failures are reported as
 * one line each (`judge-cli: <what>`), never a stack trace; exit status 2 means "could not do it" (see each
 * command for the rest).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../common/config-table.js';
import { LanguagesFileError } from '../common/languages.js';
import { InvalidSubmissionError } from '../executor/judging/invalid-submission-error.js';
import { ProblemPackageError } from '../common/problem/problem-package-error.js';
import { ApiError } from './api-client.js';
import { CliError } from './cli-error.js';
import { examplesHelp } from './help-examples.js';
import { judgeCommand } from './commands/judge.js';
import { languagesCommand } from './commands/languages.js';
import { loginCommand } from './commands/login.js';
import { problemListCommand } from './commands/problem-list.js';
import { problemPullCommand } from './commands/problem-pull.js';
import { problemPushCommand } from './commands/problem-push.js';
import { rejudgeCommand } from './commands/rejudge.js';
import { statusCommand } from './commands/status.js';
import { submitCommand } from './commands/submit.js';
import { tokenCommand } from './commands/token.js';
import { verifyCommand } from './commands/verify.js';

/** Exit status when judge-cli could not do what it was asked. */
const FAILED = 2;

const env = process.env;
const program = new Command('judge-cli')
  .description('judge submissions against Kattis / ICPC problem packages in juez sandboxes, here or on a juez server')
  .addCommand(judgeCommand(env))
  .addCommand(verifyCommand())
  .addCommand(languagesCommand(env))
  .addCommand(loginCommand(env))
  .addCommand(tokenCommand(env))
  .addCommand(
    new Command('problem')
      .description('problems on the server')
      .addHelpText(
        'after',
        examplesHelp('judge-cli problem list --course cs101', 'judge-cli problem push problems/hello --course cs101', 'judge-cli problem pull hello --out hello-copy'),
      )
      .addCommand(problemPushCommand(env))
      .addCommand(problemListCommand(env))
      .addCommand(problemPullCommand(env)),
  )
  .addCommand(submitCommand(env))
  .addCommand(statusCommand(env))
  .addCommand(rejudgeCommand(env))
  .addHelpText(
    'after',
    examplesHelp(
      'judge-cli judge problems/hello hello.py',
      'judge-cli verify problems/*',
      'judge-cli submit hello main.py --wait',
    ),
  )
  .addHelpText('after', '\nExit status: 0 done, 1 a verdict or verification mismatch (verify, problem push), 2 could not do it.')
  .addHelpText(
    'after',
    "\nEvery command accepts --json: its result as one JSON object on stdout (progress and errors go to stderr).\n" +
      "Tables are coloured on a terminal and plain text otherwise (or with NO_COLOR set).\n" +
      "Configuration: 'judge-cli login' saves the server URL and token in $JUEZ_CLI_CONFIG, default\n" +
      '~/.config/juez/cli.json (mode 0600); JUEZ_URL / JUEZ_TOKEN and --url / --token override it.\n' +
      "Run 'judge-cli <command> --help' for a command's options, examples and exit status.",
  );
// addCommand does not pass settings on, so each command gets them: commander's own errors (a bad option
// value, a missing argument) are one `judge-cli: ...` line with a hint, and end up in reportFailure.
for (const command of allCommands(program)) {
  command
    .exitOverride()
    .showHelpAfterError(`(see ${commandPath(command)} --help)`)
    .configureOutput({ outputError: (text, write) => write(`judge-cli: ${text.replace(/^error: /, '')}`) });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** `judge-cli problem push`. */
function commandPath(command: Command): string {
  return command.parent === null ? command.name() : `${commandPath(command.parent)} ${command.name()}`;
}

/** Prints why judge-cli failed, one line per problem, and returns the exit status. */
function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the message (and the help for a usage error).
    return error.exitCode === 0 ? 0 : FAILED;
  }
  for (const line of describeFailure(error)) process.stderr.write(`judge-cli: ${line}\n`);
  return FAILED;
}

function describeFailure(error: unknown): string[] {
  if (error instanceof AggregateError) return error.errors.flatMap(describeFailure);
  if (error instanceof ProblemPackageError) return error.issues.map((issue) => `${issue.file}: ${issue.message}`);
  if (error instanceof LanguagesFileError) return error.problems.map((problem) => `${error.file}: ${problem}`);
  if (error instanceof ConfigError) return [...error.problems];
  if (error instanceof ApiError) return error.lines();
  if (error instanceof CliError || error instanceof InvalidSubmissionError) return [error.message];
  // Anything else is a bug or an environment failure: still one line, but say what kind of error it was.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [message.split('\n')[0] ?? message];
}
