/**
 * `judge-cli problem pull` against a real dispatcher: a package pushed to the server comes back byte for
 * byte (and `judge-cli verify` passes on the pulled copy), a chosen version comes back as that version,
 * and what must not happen does not: a student downloads nothing, an existing directory is never written
 * into, a missing version is a one-line error.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { spawnJudgeCli, STACK_LINE } from '../judge-cli-server/spawn-judge-cli.js';
import { REPO } from './run-script.js';
import { copyTrimmedPackage } from '../../support/trimmed-package.js';

let system: JuezSystem;
let scratch: string;
let instructorEnv: Record<string, string>;

/** Every file below `dir` (relative path → sha256 and whether it is executable). */
async function readTree(dir: string, relative = ''): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) {
      Object.assign(tree, await readTree(dir, child));
      continue;
    }
    const full = path.join(dir, child);
    const executable = ((await stat(full)).mode & 0o111) !== 0;
    tree[child] = `${createHash('sha256').update(await readFile(full)).digest('hex')}${executable ? ' +x' : ''}`;
  }
  return tree;
}

beforeAll(async () => {
  system = await startJuezSystem({ executors: 0 });
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-pull-'));
  const instructor = system.token({ sub: 'teacher', role: 'instructor', courses: [system.defaultCourseId] });
  instructorEnv = { JUEZ_URL: system.baseUrl, JUEZ_TOKEN: instructor };
});

afterAll(async () => {
  await system?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('judge-cli problem pull', () => {
  it('writes back the package that was pushed, and judge-cli verify passes on it', async () => {
    // problems/hello with its Python and C references only: verifying all 25 languages' takes a minute.
    const pushed = path.join(scratch, 'pushed', 'hello');
    await copyTrimmedPackage(path.join(REPO, 'problems/hello'), pushed, ['.py', '.c']);
    await system.pushProblem(pushed);
    const out = path.join(scratch, 'hello');
    const pulled = await spawnJudgeCli(['problem', 'pull', 'hello', '--out', out], instructorEnv);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/^pulled hello version 1 into .*hello \(\d+ files, .*\)$/m);
    expect(await readTree(out)).toEqual(await readTree(pushed));

    const verified = await spawnJudgeCli(['verify', out, '--pool-size', '2'], {}, 300_000);
    expect(verified.code, `${verified.stdout}\n${verified.stderr}`).toBe(0);
  }, 360_000);

  it('pulls the version asked for, and the latest by default', async () => {
    const first = await system.pushProblem(path.join(REPO, 'problems/hello'), 'versioned');
    const second = await system.pushProblem(path.join(REPO, 'problems/aplusb'), 'versioned');
    expect([first.version, second.version]).toEqual([1, 2]);

    const latest = await spawnJudgeCli(['problem', 'pull', 'versioned', '--out', path.join(scratch, 'latest'), '--json'], instructorEnv);
    expect(latest.code, latest.stderr).toBe(0);
    expect(JSON.parse(latest.stdout)).toMatchObject({ problemId: 'versioned', version: 2, dir: path.join(scratch, 'latest') });
    expect(await readTree(path.join(scratch, 'latest'))).toEqual(await readTree(path.join(REPO, 'problems/aplusb')));

    const older = await spawnJudgeCli(['problem', 'pull', 'versioned', '--version', '1', '--out', path.join(scratch, 'v1')], instructorEnv);
    expect(older.code, older.stderr).toBe(0);
    expect(await readTree(path.join(scratch, 'v1'))).toEqual(await readTree(path.join(REPO, 'problems/hello')));
  });

  it('writes into an empty directory, never into one that holds something', async () => {
    const empty = path.join(scratch, 'empty');
    await mkdir(empty);
    const intoEmpty = await spawnJudgeCli(['problem', 'pull', 'hello', '--out', empty], instructorEnv);
    expect(intoEmpty.code, intoEmpty.stderr).toBe(0);
    expect(existsSync(path.join(empty, 'problem.yaml'))).toBe(true);

    const occupied = path.join(scratch, 'occupied');
    await mkdir(occupied);
    await writeFile(path.join(occupied, 'notes.txt'), 'mine\n');
    const refused = await spawnJudgeCli(['problem', 'pull', 'hello', '--out', occupied], instructorEnv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^judge-cli: .*occupied already exists and is not an empty directory/m);
    expect(await readdir(occupied)).toEqual(['notes.txt']);
    expect((await readdir(scratch)).filter((name) => name.includes('.pull-'))).toEqual([]);
  });

  it('refuses students and unknown versions with one line, writing nothing', async () => {
    const student = system.token({ sub: 'alice', role: 'student' });
    const asStudent = await spawnJudgeCli(['problem', 'pull', 'hello', '--version', '1', '--out', path.join(scratch, 'student')], {
      JUEZ_URL: system.baseUrl,
      JUEZ_TOKEN: student,
    });
    expect(asStudent.code).toBe(2);
    expect(asStudent.stderr).toMatch(/^judge-cli: forbidden: .*\(HTTP 403\)$/m);

    const missing = await spawnJudgeCli(['problem', 'pull', 'hello', '--version', '9', '--out', path.join(scratch, 'missing')], instructorEnv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^judge-cli: unknown_problem_version: .*\(HTTP 404\)$/m);

    for (const run of [asStudent, missing]) expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(scratch, 'student'))).toBe(false);
    expect(existsSync(path.join(scratch, 'missing'))).toBe(false);
  });
});
