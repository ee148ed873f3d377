import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyOutcome } from '../../../judge-cli/commands/verify.js';
import { containersOfCli, removeContainersOfCli, REPO, runJudgeCli, type CliRun } from './run-judge-cli.js';

/** Every example package in problems/ (a folder with a problem.yaml). */
const PACKAGES = readdirSync(path.join(REPO, 'problems'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(REPO, 'problems', e.name, 'problem.yaml')))
  .map((e) => e.name)
  .sort();

interface VerifyJson {
  ok: boolean;
  outcomes: VerifyOutcome[];
}

const pids: number[] = [];
let scratch: string;
let all: CliRun;
let report: VerifyJson;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-verify-'));
  // One run for every package: one pool start, every container busy.
  all = await runJudgeCli(['verify', ...PACKAGES.map((p) => `problems/${p}`), '--json', '--pool-size', '2']);
  pids.push(all.pid);
  report = JSON.parse(all.stdout || '{}') as VerifyJson;
}, 900_000);

afterAll(async () => {
  for (const pid of pids) await removeContainersOfCli(pid);
  await rm(scratch, { recursive: true, force: true });
});

describe('judge-cli verify on the example problems', () => {
  it('exits 0 with every reference submission getting its expected verdict', async () => {
    const mismatches = (report.outcomes ?? []).filter((o) => !o.ok);
    expect(mismatches, all.stderr).toEqual([]);
    expect(all.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(await containersOfCli(all.pid)).toEqual([]);
  });

  it.each(PACKAGES)('judged every submission of problems/%s', (name) => {
    const outcomes = report.outcomes?.filter((o) => o.problem === name) ?? [];
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect(outcome, `${name}/${outcome.submission}: ${outcome.message ?? ''}`).toMatchObject({ ok: true, verdict: outcome.expected });
    }
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
    const json = JSON.parse(run.stdout) as VerifyJson;
    expect(json.ok).toBe(false);
    expect(json.outcomes).toContainEqual(
      expect.objectContaining({ submission: 'submissions/wrong_answer/right.py', expected: 'WA', verdict: 'AC', ok: false }),
    );
    expect(json.outcomes).toContainEqual(expect.objectContaining({ submission: 'submissions/accepted/hello.py', ok: true }));

    const table = await runJudgeCli(['verify', dir, '--pool-size', '1']);
    pids.push(table.pid);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/right\.py.*WA.*AC.*MISMATCH/);
    expect(table.stdout).toMatch(/1 of 2 submissions did not get their expected verdict/);
  });
});
