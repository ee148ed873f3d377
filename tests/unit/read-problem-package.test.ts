import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemPackageError } from '../../common/problem/problem-package-error.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';

const FIXTURES = path.resolve('tests/fixtures/packages');
const fixture = (name: string): string => path.join(FIXTURES, name);
/** How the error shows a fixture path: relative to the working directory. */
const shown = (name: string, file = ''): string => path.relative(process.cwd(), path.join(FIXTURES, name, file));

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A package in a fresh temporary folder; `files` maps paths to contents. */
async function makePackage(files: Record<string, string>, name = 'tmp'): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'juez-package-'));
  temporary.push(root);
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

const MINIMAL = { 'problem.yaml': '', 'data/secret/1.in': '1\n', 'data/secret/1.ans': '1\n' };

/** The issue lines of the ProblemPackageError that reading `dir` throws. */
async function issuesOf(dir: string): Promise<string[]> {
  const error: unknown = await readProblemPackage(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProblemPackageError);
  return (error as ProblemPackageError).issues.map((i) => `${i.file}: ${i.message}`);
}

describe('readProblemPackage, valid packages', () => {
  it('reads a legacy package', async () => {
    const dir = fixture('legacy-hello');
    const problem = await readProblemPackage(dir);
    expect(problem).toMatchObject({
      dir,
      shortName: 'legacy-hello',
      name: 'Hello',
      type: 'pass-fail',
      validation: 'default',
      validatorFlags: ['float_tolerance', '1e-6'],
      comparison: { exact: false, caseSensitive: false, spaceChangeSensitive: false, floatAbsoluteTolerance: 1e-6, floatRelativeTolerance: 1e-6 },
      limits: {
        timeMs: 2000,
        timeSource: '.timelimit',
        timeMultipliers: { rule: 'legacy', acToTimeLimit: 5, timeLimitToTle: 2, timeResolutionMs: 1000 },
        // 2 s + max(1 s, 10 %)
        wallMs: 3000,
        memoryMb: 512,
        // 16 MiB asked, above the installation's 8 MiB: lowered, and the author told.
        outputKb: 8 * 1024,
        codeKb: 128,
        compileTimeS: 60,
        compileMemoryMb: 1024,
        validatorTimeS: 60,
        validatorMemoryMb: 1024,
        validationPasses: 2,
      },
    });
    expect(problem.warnings.map((w) => `${w.file}: ${w.message}`)).toContain(
      `${shown('legacy-hello', 'problem.yaml')}: limits.output asks 16384 KiB, more than this installation allows: lowered to 8192 KiB`,
    );
    expect(problem.outputValidator).toBeUndefined();
    // The format's defaults: data/sample is graded like any group (its tests earn accept_score 1).
    expect(problem.grading).toEqual({
      acceptScore: 1,
      rejectScore: 0,
      onReject: 'break',
      grading: 'default',
      graderFlags: [],
      range: { min: -Infinity, max: Infinity },
      outputValidatorFlags: [],
    });
    expect(problem.sample).toEqual({
      name: 'sample',
      ...problem.grading,
      groups: [],
      tests: [
        {
          name: 'sample/1',
          group: 'sample',
          inputFile: path.join(dir, 'data/sample/1.in'),
          answerFile: path.join(dir, 'data/sample/1.ans'),
          isSample: true,
        },
      ],
    });
    expect(problem.secret.tests.map((t) => t.name)).toEqual(['secret/1', 'secret/2', 'secret/10']);
    expect(problem.secret.tests.every((t) => !t.isSample && t.group === 'secret')).toBe(true);
    expect(problem.secret).toMatchObject({ acceptScore: 1, rejectScore: 0, onReject: 'break', groups: [] });
    expect(problem.submissions).toEqual([
      {
        category: 'accepted',
        name: 'submissions/accepted/hello.py',
        path: path.join(dir, 'submissions/accepted/hello.py'),
        files: [path.join(dir, 'submissions/accepted/hello.py')],
        languageId: 'python',
      },
      {
        category: 'accepted',
        name: 'submissions/accepted/multi',
        path: path.join(dir, 'submissions/accepted/multi'),
        files: [path.join(dir, 'submissions/accepted/multi/Helper.java'), path.join(dir, 'submissions/accepted/multi/Main.java')],
        extraFiles: [],
        languageId: 'java',
      },
      {
        category: 'wrong_answer',
        name: 'submissions/wrong_answer/wrong.c',
        path: path.join(dir, 'submissions/wrong_answer/wrong.c'),
        files: [path.join(dir, 'submissions/wrong_answer/wrong.c')],
        languageId: 'c',
      },
    ]);
  });

  it('reads a 2023-07 package with nested groups, inherited settings and a validator with a header', async () => {
    const dir = fixture('modern-groups');
    const problem = await readProblemPackage(dir);
    expect(problem).toMatchObject({
      name: 'Subtasks',
      type: 'scoring',
      validation: 'custom',
      validatorFlags: ['case_sensitive', '--verbose'],
      comparison: { exact: false, caseSensitive: false, spaceChangeSensitive: false },
      limits: { timeMs: 1500, wallMs: 2500, memoryMb: 1024, validationPasses: 3 },
      outputValidator: {
        path: path.join(dir, 'output_validator'),
        files: [path.join(dir, 'output_validator/validator.cpp')],
        extraFiles: [path.join(dir, 'output_validator/validate.h')],
        languageId: 'cpp',
      },
    });
    // data/testdata.yaml (on_reject: continue) is inherited; accept scores come from each folder.
    expect(problem.sample).toMatchObject({ acceptScore: 1, onReject: 'continue' });
    const [group1, group2] = problem.secret.groups;
    expect(problem.secret).toMatchObject({ name: 'secret', acceptScore: 1, onReject: 'continue', tests: [] });
    expect(group1).toMatchObject({ name: 'secret/group1', acceptScore: 30, rejectScore: 0, onReject: 'continue', groups: [] });
    expect(group1?.tests.map((t) => t.name)).toEqual(['secret/group1/1', 'secret/group1/2']);
    expect(group2).toMatchObject({ name: 'secret/group2', acceptScore: 35, onReject: 'break' });
    expect(group2?.tests.map((t) => `${t.group} ${t.name}`)).toEqual(['secret/group2 secret/group2/0']);
    expect(group2?.groups.map((g) => [g.name, g.acceptScore, g.onReject, g.tests.map((t) => t.name)])).toEqual([
      ['secret/group2/a', 35, 'break', ['secret/group2/a/1']],
      ['secret/group2/b', 40, 'break', ['secret/group2/b/1']],
    ]);
    expect(problem.submissions.map((s) => [s.category, s.languageId])).toEqual([['accepted', 'cpp']]);
  });

  it('lets an interactive test go without an answer file', async () => {
    const problem = await readProblemPackage(fixture('interactive-guess'));
    expect(problem.validation).toBe('custom-interactive');
    expect(problem.outputValidator?.languageId).toBe('python');
    expect(problem.sample.tests[0]?.answerFile).toBe(path.join(fixture('interactive-guess'), 'data/sample/1.ans'));
    expect(problem.secret.tests[0]?.answerFile).toBe('/dev/null');
    expect(problem.limits).toMatchObject({ timeMs: 1000, timeSource: 'default', wallMs: 2000, memoryMb: 1024, outputKb: 8192 });
  });

  it('reads a legacy multi-pass package with its validator in output_validators/<name>/', async () => {
    const dir = fixture('legacy-multipass');
    const problem = await readProblemPackage(dir);
    expect(problem).toMatchObject({
      name: 'legacy-multipass',
      validation: 'custom-multipass',
      validatorFlags: ['--strict'],
      limits: { validationPasses: 4 },
      outputValidator: { path: path.join(dir, 'output_validators/checker'), languageId: 'python' },
      submissions: [],
    });
    expect(problem.sample.tests).toEqual([]);
  });

  it('reads every legacy spelling of validation', async () => {
    const cases: [string, string][] = [
      ['custom', 'custom'],
      ['custom interactive', 'custom-interactive'],
      ['custom multi-pass', 'custom-multipass'],
      ['custom multipass', 'custom-multipass'],
      ['multi-pass', 'custom-multipass'],
    ];
    for (const [value, mode] of cases) {
      const dir = await makePackage({ ...MINIMAL, 'problem.yaml': `validation: ${value}\n`, 'output_validators/v/v.py': '' });
      expect((await readProblemPackage(dir)).validation, value).toBe(mode);
    }
  });

  it('reads 2023-07 type lists and decides validation by the validator', async () => {
    const yaml = 'problem_format_version: 2023-07\ntype: [scoring, multi-pass]\n';
    const multipass = await makePackage({ ...MINIMAL, 'problem.yaml': yaml, 'output_validator/v.py': '' });
    expect(await readProblemPackage(multipass)).toMatchObject({ type: 'scoring', validation: 'custom-multipass' });
    const plain = await makePackage({ ...MINIMAL, 'problem.yaml': 'problem_format_version: 2023-07\n' });
    expect(await readProblemPackage(plain)).toMatchObject({ type: 'pass-fail', validation: 'default' });
  });

  it('takes the time limit from problem.yaml before .timelimit', async () => {
    const both = await makePackage({ ...MINIMAL, 'problem.yaml': 'limits: { time_limit: 3 }\n', '.timelimit': '5' });
    expect((await readProblemPackage(both)).limits).toMatchObject({ timeMs: 3000, timeSource: 'problem.yaml', wallMs: 4000 });
    const file = await makePackage({ ...MINIMAL, '.timelimit': '0.5\n' });
    expect((await readProblemPackage(file)).limits).toMatchObject({ timeMs: 500, timeSource: '.timelimit', wallMs: 1500 });
  });

  it('follows symbolic links that stay inside the package', async () => {
    const dir = await makePackage({ ...MINIMAL, 'shared/x.ans': '1\n' });
    await symlink('../../shared/x.ans', path.join(dir, 'data/secret/2.ans'));
    await writeFile(path.join(dir, 'data/secret/2.in'), '2\n');
    const problem = await readProblemPackage(dir);
    expect(problem.secret.tests[1]?.answerFile).toBe(path.join(dir, 'shared/x.ans'));
  });

  it('skips hidden files and folders', async () => {
    const dir = await makePackage({ ...MINIMAL, 'data/secret/.3.in': 'x', 'submissions/.git/HEAD': 'x', 'submissions/accepted/.gitkeep': '' });
    expect(await readProblemPackage(dir)).toMatchObject({ submissions: [] });
  });

  it('reads submissions/ as published: sources in other languages are skipped, other files ignored, none an issue', async () => {
    const dir = await makePackage({
      ...MINIMAL,
      'submissions/accepted/sol.py': 'print(1)\n',
      'submissions/accepted/sol.jl': 'println(1)\n',
      'submissions/accepted/sol.cob': '       DISPLAY 1.\n',
      'submissions/accepted/swift/main.swift': 'print(1)\n',
      'submissions/accepted/swift/README': 'run with swiftc\n',
      'submissions/accepted/NOTES.txt': 'the Julia one is the fastest\n',
      'submissions/accepted/.gitkeep': '',
      'submissions/accepted/mixed/a.py': 'x\n',
      'submissions/accepted/mixed/b.c': 'x\n',
      'submissions/wrong_answer/multi/main.py': 'import helper\n',
      'submissions/wrong_answer/multi/input.txt': '1\n',
      'submissions/stray.py': 'print(1)\n',
      'submissions/brute_force/slow.py': 'print(1)\n',
    });
    const pkg = await readProblemPackage(dir);
    expect(pkg.submissions.map((s) => [s.name, s.category, s.languageId])).toEqual([
      ['submissions/accepted/sol.py', 'accepted', 'python'],
      ['submissions/brute_force/slow.py', 'brute_force', 'python'],
      ['submissions/wrong_answer/multi', 'wrong_answer', 'python'],
    ]);
    expect(pkg.submissions[2]?.extraFiles).toEqual([path.join(dir, 'submissions/wrong_answer/multi/input.txt')]);
    expect(pkg.unjudged.map((u) => [u.name, u.kind, u.reason]).sort()).toEqual([
      ['submissions/accepted/.gitkeep', 'ignored', 'not a source file'],
      ['submissions/accepted/NOTES.txt', 'ignored', 'not a source file'],
      ['submissions/accepted/mixed', 'skipped', 'mixes source files of several languages (python: a.py; c: b.c)'],
      ['submissions/accepted/sol.cob', 'skipped', 'COBOL (.cob) is not a language of this installation'],
      ['submissions/accepted/sol.jl', 'skipped', 'Julia (.jl) is not a language of this installation'],
      ['submissions/accepted/swift', 'skipped', 'Swift (.swift) is not a language of this installation'],
      ['submissions/stray.py', 'ignored', 'not inside a category folder such as submissions/accepted/'],
    ]);
    expect(pkg.warnings).toEqual([]);
  });

  it('warns about problem.yaml keys the format does not know, and reads the package', async () => {
    const dir = await makePackage({ ...MINIMAL, 'problem.yaml': 'name: x\nrights_owner: me\nmy_tool: 1\n' });
    const pkg = await readProblemPackage(dir);
    expect(pkg.warnings.map((w) => `${path.relative(dir, w.file)}: ${w.message}`)).toEqual(['problem.yaml: my_tool is not a key of the format: ignored']);
  });
});

