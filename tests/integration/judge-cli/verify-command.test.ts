import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../judge-cli/commands/verify.js';
import { containersOfCli, removeContainersOfCli, REPO, runJudgeCli, type CliRun } from './run-judge-cli.js';

/** Every package of the repository: the examples in problems/ and the conformance set in tests/conformance/. */
const PACKAGES = ['problems', 'tests/conformance'].flatMap((root) =>
  readdirSync(path.join(REPO, root), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(REPO, root, e.name, 'problem.yaml')))
    .map((e) => `${root}/${e.name}`)
    .sort(),
);

/** a+b right for the small values of problems/aplusb's group 1 (30 points), 0 for the large ones. */
const APLUSB_SMALL_ONLY = [
  'for _ in range(int(input())):',
  '    a, b = map(int, input().split())',
  '    print(a + b if abs(a) < 2**31 and abs(b) < 2**31 else 0)',
].join('\n');

const pids: number[] = [];
let scratch: string;
let all: CliRun;
let report: VerifyReport;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-verify-'));
  // One run for every package: one pool start, every container busy.
  all = await runJudgeCli(['verify', ...PACKAGES, '--json', '--pool-size', '2']);
  pids.push(all.pid);
  report = JSON.parse(all.stdout || '{}') as VerifyReport;
}, 900_000);

afterAll(async () => {
  for (const pid of pids) await removeContainersOfCli(pid);
  await rm(scratch, { recursive: true, force: true });
});

describe('judge-cli verify on every package of the repository', () => {
  it('exits 0 with every reference submission getting its expected verdict', async () => {
    const mismatches = (report.outcomes ?? []).filter((o) => !o.ok);
    expect(mismatches, all.stderr).toEqual([]);
    expect(all.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(await containersOfCli(all.pid)).toEqual([]);
  });

  it.each(PACKAGES)('judged every submission of %s', (dir) => {
    const name = path.basename(dir);
    const outcomes = report.outcomes?.filter((o) => o.problem === name) ?? [];
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect(outcome.ok, `${name}/${outcome.submission}: ${outcome.mismatch ?? ''} ${outcome.message ?? ''}`).toBe(true);
      expect(outcome.expected ?? [], `${name}/${outcome.submission} is in a folder verify checks`).toContain(outcome.verdict);
    }
  });

  it('checks the scores of scoring packages', () => {
    const scored = (report.outcomes ?? []).filter((o) => o.scoring);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.filter((o) => o.expectedScore !== undefined).length).toBeGreaterThan(0);
  });

  it('judges the Kotlin, Pascal and Prolog solutions of the reference judges, with their expected verdicts', () => {
    const judged = (report.outcomes ?? []).filter((o) => o.problem === 'foreign-submissions');
    const verdictOf = (name: string): string | undefined => judged.find((o) => o.submission === name)?.verdict;
    expect(verdictOf('submissions/accepted/Sum.kt')).toBe('AC');
    expect(verdictOf('submissions/accepted/sum.pas')).toBe('AC');
    expect(verdictOf('submissions/accepted/prolog_solution')).toBe('AC');
    expect(verdictOf('submissions/wrong_answer/Sum.kt')).toBe('WA');
  });

  it('lists the reference solutions in languages juez lacks as skipped, and stray files as ignored', () => {
    const unjudged = (report.unjudged ?? []).filter((u) => u.problem === 'foreign-submissions');
    expect(unjudged.map((u) => [u.submission, u.kind]).sort()).toEqual([
      ['submissions/accepted/NOTES.txt', 'ignored'],
      ['submissions/accepted/sum.cob', 'skipped'],
      ['submissions/accepted/sum.jl', 'skipped'],
      ['submissions/accepted/swift_solution', 'skipped'],
      ['submissions/time_limit_exceeded/.gitkeep', 'ignored'],
      ['submissions/wrong_answer/first_only.ex', 'skipped'],
    ]);
    expect(unjudged.find((u) => u.submission.endsWith('sum.cob'))?.reason).toBe('COBOL (.cob) is not a language of this installation');
    expect(report.warnings).toContainEqual({ problem: 'foreign-submissions', message: 'problem.yaml: domjudge_color is not a key of the format: ignored' });
  });

  it("lists the reference submissions in languages problem.yaml's languages does not allow as skipped, and judges the rest", () => {
    const judged = (report.outcomes ?? []).filter((o) => o.problem === 'languages-restricted');
    expect(judged.map((o) => [o.submission, o.language, o.verdict]).sort()).toEqual([
      ['submissions/accepted/sum.cpp', 'cpp', 'AC'],
      ['submissions/accepted/sum.py', 'python', 'AC'],
      ['submissions/wrong_answer/int32.cpp', 'cpp', 'WA'],
    ]);
    const unjudged = (report.unjudged ?? []).filter((u) => u.problem === 'languages-restricted');
    expect(unjudged).toEqual([
      { problem: 'languages-restricted', submission: 'submissions/accepted/Sum.java', kind: 'skipped', reason: 'java is not allowed by problem.yaml languages (python3 cpp)' },
      { problem: 'languages-restricted', submission: 'submissions/wrong_answer/Sum.kt', kind: 'skipped', reason: 'kotlin is not allowed by problem.yaml languages (python3 cpp)' },
    ]);
    expect((report.warnings ?? []).filter((w) => w.problem === 'languages-restricted')).toEqual([]);
  });
});

