import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import jwt from 'jsonwebtoken';
import { loadConfig } from '../../common/config-table.js';
import { ROLES, type Role, signToken, TOKEN_CLAIMS_SCHEMA, TOKEN_SIGNING_CONFIG_ROWS } from '../../common/auth-token.js';
import { CliError } from '../cli-error.js';
import { examplesHelp } from '../help-examples.js';
import type { Environment } from '../server-options.js';

/** The dispatcher's own rows: same variables, same defaults, same checks (a short secret is refused alike). */
const SIGNING_ENV_TABLE = {
  hs256Secret: TOKEN_SIGNING_CONFIG_ROWS.jwtHs256Secret,
  issuer: TOKEN_SIGNING_CONFIG_ROWS.jwtIssuer,
  audience: TOKEN_SIGNING_CONFIG_ROWS.jwtAudience,
};

const SUB_PATTERN = new RegExp(TOKEN_CLAIMS_SCHEMA.properties.sub.pattern);
const COURSE_PATTERN = new RegExp(TOKEN_CLAIMS_SCHEMA.properties.courses.items.pattern);

interface TokenCliOptions {
  sub: string;
  role: Role;
  courses: string[];
  expires: number;
  secretFile?: string;
  json?: boolean;
}

/**
 * `judge-cli token --sub S --role R`: mints a token the dispatcher accepts, signed with the dispatcher's
 * HS256 secret (JUEZ_JWT_HS256_SECRET, or --secret-file) or an RS256 private key (--secret-file holding a
 * PEM), with JUEZ_JWT_ISSUER / JUEZ_JWT_AUDIENCE (the dispatcher's defaults when unset). For admins: whoever
 * has the secret can mint any role. Exits 0 with the token on stdout, 2 when it cannot sign.
 */
export function tokenCommand(env: Environment): Command {
  return new Command('token')
    .description('mint a token from the configured secret (admins)')
    .requiredOption('--sub <id>', 'user id, or service client id', parseSub)
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--courses <ids>', 'comma-separated course ids the token is scoped to', parseCourses, [])
    .option('--expires <duration>', 'lifetime: 90s, 30m, 12h, 7d, or seconds', parseDuration, 3600)
    .option('--secret-file <file>', 'file holding the HS256 secret, or an RS256 private key (PEM) (default: $JUEZ_JWT_HS256_SECRET)')
    .option('--json', 'print {token, claims} as one JSON object')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli token --sub alice --role student --courses cs101',
        'judge-cli token --sub bob --role instructor --courses cs101,cs102 --expires 7d',
        'judge-cli token --sub grader --role admin --secret-file jwt-private.pem --json',
      ),
    )
    .addHelpText('after', '\nExit status: 0 printed a token, 2 could not sign (no or short secret, bad arguments).\nIssuer and audience: $JUEZ_JWT_ISSUER (default "juez"), $JUEZ_JWT_AUDIENCE (default "juez-api").')
    .action(async (options: TokenCliOptions) => {
      process.exitCode = await mintToken(options, env);
    });
}

async function mintToken(options: TokenCliOptions, env: Environment): Promise<number> {
  const signing = loadConfig(SIGNING_ENV_TABLE, env);
  const key = options.secretFile === undefined ? undefined : await readKeyFile(options.secretFile);
  const isPem = key?.includes('-----BEGIN') === true;
  const hs256Secret = isPem ? undefined : (key ?? signing.hs256Secret);
  if (!isPem && hs256Secret === undefined) throw new CliError('no signing secret: set JUEZ_JWT_HS256_SECRET or pass --secret-file');
  if (hs256Secret !== undefined && hs256Secret.length < 32) throw new CliError('the HS256 secret must be at least 32 characters (as the dispatcher requires)');

  const token = signToken(
    { sub: options.sub, role: options.role, courses: options.courses },
    {
      issuer: signing.issuer,
      audience: signing.audience,
      expiresInS: options.expires,
      ...(isPem ? { rs256PrivateKey: key } : { hs256Secret }),
    },
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify({ token, claims: jwt.decode(token, { json: true }) })}\n`);
  else process.stdout.write(`${token}\n`);
  return 0;
}

async function readKeyFile(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new CliError(`${file}: cannot read the secret: ${(error as Error).message}`);
  }
}

function parseSub(text: string): string {
  if (!SUB_PATTERN.test(text) || text.length > 128) throw new InvalidArgumentError('expected 1-128 of A-Z a-z 0-9 _ . @ : -');
  return text;
}

function parseCourses(text: string): string[] {
  const courses = text.split(',').map((course) => course.trim()).filter((course) => course !== '');
  const bad = courses.find((course) => !COURSE_PATTERN.test(course) || course.length > 64);
  if (bad !== undefined) throw new InvalidArgumentError(`'${bad}' is not a course id (A-Z a-z 0-9 _ . -)`);
  return courses;
}

const DURATION_UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `30m`, `12h`, `7d` or plain seconds → seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match === null ? NaN : Number(match[1]) * (DURATION_UNITS_S[match[2] || 's'] ?? NaN);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a duration such as 90s, 30m, 12h, 7d');
  return seconds;
}
