/**
 * judge-cli's server commands, spawned from the build against a real juez (dispatcher and executor
 * processes, Redis, RabbitMQ, Docker): token → login → problem push / list → submit --wait → status →
 * rejudge, in that order, as a course's instructor and student would use them.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../support/poll-until.js';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { writeSmallHello } from './small-package.js';
import { spawnJudgeCli, STACK_LINE, type CliRun } from './spawn-judge-cli.js';

/** The dispatcher's HS256 secret: judge-cli token signs with it, as an admin's would. */
const SECRET = randomBytes(32).toString('hex');
const RSA = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const COURSE = 'cs101';
const PROBLEM = 'cli-hello';

let system: JuezSystem;
let scratch: string;
let packageDir: string;
let loginFile: string;

beforeAll(async () => {
  system = await startJuezSystem({
    executors: 1,
    poolSize: 2,
    dispatcherEnv: { JUEZ_JWT_HS256_SECRET: SECRET, JUEZ_JWT_RS256_PUBLIC_KEY: RSA.publicKey },
  });
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-cli-server-'));
  packageDir = await writeSmallHello(path.join(scratch, PROBLEM));
  loginFile = path.join(scratch, 'config', 'cli.json');
});

afterAll(async () => {
  await system?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

/** judge-cli with the test's login file and the dispatcher's secret in its environment. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnJudgeCli(args, { JUEZ_CLI_CONFIG: loginFile, JUEZ_JWT_HS256_SECRET: SECRET, ...env });
}

async function mint(sub: string, role: string, courses = COURSE): Promise<string> {
  const run = await cli(['token', '--sub', sub, '--role', role, '--courses', courses]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout.trim();
}

function asJson(run: CliRun): any {
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout);
}

describe('judge-cli against a juez server', () => {
  let student: string;

  it('token mints tokens the dispatcher accepts: HS256 from JUEZ_JWT_HS256_SECRET, RS256 from --secret-file', async () => {
    const run = await cli(['token', '--sub', 'boss', '--role', 'admin', '--expires', '2h', '--json']);
    expect(run.code).toBe(0);
    const { token, claims } = asJson(run);
    expect(claims).toMatchObject({ sub: 'boss', role: 'admin', courses: [], iss: 'juez', aud: 'juez-api' });
    expect(claims.exp - claims.iat).toBe(7200);
    const listed = await cli(['problem', 'list', '--url', system.baseUrl, '--token', token]);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);

    const keyFile = path.join(scratch, 'rs256.pem');
    await writeFile(keyFile, RSA.privateKey, { mode: 0o600 });
    const rs = await cli(['token', '--sub', 'boss', '--role', 'admin', '--secret-file', keyFile], { JUEZ_JWT_HS256_SECRET: '' });
    expect(rs.code).toBe(0);
    expect(JSON.parse(Buffer.from(rs.stdout.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect((await cli(['problem', 'list', '--url', system.baseUrl, '--token', rs.stdout.trim()])).code).toBe(0);
  });

  it('login checks the token against the server, then saves URL and token (mode 0600) for the other commands', async () => {
    const instructor = await mint('teacher', 'instructor');
    const run = await cli(['login', `${system.baseUrl}/`, '--token', instructor]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`logged in to ${system.baseUrl} as teacher (instructor, courses ${COURSE})`);
    expect((await stat(loginFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(loginFile, 'utf8'))).toEqual({ url: system.baseUrl, token: instructor });

    // No --url, --token or JUEZ_URL: the saved login.
    const listed = await cli(['problem', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim()).toBe('no problems');
  });

  it('problem push verifies the package here, then uploads it and prints the new version', async () => {
    const run = await cli(['problem', 'push', packageDir, '--course', COURSE, '--pool-size', '2']);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('all 2 submissions got their expected verdict');
    expect(run.stdout).toContain(`pushed ${PROBLEM} version 1 (course ${COURSE}, 1 secret tests`);

    const again = await cli(['problem', 'push', packageDir, '--skip-verify', '--json']);
    expect(again.code).toBe(0);
    const pushed = asJson(again);
    expect(pushed.verify).toBeUndefined();
    expect(pushed.problem).toMatchObject({ id: PROBLEM, courseId: COURSE, version: 2, latestVersion: 2 });
  }, 120_000);

  it('problem push refuses a package whose reference submission gets another verdict (exit 1), and pushes nothing', async () => {
    const broken = await writeSmallHello(path.join(scratch, 'broken', PROBLEM), { 'accepted/shouting.py': 'print("HELLO, WORLD!")\n' });
    const run = await cli(['problem', 'push', broken, '--pool-size', '2']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('MISMATCH');
    expect(run.stdout).toContain('1 of 3 submissions did not get their expected verdict');
    expect(run.stderr).toContain('judge-cli: not pushed');
    const listed = asJson(await cli(['problem', 'list', '--json']));
    expect(listed.items).toEqual([expect.objectContaining({ id: PROBLEM, latestVersion: 2 })]);
  }, 120_000);

  it("problem list shows the course's problems to a student", async () => {
    student = await mint('alice', 'student');
    const table = await cli(['problem', 'list', '--token', student]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${PROBLEM}\\s.*${COURSE}.*Hello World.*\\s2\\s`));
    const other = await cli(['problem', 'list', '--token', await mint('bob', 'student', 'other-course'), '--json']);
    expect(asJson(other)).toEqual({ items: [] });
  });

  it('submit --wait follows the judging live (k/n tests) and prints the verdict table; exit 0 for any verdict', async () => {
    // Slow enough (0.4 s of wall time per test) that the stream is open before the first test ends.
    const accepted = await writeSource('hello.py', 'import time\ntime.sleep(0.4)\nprint("Hello, World!")\n');
    const run = await cli(['submit', PROBLEM, accepted, '--wait', '--token', student]);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^submitted s\S+ \(cli-hello, python\)$/m);
    expect(run.stderr).toMatch(/: 1\/2 tests$/m);
    expect(run.stderr).toMatch(/: 2\/2 tests$/m);
    expect(run.stdout).toMatch(/submission s\S+ {2}problem cli-hello v2 {2}python {2}user alice {2}done/);
    expect(run.stdout).toMatch(/sample\/1\s.*AC/);
    expect(run.stdout).toContain('AC (Accepted)  score 1/1');

    const wrong = await writeSource('lowercase.py', 'print("hello, world!")\n');
    const json = await cli(['submit', PROBLEM, wrong, '--wait', '--json', '--token', student]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(asJson(json)).toMatchObject({ problemId: PROBLEM, userId: 'alice', status: 'done', result: { verdict: 'WA', score: 0 } });
  }, 90_000);

  it('submit without --wait prints the id at once; status shows where it stands, then its verdict table', async () => {
    const source = await writeSource('hello.py', 'print("Hello, World!")\n');
    const run = await cli(['submit', PROBLEM, source, '--token', student]);
    expect(run.code).toBe(0);
    const id = /^submitted (s\S+) /.exec(run.stdout)?.[1];
    expect(id).toBeDefined();
    const done = await pollUntil(
      async () => {
        const status = asJson(await cli(['status', id!, '--json', '--token', student]));
        return status.status === 'done' ? status : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300, what: `${id} to be judged` },
    );
    expect(done.result.verdict).toBe('AC');
    const table = await cli(['status', id!, '--token', student]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`submission ${id}`);
    expect(table.stdout).toContain('AC (Accepted)');
    // A student sees hidden tests by group and number only.
    expect(table.stdout).toMatch(/secret #1\s.*AC/);
  }, 90_000);

  it('rejudge queues judged submissions of the problem again (course staff only)', async () => {
    const report = asJson(await cli(['rejudge', PROBLEM, '--verdict', 'WA', '--json']));
    expect(report).toEqual({ problemId: PROBLEM, problemVersion: 2, matched: 1, queued: 1, skipped: 0, unavailable: 0 });
    const text = await cli(['rejudge', PROBLEM, '--status', 'queued,judging', '--since', '2000-01-01T00:00:00Z']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^rejudging ${PROBLEM} against version 2: \\d+ matched, 0 queued`));

    const refused = await cli(['rejudge', PROBLEM, '--token', student]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^judge-cli: forbidden: .+ \(HTTP 403\)\n$/);
  });
});

async function writeSource(name: string, source: string): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, 'source-'));
  await writeFile(path.join(dir, name), source);
  return path.join(dir, name);
}