describe('judge-cli verify on a package whose problem.yaml restricts languages, as a table', () => {
  it('prints the disallowed references as skipped with the reason, and exits 0', async () => {
    const run = await runJudgeCli(['verify', 'tests/conformance/languages-restricted', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/submissions\/accepted\/Sum\.java .*skipped.*java is not allowed by problem\.yaml languages \(python3 cpp\)/);
    expect(run.stdout).toMatch(/all 3 submissions got their expected verdict \(2 skipped, 0 ignored\)/);
  });
});

describe('judge-cli verify on a package with solutions in other languages, as a table', () => {
  it('prints them as skipped, the note as ignored, the warning, and exits 0', async () => {
    const run = await runJudgeCli(['verify', 'tests/conformance/foreign-submissions', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/submissions\/accepted\/sum\.jl .*skipped.*Julia \(\.jl\) is not a language of this installation/);
    expect(run.stdout).toMatch(/submissions\/accepted\/swift_solution .*skipped.*Swift/);
    expect(run.stdout).toMatch(/submissions\/accepted\/NOTES\.txt .*ignored.*not a source file/);
    expect(run.stdout).toMatch(/warning: foreign-submissions: problem\.yaml: domjudge_color is not a key of the format: ignored/);
    expect(run.stdout).toMatch(/all 9 submissions got their expected verdict \(4 skipped, 2 ignored\)/);
  });
});

describe('judge-cli verify on a scoring package with a wrong expected score', () => {
  it('exits 1 and says which score it expected', async () => {
    const dir = path.join(scratch, 'aplusb');
    await cp(path.join(REPO, 'problems/aplusb'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}submissions${path.sep}`) || src.endsWith('submissions') });
    await mkdir(path.join(dir, 'submissions/partially_accepted'), { recursive: true });
    await writeFile(path.join(dir, 'submissions/partially_accepted/small.py'), `${APLUSB_SMALL_ONLY}\n# @EXPECTED_SCORE@: 50\n`);
    const run = await runJudgeCli(['verify', dir, '--json', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as VerifyReport;
    expect(json.outcomes).toEqual([
      expect.objectContaining({ submission: 'submissions/partially_accepted/small.py', expectedScore: 50, ok: false, mismatch: expect.stringMatching(/^expected score 50, got \d+/) as string }),
    ]);
    expect(json.outcomes[0]?.score).toBeGreaterThan(0);
    expect(json.outcomes[0]?.score).toBeLessThan(json.outcomes[0]?.maxScore ?? 0);
  });
});

describe('judge-cli verify on a package whose submissions are misfiled', () => {
  it('exits 1 and names the submission that got another verdict', async () => {
    const dir = path.join(scratch, 'misfiled');
    await cp(path.join(REPO, 'problems/hello'), dir, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}submissions${path.sep}`) || src.endsWith('hello.py') || src.endsWith('accepted'),
    });
    await mkdir(path.join(dir, 'submissions/wrong_answer'), { recursive: true });
    await writeFile(path.join(dir, 'submissions/wrong_answer/right.py'), 'print("Hello, World!")\n');
    const run = await runJudgeCli(['verify', dir, '--json', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as VerifyReport;
    expect(json.ok).toBe(false);
    expect(json.outcomes).toContainEqual(
      expect.objectContaining({ submission: 'submissions/wrong_answer/right.py', expected: ['WA'], verdict: 'AC', ok: false, mismatch: 'expected WA (folder wrong_answer), got AC' }),
    );
    expect(json.outcomes).toContainEqual(expect.objectContaining({ submission: 'submissions/accepted/hello.py', ok: true }));

    const table = await runJudgeCli(['verify', dir, '--pool-size', '1']);
    pids.push(table.pid);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/right\.py.*WA.*AC.*MISMATCH/);
    expect(table.stdout).toMatch(/1 of 2 submissions did not get their expected verdict/);
  });
});
