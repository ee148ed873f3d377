import { Command } from 'commander';
import jwt from 'jsonwebtoken';
import { ApiClient } from '../api-client.js';
import type { LanguagesView } from '../api-views.js';
import { loadCliServerEnv, normalizeServerUrl, saveLogin } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { examplesHelp } from '../help-examples.js';
import type { Environment } from '../server-options.js';

interface LoginCliOptions {
  token?: string;
  json?: boolean;
}

/**
 * `judge-cli login <url> --token T`: asks the server whether it takes the token (GET /api/v1/languages
 * needs a valid one) and only then saves URL and token for the other server commands. Exits 0 when saved,
 * 2 when the server refused the token or could not be reached (nothing is saved then).
 */
export function loginCommand(env: Environment): Command {
  return new Command('login')
    .description('check a token against a juez server, then save both for the other commands')
    .argument('<url>', 'server URL, e.g. https://juez.example.edu')
    .option('--token <token>', 'bearer token (default: $JUEZ_TOKEN); get one from your course staff or `judge-cli token`')
    .option('--json', 'print what was saved as one JSON object (without the token)')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli login https://juez.example.edu --token eyJhbGciOi...',
        'JUEZ_TOKEN=eyJhbGciOi... judge-cli login https://juez.example.edu',
        'judge-cli login http://localhost:3000 --token "$(judge-cli token --sub alice --role instructor --courses cs101)" --json',
      ),
    )
    .addHelpText('after', '\nExit status: 0 saved, 2 not saved (the server refused the token or was unreachable).\nThe file is $JUEZ_CLI_CONFIG, default ~/.config/juez/cli.json (mode 0600).')
    .action(async (url: string, options: LoginCliOptions) => {
      process.exitCode = await login(url, options, env);
    });
}

async function login(rawUrl: string, options: LoginCliOptions, env: Environment): Promise<number> {
  const serverEnv = loadCliServerEnv(env);
  const token = options.token ?? serverEnv.token;
  if (token === undefined) throw new CliError('login needs a token: --token <token> or JUEZ_TOKEN');
  const url = normalizeServerUrl(rawUrl);
  const languages = await new ApiClient({ url, token }).get<LanguagesView>('/api/v1/languages');
  await saveLogin(serverEnv.configFile, { url, token });

  const claims = readClaims(token);
  const summary = {
    url,
    configFile: serverEnv.configFile,
    ...claims,
    languages: languages.items.map((language) => language.id),
  };
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const who = claims.sub === undefined ? '' : ` as ${claims.sub} (${claims.role ?? 'no role'}${claims.courses?.length ? `, courses ${claims.courses.join(', ')}` : ''})`;
    const expiry = claims.expiresAt === undefined ? '' : `; the token expires ${claims.expiresAt}`;
    process.stdout.write(`logged in to ${url}${who}; saved in ${serverEnv.configFile}${expiry}\n`);
  }
  return 0;
}

/** What the token says about its holder (already checked by the server; shown, not trusted). */
function readClaims(token: string): { sub?: string; role?: string; courses?: string[]; expiresAt?: string } {
  const payload = jwt.decode(token, { json: true });
  if (payload === null) return {};
  return {
    ...(typeof payload.sub === 'string' && { sub: payload.sub }),
    ...(typeof payload['role'] === 'string' && { role: payload['role'] as string }),
    ...(Array.isArray(payload['courses']) && { courses: (payload['courses'] as unknown[]).map(String) }),
    ...(typeof payload.exp === 'number' && { expiresAt: new Date(payload.exp * 1000).toISOString() }),
  };
}
