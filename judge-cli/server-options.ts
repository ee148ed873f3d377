import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { loadCliServerEnv, resolveServer, type ServerCliOptions } from './cli-config.js';

/** The environment as main.ts hands it to the commands (process.env, or a test's own). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Exit status of the server commands, for their --help. */
export const SERVER_EXIT_CODES = `
Exit status: 0 done, 2 could not do it (bad arguments or configuration, server unreachable, an error
answered by the server: its code and message are printed on one line).

Server and token come from --url/--token, else JUEZ_URL/JUEZ_TOKEN, else the file 'judge-cli login' saved
($JUEZ_CLI_CONFIG, default ~/.config/juez/cli.json).`;

/** Adds --url and --token to a command that talks to the server. */
export function addServerOptions(command: Command): Command {
  return command
    .option('--url <url>', 'juez server URL (default: $JUEZ_URL, else the saved login)')
    .option('--token <token>', 'bearer token (default: $JUEZ_TOKEN, else the saved login)');
}

/**
 * A client for the server and token the command was given.
 * @throws CliError when no server or token is configured; ConfigError when JUEZ_URL is malformed.
 */
export async function connectToServer(options: ServerCliOptions, env: Environment): Promise<ApiClient> {
  return new ApiClient(await resolveServer(options, loadCliServerEnv(env)));
}
