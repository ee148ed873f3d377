/**
 * `node dist/tools/infra/local/prepare-examples.js --url <dispatcher> --course <id> <problem dir>...`: the last
 * step of `npm start`. Mints an admin and a student token with the dispatcher's own signing settings
 * (JUEZ_JWT_HS256_SECRET, JUEZ_JWT_ISSUER, JUEZ_JWT_AUDIENCE, read through the dispatcher's table rows, as
 * `judge-cli token` does), then loads the problem directories (see example-problems.ts). One process for
 * both, because each node start costs the script a second. Prints, one per line, for the script to read:
 *   admin_token=<jwt>
 *   student_token=<jwt>
 *   problem=<id> version <n> (uploaded | unchanged, not uploaded again)
 * Exits 2, with the reason on stderr, when a token cannot be signed or the server refuses a package.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../common/config-table.js';
import { signToken, TOKEN_SIGNING_CONFIG_ROWS } from '../../common/auth-token.js';
import { ApiClient, ApiError } from '../../judge-cli/api-client.js';
import { CliError } from '../../judge-cli/cli-error.js';
import { loadProblems } from './example-problems.js';

/** The printed tokens' lifetime. */
const TOKEN_LIFETIME_S = 7 * 24 * 3600;

const SIGNING_TABLE = {
  hs256Secret: TOKEN_SIGNING_CONFIG_ROWS.jwtHs256Secret,
  issuer: TOKEN_SIGNING_CONFIG_ROWS.jwtIssuer,
  audience: TOKEN_SIGNING_CONFIG_ROWS.jwtAudience,
};

async function prepareExamples(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, course: { type: 'string' } }, allowPositionals: true });
  if (values.url === undefined || values.course === undefined) throw new CliError('--url <dispatcher URL> and --course <id> are required');
  const signing = loadConfig(SIGNING_TABLE, process.env);
  if (signing.hs256Secret === undefined) throw new CliError('JUEZ_JWT_HS256_SECRET is not set: no token can be signed');
  const sign = (sub: string, role: 'admin' | 'student', courses: string[]): string =>
    signToken({ sub, role, courses }, { ...signing, expiresInS: TOKEN_LIFETIME_S });

  const adminToken = sign('admin', 'admin', []);
  const studentToken = sign('student', 'student', [values.course]);
  const loaded = await loadProblems(new ApiClient({ url: values.url, token: adminToken }), positionals, values.course);
  const lines = [
    `admin_token=${adminToken}`,
    `student_token=${studentToken}`,
    ...loaded.map(
      (problem) => `problem=${problem.problemId} version ${problem.version} (${problem.action === 'uploaded' ? 'uploaded' : 'unchanged, not uploaded again'})`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  await prepareExamples();
} catch (error) {
  const lines = error instanceof ApiError ? error.lines() : [error instanceof Error ? error.message : String(error)];
  for (const line of lines) process.stderr.write(`prepare-examples: ${line}\n`);
  process.exitCode = 2;
}
