/**
 * Reading a package's input validators (input_validators/, input_format_validators/, the draft's
 * input_validator/) and the arguments each gets from testdata.yaml: input_validator_flags (legacy, inherited
 * per key) and input_validator_args (2023-07, a list or a mapping per validator).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProblemPackage, TestGroup } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { inputValidatorArguments } from '../../common/problem/read-input-validators.js';

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const TEST = (at: string): Record<string, string> => ({ [`${at}.in`]: '1\n', [`${at}.ans`]: '1\n' });

async function makePackage(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'juez-input-validators-'));
  temporary.push(root);
  const dir = path.join(root, 'p');
  for (const [file, content] of Object.entries({ 'problem.yaml': '', ...TEST('data/sample/1'), ...TEST('data/secret/1'), ...files })) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

const warningsOf = (problem: ProblemPackage, dir: string): string[] =>
  problem.warnings.map((w) => `${path.relative(dir, w.file)}: ${w.message}`);

const group = (problem: ProblemPackage, name: string): TestGroup | undefined => {
  const search = (g: TestGroup): TestGroup | undefined => (g.name === name ? g : g.groups.map(search).find((f) => f !== undefined));
  return search(problem.secret) ?? search(problem.sample);
};

describe('input validators', () => {
  it('are every file or folder of input_validators/: a source, sources with a header, build/run scripts', async () => {
    const dir = await makePackage({
      'input_validators/validate.py': 'exit(42)\n',
      'input_validators/bounds/bounds.cpp': '#include "validate.h"\nint main() { return 42; }\n',
      'input_validators/bounds/validate.h': '#pragma once\n',
      'input_validators/scripted/build': 'gcc -o v v.c\n',
      'input_validators/scripted/run': 'exec ./v\n',
      'input_validators/scripted/v.c': 'int main(void) { return 42; }\n',
      'input_validators/.gitkeep': '',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.inputValidators.map((v) => [v.name, v.languageId])).toEqual([
      ['input_validators/bounds', 'cpp'],
      ['input_validators/scripted', 'build-run'],
      ['input_validators/validate.py', 'python'],
    ]);
    const [bounds, scripted, python] = problem.inputValidators;
    expect(bounds?.files).toEqual([path.join(dir, 'input_validators/bounds/bounds.cpp')]);
    expect(bounds?.extraFiles).toEqual([path.join(dir, 'input_validators/bounds/validate.h')]);
    expect(scripted?.scripts).toEqual({ build: true });
    expect(python?.files).toEqual([path.join(dir, 'input_validators/validate.py')]);
    expect(problem.warnings).toEqual([]);
  });

  it('are also read from input_format_validators/ (problemtools\' older name) and the draft\'s input_validator/', async () => {
    const dir = await makePackage({
      'input_format_validators/old.py': 'exit(42)\n',
      'input_validator/check.py': 'exit(42)\n',
      'input_validator/helper.txt': 'data\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.inputValidators.map((v) => [v.name, v.languageId])).toEqual([
      ['input_format_validators/old.py', 'python'],
      ['input_validator', 'python'],
    ]);
  });

  it('in a language juez cannot tell are a warning naming the file, and the package is still judged', async () => {
    const dir = await makePackage({
      'input_validators/validate.xyz': 'whatever\n',
      'input_validators/mixed/a.py': 'exit(42)\n',
      'input_validators/mixed/b.c': 'int main(void) { return 42; }\n',
      'input_validators/good.py': 'exit(42)\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.inputValidators.map((v) => v.name)).toEqual(['input_validators/good.py']);
    const warnings = warningsOf(problem, dir);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^input_validators\/mixed: mixes source files of several languages \(.*\): this input validator is not run$/);
    expect(warnings[1]).toMatch(/^input_validators\/validate\.xyz: cannot tell the language from the file extension \(known extensions: .*\): this input validator is not run$/);
  });

  it('are none when the package has no such folder, and a file in place of the folder is a warning', async () => {
    expect((await readProblemPackage(await makePackage({}))).inputValidators).toEqual([]);
    const dir = await makePackage({ input_validators: 'not a folder\n' });
    const problem = await readProblemPackage(dir);
    expect(problem.inputValidators).toEqual([]);
    expect(warningsOf(problem, dir)).toEqual(['input_validators: must be a folder of input validators: ignored']);
  });
});

describe('input validator flags in testdata.yaml', () => {
  it('are inherited per key from the nearest folder that sets them (legacy input_validator_flags)', async () => {
    const dir = await makePackage({
      'data/testdata.yaml': 'input_validator_flags: --max 1000000\n',
      'data/secret/small/testdata.yaml': 'input_validator_flags: --max 10\naccept_score: 30\n',
      'data/secret/small/1.in': '1\n',
      'data/secret/small/1.ans': '1\n',
      'data/secret/large/testdata.yaml': 'accept_score: 70\n',
      'data/secret/large/1.in': '1\n',
      'data/secret/large/1.ans': '1\n',
      'data/secret/none/testdata.yaml': 'input_validator_flags: ""\n',
      'data/secret/none/1.in': '1\n',
      'data/secret/none/1.ans': '1\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.warnings).toEqual([]);
    expect(group(problem, 'sample')?.inputValidatorFlags).toEqual({ all: ['--max', '1000000'] });
    expect(group(problem, 'secret/small')?.inputValidatorFlags).toEqual({ all: ['--max', '10'] });
    expect(group(problem, 'secret/large')?.inputValidatorFlags).toEqual({ all: ['--max', '1000000'] });
    expect(group(problem, 'secret/none')?.inputValidatorFlags).toEqual({ all: [] });
  });

  it('are absent when no folder sets them', async () => {
    const problem = await readProblemPackage(await makePackage({}));
    expect(problem.grading.inputValidatorFlags).toBeUndefined();
    expect(problem.sample.inputValidatorFlags).toBeUndefined();
  });

  it('may be 2023-07 input_validator_args: a list, or a mapping from validator name to its arguments', async () => {
    const dir = await makePackage({
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: p\n',
      'data/secret/listed/test_group.yaml': 'input_validator_args: [--n, 5]\n',
      'data/secret/listed/1.in': '1\n',
      'data/secret/listed/1.ans': '1\n',
      'data/secret/mapped/test_group.yaml': 'input_validator_args:\n  bounds: [--max, "7"]\n  validate.py: --strict\n',
      'data/secret/mapped/1.in': '1\n',
      'data/secret/mapped/1.ans': '1\n',
    });
    const problem = await readProblemPackage(dir);
    expect(group(problem, 'secret/listed')?.inputValidatorFlags).toEqual({ all: ['--n', '5'] });
    expect(group(problem, 'secret/mapped')?.inputValidatorFlags).toEqual({ byValidator: { bounds: ['--max', '7'], 'validate.py': ['--strict'] } });
    expect(problem.warnings.filter((w) => w.message.includes('input_validator'))).toEqual([]);
  });

  it('of the wrong type are a warning, not an error, and leave the inherited flags', async () => {
    const dir = await makePackage({
      'data/testdata.yaml': 'input_validator_flags: --max 5\n',
      'data/sample/testdata.yaml': 'input_validator_flags:\n  bounds: { nested: true }\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.sample.inputValidatorFlags).toEqual({ all: ['--max', '5'] });
    expect(warningsOf(problem, dir)).toEqual([
      'data/sample/testdata.yaml: input_validator_flags must be a string or list of flags, or a mapping from validator name to flags, got {"bounds":{"nested":true}}: ignored',
    ]);
  });
});

describe('inputValidatorArguments', () => {
  const python = { name: 'input_validators/validate.py' };
  const folder = { name: 'input_validators/bounds' };

  it('gives every validator the group\'s list', () => {
    expect(inputValidatorArguments({ all: ['--max', '10'] }, python)).toEqual(['--max', '10']);
    expect(inputValidatorArguments({ all: ['--max', '10'] }, folder)).toEqual(['--max', '10']);
  });

  it('finds a validator in a mapping by its file name, by that name without extension, or by its path', () => {
    expect(inputValidatorArguments({ byValidator: { 'validate.py': ['a'] } }, python)).toEqual(['a']);
    expect(inputValidatorArguments({ byValidator: { validate: ['b'] } }, python)).toEqual(['b']);
    expect(inputValidatorArguments({ byValidator: { 'input_validators/validate.py': ['c'], validate: ['d'] } }, python)).toEqual(['c']);
    expect(inputValidatorArguments({ byValidator: { bounds: ['e'] } }, folder)).toEqual(['e']);
  });

  it('gives no arguments to a validator the mapping does not name, or when the group has no flags', () => {
    expect(inputValidatorArguments({ byValidator: { bounds: ['e'] } }, python)).toEqual([]);
    expect(inputValidatorArguments(undefined, python)).toEqual([]);
  });
});
