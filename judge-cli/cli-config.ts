/**
 * Where judge-cli's server commands find the juez server and their token: `--url` / `--token` first, then
 * JUEZ_URL / JUEZ_TOKEN, then the file `judge-cli login` saved (`$JUEZ_CLI_CONFIG`, default
 * `~/.config/juez/cli.json`, mode 0600 because it holds a bearer token).
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { loadConfig, parsers, type ConfigOf } from '../common/config-table.js';
import { CliError } from './cli-error.js';

/** Environment variables the server commands read (main.ts passes process.env in). */
export const CLI_SERVER_ENV_TABLE = {
  url: { name: 'JUEZ_URL', description: 'juez server URL (overrides the saved login)', default: undefined as string | undefined, parse: parsers.url(['http:', 'https:']) },
  token: { name: 'JUEZ_TOKEN', description: 'bearer token (overrides the saved login)', default: undefined as string | undefined, parse: parsers.string, secret: true },
  configFile: {
    name: 'JUEZ_CLI_CONFIG',
    description: 'file where `judge-cli login` saves the URL and token',
    default: path.join(homedir(), '.config', 'juez', 'cli.json'),
    parse: parsers.string,
  },
};

export type CliServerEnv = ConfigOf<typeof CLI_SERVER_ENV_TABLE>;

/** What the config file holds. */
export interface SavedLogin {
  url: string;
  token: string;
}

/** The server and token a command talks to. */
export interface ServerTarget {
  url: string;
  token: string;
}

/** `--url` and `--token`, which every server command takes. */
export interface ServerCliOptions {
  url?: string;
  token?: string;
}

/** @throws ConfigError when JUEZ_URL is not an http(s) URL. */
export function loadCliServerEnv(env: Readonly<Record<string, string | undefined>>): CliServerEnv {
  return loadConfig(CLI_SERVER_ENV_TABLE, env);
}

/**
 * The saved login, or undefined when there is no config file.
 * @throws CliError when the file exists but cannot be read or is not what `login` writes.
 */
export async function readSavedLogin(file: string): Promise<Partial<SavedLogin> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`${file}: cannot read the config file: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${file}: the config file is not JSON; run 'judge-cli login' again`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new CliError(`${file}: the config file is not a JSON object`);
  const { url, token } = parsed as Record<string, unknown>;
  return { ...(typeof url === 'string' && { url }), ...(typeof token === 'string' && { token }) };
}

/**
 * Saves the login with mode 0600 (directory 0700), atomically: a crash never leaves half a file.
 * @throws CliError when the file cannot be written.
 */
export async function saveLogin(file: string, login: SavedLogin): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
    // writeFile's mode only applies to a new file, and the umask may have narrowed it.
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (error) {
    throw new CliError(`${file}: cannot save the login: ${(error as Error).message}`);
  }
}

/**
 * The server and token for a command, from its options, the environment and the saved login, in that order.
 * @throws CliError naming every way to give what is missing.
 */
export async function resolveServer(options: ServerCliOptions, env: CliServerEnv): Promise<ServerTarget> {
  const needsFile = (options.url ?? env.url) === undefined || (options.token ?? env.token) === undefined;
  const saved = needsFile ? await readSavedLogin(env.configFile) : undefined;
  const url = options.url ?? env.url ?? saved?.url;
  const token = options.token ?? env.token ?? saved?.token;
  if (url === undefined) {
    throw new CliError("no juez server: run 'judge-cli login <url> --token <token>', set JUEZ_URL, or pass --url");
  }
  if (token === undefined) {
    throw new CliError("no token: run 'judge-cli login <url> --token <token>', set JUEZ_TOKEN, or pass --token");
  }
  return { url: normalizeServerUrl(url), token };
}

/**
 * `https://juez.example/` → `https://juez.example`; a path prefix (a reverse proxy) is kept.
 * @throws CliError when `url` is not an http(s) URL.
 */
export function normalizeServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`'${url}' is not a URL (expected e.g. https://juez.example.edu)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`'${url}' is not an http(s) URL`);
  if (parsed.search !== '' || parsed.hash !== '') throw new CliError(`'${url}': give the server URL without a query or fragment`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
