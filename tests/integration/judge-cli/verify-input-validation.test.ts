/**
 * `judge-cli verify` runs the packages' input validators on their test inputs, as problemtools' verifyproblem
 * does: the repository's validators (Python with flags per group, C++ with a header, build/run scripts) accept
 * their packages' inputs; a copy of problems/aplusb with one input out of its group's bounds
 * (input-validation-rejects, made here: verify must pass on every package of the repository) fails verify.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../judge-cli/commands/verify.js';
import { REPO, removeContainersOfCli, runJudgeCli } from './run-judge-cli.js';

const pids: number[] = [];
let scratch: string;

/** Copies a package of the repository without its reference submissions, but for those `keep` names. */
async function copyPackage(from: string, name: string, keep: readonly string[] = []): Promise<string> {
  const dir = path.join(scratch, name);
  const submissions = `${path.sep}submissions${path.sep}`;
  await cp(path.join(REPO, from), dir, {
    recursive: true,
    filter: (src) => !src.includes(submissions) || keep.some((k) => src.endsWith(k) || src.endsWith(path.dirname(k))),
  });
  return dir;
}

/** Replaces line `index` (0-based) of a file. */
async function replaceLine(file: string, index: number, line: string): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines[index] = line;
  await writeFile(file, lines.join('\n'));
}

let rejects: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-verify-inputs-'));
  // problems/aplusb with one accepted submission; group 1's validator flags say |a|, |b| <= 1000, and its
  // second input now holds 1001 (the answer follows, so the submission is still right).
  rejects = await copyPackage('problems/aplusb', 'input-validation-rejects', ['submissions/accepted/aplusb.py']);
  await replaceLine(path.join(rejects, 'data/secret/group1/02-random.in'), 1, '1001 -1');
  await replaceLine(path.join(rejects, 'data/secret/group1/02-random.ans'), 0, '1000');
}, 60_000);

afterAll(async () => {
  for (const pid of pids) await removeContainersOfCli(pid);
  await rm(scratch, { recursive: true, force: true });
});

describe('judge-cli verify on the input validators of the repository', () => {
  it('every input of problems/aplusb, validator-cpp-header and validator-build-run is accepted; a package without validators says so', async () => {
    const packages = [
      await copyPackage('problems/aplusb', 'aplusb'),
      await copyPackage('tests/conformance/validator-cpp-header', 'validator-cpp-header'),
      await copyPackage('tests/conformance/validator-build-run', 'validator-build-run'),
      await copyPackage('problems/hello', 'hello'),
    ];
    // No reference submission left: verify only validates the inputs.
    const run = await runJudgeCli(['verify', ...packages, '--json', '--pool-size', '2']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.outcomes).toEqual([]);
    expect(report.inputValidation).toEqual([
      { problem: 'aplusb', inputs: 8, validators: [{ name: 'input_validators/validate.py', accepted: 8, rejected: 0, failed: 0 }], failures: [], ok: true },
      { problem: 'validator-cpp-header', inputs: 4, validators: [{ name: 'input_validators/composite', accepted: 4, rejected: 0, failed: 0 }], failures: [], ok: true },
      { problem: 'validator-build-run', inputs: 3, validators: [{ name: 'input_validators/ordered', accepted: 3, rejected: 0, failed: 0 }], failures: [], ok: true },
      { problem: 'hello', inputs: 2, validators: [], failures: [], ok: true },
    ]);

    const table = await runJudgeCli(['verify', packages[0]!, packages[3]!, '--pool-size', '1']);
    pids.push(table.pid);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('input validation: aplusb: input_validators/validate.py accepted 8 of 8 inputs\n');
    expect(table.stdout).toContain('input validation: hello: no input validators\n');
  });
});

describe('judge-cli verify on a package with an input its validator rejects', () => {
  it('exits 1 and names the input, the validator and its reason; the submissions still get their verdicts', async () => {
    const run = await runJudgeCli(['verify', rejects, '--json', '--pool-size', '1']);
    pids.push(run.pid);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.ok).toBe(false);
    expect(report.outcomes).toEqual([expect.objectContaining({ submission: 'submissions/accepted/aplusb.py', verdict: 'AC', ok: true })]);
    expect(report.inputValidation).toEqual([
      {
        problem: 'input-validation-rejects',
        inputs: 8,
        validators: [{ name: 'input_validators/validate.py', accepted: 7, rejected: 1, failed: 0 }],
        failures: [
          {
            input: 'data/secret/group1/02-random.in',
            validator: 'input_validators/validate.py',
            kind: 'rejected',
            message: 'line 2: 1001 is not between -1000 and 1000',
          },
        ],
        ok: false,
      },
    ]);
  });

  it('prints the rejection on the table, and --no-input-validation skips the validators', async () => {
    const table = await runJudgeCli(['verify', rejects, '--pool-size', '1']);
    pids.push(table.pid);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('input validation: input-validation-rejects: input_validators/validate.py accepted 7 of 8 inputs, rejected 1\n');
    expect(table.stdout).toContain(
      'REJECTED input-validation-rejects data/secret/group1/02-random.in by input_validators/validate.py: line 2: 1001 is not between -1000 and 1000\n',
    );
    expect(table.stdout).toContain('input validation: 1 test input rejected\n');
    expect(table.stdout).toMatch(/all 1 submissions got their expected verdict/);

    const skipped = await runJudgeCli(['verify', rejects, '--json', '--no-input-validation', '--pool-size', '1']);
    pids.push(skipped.pid);
    expect(skipped.code, skipped.stderr).toBe(0);
    const report = JSON.parse(skipped.stdout) as VerifyReport;
    expect(report).toMatchObject({ ok: true, inputValidation: [] });
  });
});