describe('readProblemPackage, malformed packages', () => {
  it('reports invalid YAML without the parser exception', async () => {
    const issues = await issuesOf(fixture('malformed-yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${shown('malformed-yaml', 'problem.yaml')}: invalid YAML: .+ at line \\d+, column \\d+$`));
  });

  it('lists every problem of a package at once, each naming its file', async () => {
    const at = (file: string): string => shown('malformed-many', file);
    expect(await issuesOf(fixture('malformed-many'))).toEqual([
      `${at('problem.yaml')}: limits.time_limit must be a positive number, got 'fast'`,
      `${at('problem.yaml')}: limits.memory must be a positive number, got -5`,
      `${at('problem.yaml')}: validation with score (scores reported by the validator) is not supported by juez`,
      `${at('.timelimit')}: must hold a positive number of seconds, got "abc"`,
      `${at('data/secret/1.in')}: has no matching 1.ans`,
      `${at('data/secret/2.ans')}: has no matching 2.in`,
      `${at('data/secret/g/testdata.yaml')}: accept_score must be a number, got 'lots'`,
      `${at('data/secret/g/testdata.yaml')}: on_reject must be 'break' or 'continue', got 'maybe'`,
      `${at('problem.yaml')}: validator flag 'float_tolerance' needs a non-negative number, got 'abc'`,
    ]);
  });

  it('formats the error message as one line per problem, headed by the package', async () => {
    await expect(readProblemPackage(fixture('malformed-no-data'))).rejects.toThrow(
      `problem package ${shown('malformed-no-data')} is invalid (2 problems):\n` +
        `  ${shown('malformed-no-data', 'problem.yaml')}: says validation is custom, but the package has no output validator (output_validators/NAME/ or output_validator/)\n` +
        `  ${shown('malformed-no-data', 'data')}: is missing: test cases go in data/sample and data/secret`,
    );
  });

  it('refuses a folder that does not exist or is not a folder', async () => {
    await expect(readProblemPackage(path.join(FIXTURES, 'no-such-package'))).rejects.toThrow(/no-such-package: cannot be opened \(ENOENT\)/);
    await expect(readProblemPackage(path.join(fixture('legacy-hello'), 'problem.yaml'))).rejects.toThrow(/problem.yaml: is not a directory/);
  });

  it('refuses a missing problem.yaml, test data without test cases, and unknown types', async () => {
    const dir = await makePackage({ 'data/secret/README': 'no tests yet' });
    expect(await issuesOf(dir)).toEqual([
      `${dir}/problem.yaml: is missing: every package needs one (it may be empty)`,
      `${dir}/data: holds no test cases (pairs of NAME.in and NAME.ans in data/sample and data/secret)`,
    ]);
    const types = await makePackage({ ...MINIMAL, 'problem.yaml': 'problem_format_version: 2023-07\ntype: [pass-fail, submit-answer]\n' });
    expect(await issuesOf(types)).toEqual([
      `${types}/problem.yaml: type must be one or more of pass-fail, scoring, interactive, multi-pass (["pass-fail","submit-answer"])`,
    ]);
    const legacyType = await makePackage({ ...MINIMAL, 'problem.yaml': 'type: interactive\nproblem_format_version: 2020\n' });
    expect(await issuesOf(legacyType)).toEqual([
      `${legacyType}/problem.yaml: problem_format_version must be 'legacy' or '2023-07', got 2020`,
      `${legacyType}/problem.yaml: type must be 'pass-fail' or 'scoring', got 'interactive'`,
    ]);
  });

  it('refuses a validator the problem does not use, and more than one validator', async () => {
    const unused = await makePackage({ ...MINIMAL, 'problem.yaml': 'validation: default\n', 'output_validators/v/v.py': '' });
    expect(await issuesOf(unused)).toEqual([
      `${unused}/problem.yaml: says validation: default, but the package has an output validator: set 'validation: custom' or remove it`,
    ]);
    const two = await makePackage({ ...MINIMAL, 'problem.yaml': 'validation: custom\n', 'output_validators/a/a.py': '', 'output_validators/b/b.py': '' });
    expect(await issuesOf(two)).toEqual([`${two}/output_validators: holds 2 validators (a, b): juez supports one`]);
    const both = await makePackage({ ...MINIMAL, 'problem.yaml': 'validation: custom\n', 'output_validators/a/a.py': '', 'output_validator/b.py': '' });
    expect(await issuesOf(both)).toEqual([`${both}/output_validators: and output_validator/ both exist: keep only one output validator`]);
  });

  it('refuses unsupported legacy validation; per-group validator and grader flags are read', async () => {
    const dir = await makePackage({
      ...MINIMAL,
      'problem.yaml': 'validation: custom interactive multi-pass\nvalidator_flags: 3\n',
      'output_validators/v/v.py': '',
      'data/secret/testdata.yaml': 'output_validator_flags: float_tolerance 1e-3\ngrader_flags: min\n',
    });
    expect(await issuesOf(dir)).toEqual([`${dir}/problem.yaml: interactive multi-pass problems are not supported by juez`]);
  });

  it('refuses symbolic links that leave the package', async () => {
    const outside = await makePackage({ 'secret.txt': 'password' }, 'outside');
    const dir = await makePackage(MINIMAL);
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'data/secret/2.ans'));
    await writeFile(path.join(dir, 'data/secret/2.in'), '2\n');
    await symlink(outside, path.join(dir, 'data/sample'));
    await mkdir(path.join(dir, 'submissions'));
    await symlink(outside, path.join(dir, 'submissions/accepted'));
    expect(await issuesOf(dir)).toEqual([
      `${dir}/data/sample: is a symbolic link that points outside the package`,
      `${dir}/data/secret/2.ans: is a symbolic link that points outside the package`,
      `${dir}/data/secret/2.in: has no matching 2.ans`,
      `${dir}/submissions/accepted: is a symbolic link that points outside the package`,
    ]);
  });

  it('refuses a data folder that leaves the package and a dangling link', async () => {
    const outside = await makePackage({ 'secret/1.in': 'x', 'secret/1.ans': 'x' }, 'outside-data');
    const dir = await makePackage({ 'problem.yaml': '' });
    await symlink(outside, path.join(dir, 'data'));
    await symlink('/nonexistent/file', path.join(dir, '.timelimit'));
    expect(await issuesOf(dir)).toEqual([
      `${dir}/.timelimit: is a symbolic link to nothing`,
      `${dir}/data: is a symbolic link that points outside the package`,
      `${dir}/data: is missing: test cases go in data/sample and data/secret`,
    ]);
  });

  it('survives a symbolic link loop', async () => {
    const dir = await makePackage(MINIMAL);
    await symlink('..', path.join(dir, 'data/secret/loop'));
    const issues = await issuesOf(dir);
    expect(issues).toEqual([`${dir}/data/secret/loop: is reached twice through symbolic links`]);
  });

  it('refuses entries that are neither files nor folders', async () => {
    const dir = await makePackage(MINIMAL);
    const fifo = path.join(dir, 'data/secret/2.in');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this machine: nothing to test
    }
    await writeFile(path.join(dir, 'data/secret/2.ans'), '2\n');
    expect(await issuesOf(dir)).toEqual([
      `${dir}/data/secret/2.in: is neither a regular file nor a directory`,
      `${dir}/data/secret/2.ans: has no matching 2.in`,
    ]);
  });
});
