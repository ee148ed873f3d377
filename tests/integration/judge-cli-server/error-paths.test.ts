/**
 * How judge-cli's server commands fail: always one clear `judge-cli: …` line per problem (never a stack
 * trace) and exit status 2 — a refused or expired token with the server's error code, a server that is
 * down named by its URL, a missing login, a request the server finds invalid with its fields.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { writeSmallHello } from './small-package.js';
import { closedPort, spawnJudgeCli, STACK_LINE, type CliRun } from './spawn-judge-cli.js';

const SECRET = randomBytes(32).toString('hex');
const OTHER_SECRET = randomBytes(32).toString('hex');

let system: JuezSystem;
let scratch: string;
let loginFile: string;

beforeAll(async () => {
  // No executor: nothing here gets judged.
  system = await startJuezSystem({ executors: 0, dispatcherEnv: { JUEZ_JWT_HS256_SECRET: SECRET } });
  await system.advertiseLanguages();
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-cli-errors-'));
  loginFile = path.join(scratch, 'cli.json');
});

afterAll(async () => {
  await system?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnJudgeCli(args, { JUEZ_CLI_CONFIG: loginFile, JUEZ_JWT_HS256_SECRET: SECRET, ...env });
}

async function mint(role: string, extra: string[] = [], secret = SECRET): Promise<string> {
  const run = await cli(['token', '--sub', 'someone', '--role', role, '--courses', 'c1', ...extra], { JUEZ_JWT_HS256_SECRET: secret });
  expect(run.code).toBe(0);
  return run.stdout.trim();
}

/** Exit 2, nothing on stdout, and stderr exactly these lines (each a RegExp or a prefix). */
function expectFailure(run: CliRun, ...lines: (RegExp | string)[]): void {
  expect(run.stderr).not.toMatch(STACK_LINE);
  const got = run.stderr.trimEnd().split('\n');
  expect(got, run.stderr).toHaveLength(lines.length);
  lines.forEach((line, index) => {
    if (typeof line === 'string') expect(got[index]).toContain(line);
    else expect(got[index]).toMatch(line);
  });
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
}

describe('judge-cli server errors', () => {
  it("a token the server refuses: its error code and message on one line, exit 2", async () => {
    const foreign = await mint('admin', [], OTHER_SECRET);
    expectFailure(
      await cli(['problem', 'list', '--url', system.baseUrl, '--token', foreign]),
      /^judge-cli: invalid_token: The token was refused: .+ \(HTTP 401\)$/,
    );
    expectFailure(await cli(['status', 's1', '--url', system.baseUrl, '--token', 'not-a-jwt']), /^judge-cli: invalid_token: /);
  });

  it('an expired token says so', async () => {
    const shortLived = await mint('student', ['--expires', '1s']);
    await sleep(2_100);
    expectFailure(
      await cli(['problem', 'list', '--url', system.baseUrl, '--token', shortLived]),
      /^judge-cli: token_expired: The token has expired; get a new one\. \(HTTP 401\)$/,
    );
  });

  it('login with a refused token saves nothing', async () => {
    const foreign = await mint('admin', [], OTHER_SECRET);
    expectFailure(await cli(['login', system.baseUrl, '--token', foreign]), /^judge-cli: invalid_token: /);
    expect(existsSync(loginFile)).toBe(false);
  });

  it('a server that is down: one line naming its URL, exit 2, for every command', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const token = await mint('admin');
    const down = new RegExp(`^judge-cli: cannot reach the juez server at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`);
    expectFailure(await cli(['problem', 'list', '--url', url, '--token', token]), down);
    expectFailure(await cli(['status', 's1', '--url', url, '--token', token]), down);
    expectFailure(await cli(['rejudge', 'p', '--url', url, '--token', token]), down);
    expectFailure(await cli(['submit', 'p', 'problems/hello/submissions/accepted/hello.py', '--wait', '--url', url, '--token', token]), down);
    expectFailure(await cli(['login', url, '--token', token]), down);
    expect(existsSync(loginFile)).toBe(false);
  });

  it('no login and no --url: says how to give one', async () => {
    expectFailure(await cli(['problem', 'list']), "judge-cli: no juez server: run 'judge-cli login <url> --token <token>', set JUEZ_URL, or pass --url");
    expectFailure(await cli(['problem', 'list', '--url', system.baseUrl]), 'judge-cli: no token: ');
    expectFailure(await cli(['problem', 'list'], { JUEZ_URL: 'ftp://example' }), /^judge-cli: JUEZ_URL: expected a http: or https: URL/);
  });

  it('a config file that is not JSON is named', async () => {
    const broken = path.join(scratch, 'broken.json');
    await writeFile(broken, 'url = http://x\n');
    expectFailure(await cli(['problem', 'list'], { JUEZ_CLI_CONFIG: broken }), `judge-cli: ${broken}: the config file is not JSON`);
  });

  it("unknown ids are the server's 404 codes", async () => {
    const token = await mint('admin');
    expectFailure(await cli(['status', 'sNope', '--url', system.baseUrl, '--token', token]), "judge-cli: unknown_submission: No submission 'sNope'. (HTTP 404)");
    expectFailure(await cli(['rejudge', 'nope', '--url', system.baseUrl, '--token', token]), "judge-cli: unknown_problem: No problem 'nope'. (HTTP 404)");
    const student = await mint('student');
    expectFailure(
      await cli(['submit', 'nope', 'problems/hello/submissions/accepted/hello.py', '--url', system.baseUrl, '--token', student]),
      "judge-cli: unknown_problem: No problem 'nope'. (HTTP 404)",
    );
  });

  it('a request the server finds invalid lists the field after the message', async () => {
    const dir = await writeSmallHello(path.join(scratch, 'first-upload'));
    const token = await mint('admin');
    // The first upload of a problem needs its course.
    expectFailure(
      await cli(['problem', 'push', dir, '--skip-verify', '--url', system.baseUrl, '--token', token]),
      /^judge-cli: validation_failed: .+ \(HTTP 400\)$/,
      /^judge-cli: query courseId: is required for the first upload of a problem$/,
    );
  });

  it('usage errors: one line with a hint, exit 2', async () => {
    expectFailure(await cli(['submit', 'p']), "judge-cli: missing required argument 'file'", '(see judge-cli submit --help)');
    expectFailure(await cli(['token', '--sub', 'x', '--role', 'admin', '--expires', 'soon']), /--expires <duration>.*expected a duration/, '(see judge-cli token --help)');
    expectFailure(await cli(['token', '--sub', 'x', '--role', 'admin'], { JUEZ_JWT_HS256_SECRET: '' }), 'judge-cli: no signing secret');
    expectFailure(await cli(['token', '--sub', 'x', '--role', 'admin'], { JUEZ_JWT_HS256_SECRET: 'short' }), 'judge-cli: JUEZ_JWT_HS256_SECRET: must be at least 32 characters');
  });
});
