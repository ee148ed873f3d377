/**
 * Reading the grading settings of a package: testdata.yaml keys (legacy and 2023-07), their inheritance,
 * warnings for what juez ignores, sample-only test data, graders/, and problems/aplusb's 30 + 70.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../common/judge-result.js';
import { ProblemPackageError } from '../../common/problem/problem-package-error.js';
import type { ProblemPackage, TestGroup } from '../../common/problem/problem.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { gradeSubmission } from '../../executor/judging/grade-groups.js';
import { testOrder } from '../../executor/judging/score-groups.js';

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function makePackage(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'juez-grading-'));
  temporary.push(root);
  const dir = path.join(root, 'p');
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

const TEST = (at: string): Record<string, string> => ({ [`${at}.in`]: '1\n', [`${at}.ans`]: '1\n' });
const SCORING = { 'problem.yaml': 'type: scoring\n', ...TEST('data/sample/1') };

async function issuesOf(dir: string): Promise<string[]> {
  const error: unknown = await readProblemPackage(dir).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProblemPackageError);
  return (error as ProblemPackageError).issues.map((i) => `${path.relative(dir, i.file)}: ${i.message}`);
}

const warningsOf = (problem: ProblemPackage, dir: string): string[] =>
  problem.warnings.map((w) => `${path.relative(dir, w.file)}: ${w.message}`);

const find = (problem: ProblemPackage, name: string): TestGroup | undefined => {
  const search = (g: TestGroup): TestGroup | undefined => (g.name === name ? g : g.groups.map(search).find((f) => f !== undefined));
  return search(problem.secret) ?? search(problem.sample);
};

describe('testdata.yaml settings', () => {
  it('are inherited per key from the nearest folder that sets them, else the defaults', async () => {
    const dir = await makePackage({
      ...SCORING,
      'data/testdata.yaml': 'on_reject: continue\ngrader_flags: worst_error\nrange: 0 100\n',
      'data/secret/g1/testdata.yaml': 'accept_score: 30\nreject_score: "-1"\n',
      ...TEST('data/secret/g1/1'),
      'data/secret/g1/deeper/testdata.yaml': 'grader_flags: min\non_reject: break\nrange: -inf +inf\n',
      ...TEST('data/secret/g1/deeper/1'),
    });
    const problem = await readProblemPackage(dir);
    expect(problem.grading).toMatchObject({ onReject: 'continue', graderFlags: ['worst_error'], range: { min: 0, max: 100 }, acceptScore: 1 });
    expect(problem.sample).toMatchObject({ onReject: 'continue', graderFlags: ['worst_error'], acceptScore: 1 });
    expect(find(problem, 'secret/g1')).toMatchObject({ acceptScore: 30, rejectScore: -1, onReject: 'continue', graderFlags: ['worst_error'] });
    expect(find(problem, 'secret/g1/deeper')).toMatchObject({
      acceptScore: 30,
      rejectScore: -1,
      onReject: 'break',
      graderFlags: ['min'],
      range: { min: -Infinity, max: Infinity },
    });
    expect(problem.warnings).toEqual([]);
  });

  it('reads every legacy key; grading: custom needs graders/', async () => {
    const dir = await makePackage({
      ...SCORING,
      ...TEST('data/secret/1'),
      'data/secret/testdata.yaml':
        'grading: custom\ngrader_flags: --weights 1 2\ninput_validator_flags: --max 10\noutput_validator_flags: float_tolerance 1e-6\n',
    });
    expect(await issuesOf(dir)).toEqual(['graders: is missing or empty, but data/secret says grading: custom']);
    await mkdir(path.join(dir, 'graders'));
    await writeFile(path.join(dir, 'graders/grader.py'), 'print("AC 0")\n');
    const problem = await readProblemPackage(dir);
    expect(problem.secret).toMatchObject({ grading: 'custom', graderFlags: ['--weights', '1', '2'], outputValidatorFlags: ['float_tolerance', '1e-6'] });
    expect(problem.grader).toMatchObject({ files: [path.join(dir, 'graders/grader.py')], languageId: 'python' });
    expect(problem.warnings).toEqual([]);
  });

  it('passes a group\'s output_validator_flags after problem.yaml\'s: parsed for the default validator', async () => {
    const dir = await makePackage({
      'problem.yaml': 'validator_flags: case_sensitive\n',
      ...TEST('data/sample/1'),
      ...TEST('data/secret/plain/1'),
      ...TEST('data/secret/floats/1'),
      'data/secret/floats/testdata.yaml': 'output_validator_flags: float_tolerance 1e-3\n',
    });
    const problem = await readProblemPackage(dir);
    expect(find(problem, 'secret/plain')?.tests[0]).not.toHaveProperty('comparison');
    expect(find(problem, 'secret/floats')?.tests[0]).toMatchObject({
      validatorFlags: ['float_tolerance', '1e-3'],
      comparison: { caseSensitive: true, floatAbsoluteTolerance: 1e-3, floatRelativeTolerance: 1e-3 },
    });
    const bad = await makePackage({ ...SCORING, ...TEST('data/secret/1'), 'data/secret/testdata.yaml': 'output_validator_flags: float_tolerance\n' });
    expect(await issuesOf(bad)).toEqual(["data/secret: output_validator_flags: validator flag 'float_tolerance' needs a number after it"]);
  });

  it('gives a custom validator the group flags as they are', async () => {
    const dir = await makePackage({
      'problem.yaml': 'validation: custom\nvalidator_flags: a\n',
      'output_validators/v/v.py': '',
      ...TEST('data/secret/1'),
      'data/secret/testdata.yaml': 'output_validator_flags: --mode strict\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.secret.tests[0]).toMatchObject({ validatorFlags: ['--mode', 'strict'] });
    expect(problem.secret.tests[0]).not.toHaveProperty('comparison');
  });

  it('reads the 2023-07 keys: test_group.yaml, output_validator_args, scoring.score and scoring.aggregation', async () => {
    const dir = await makePackage({
      'problem.yaml': 'problem_format_version: 2023-07\ntype: scoring\n',
      ...TEST('data/sample/1'),
      ...TEST('data/secret/g1/1'),
      'data/secret/g1/test_group.yaml': 'scoring:\n  score: 25\n  aggregation: min\noutput_validator_args: [space_change_sensitive]\nfull_feedback: true\n',
    });
    const problem = await readProblemPackage(dir);
    expect(find(problem, 'secret/g1')).toMatchObject({ acceptScore: 25, graderFlags: ['min'], outputValidatorFlags: ['space_change_sensitive'] });
    expect(problem.warnings).toEqual([]);
  });

  it('warns about unknown keys, unknown default grader flags and a second settings file, and reads on', async () => {
    const dir = await makePackage({
      ...SCORING,
      ...TEST('data/secret/1'),
      'data/secret/testdata.yaml': 'acept_score: 10\ngrader_flags: min median\nscoring:\n  weight: 2\n',
      'data/secret/test_group.yaml': 'accept_score: 5\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.secret).toMatchObject({ acceptScore: 1, graderFlags: ['min', 'median'] });
    expect(warningsOf(problem, dir)).toEqual([
      'data/secret/test_group.yaml: and testdata.yaml both exist: testdata.yaml is read, test_group.yaml ignored',
      'data/secret/testdata.yaml: acept_score is not a key of testdata.yaml: ignored',
      'data/secret/testdata.yaml: scoring.weight is not a key of scoring: ignored',
      'data/secret/testdata.yaml: grader_flags median: not a flag of the default grader, ignored (known: first_error worst_error always_accept sum avg min max ignore_sample accept_if_any_accepted)',
    ]);
  });

  it('refuses values that cannot mean anything', async () => {
    const dir = await makePackage({
      ...SCORING,
      ...TEST('data/secret/1'),
      'data/secret/testdata.yaml':
        'accept_score: lots\non_reject: stop\ngrading: fancy\nrange: 10 0\ngrader_flags: {a: 1}\nscoring: {aggregation: max}\n',
    });
    expect(await issuesOf(dir)).toEqual([
      "data/secret/testdata.yaml: accept_score must be a number, got 'lots'",
      "data/secret/testdata.yaml: on_reject must be 'break' or 'continue', got 'stop'",
      "data/secret/testdata.yaml: grading must be 'default' or 'custom', got 'fancy'",
      'data/secret/testdata.yaml: range must be two numbers "min max" (inf, -inf, +inf allowed), got \'10 0\'',
      'data/secret/testdata.yaml: grader_flags must be a string of flags, got {"a":1}',
      "data/secret/testdata.yaml: scoring.aggregation must be 'sum' or 'min', got 'max'",
    ]);
  });
});

describe('test data without secret tests, and graders/', () => {
  it('judges a package with samples only on them, with a warning', async () => {
    const dir = await makePackage({ 'problem.yaml': '', ...TEST('data/sample/1'), ...TEST('data/sample/2') });
    const problem = await readProblemPackage(dir);
    expect(testOrder(problem).map((t) => t.name)).toEqual(['sample/1', 'sample/2']);
    expect(warningsOf(problem, dir)).toEqual(['data/secret: is missing: judged on the sample tests only']);
    const empty = await makePackage({ 'problem.yaml': '', ...TEST('data/sample/1'), 'data/secret/.keep': '' });
    expect(warningsOf(await readProblemPackage(empty), empty)).toEqual(['data/secret: holds no test cases: judged on the sample tests only']);
  });

  it('refuses test data with no test case at all', async () => {
    const dir = await makePackage({ 'problem.yaml': '', 'data/sample/README': 'soon' });
    expect(await issuesOf(dir)).toEqual(['data: holds no test cases (pairs of NAME.in and NAME.ans in data/sample and data/secret)']);
  });

  it('warns about a grader no group uses, and refuses two graders', async () => {
    const unused = await makePackage({ ...SCORING, ...TEST('data/secret/1'), 'graders/g.py': '' });
    const problem = await readProblemPackage(unused);
    expect(problem.grader).toBeUndefined();
    expect(warningsOf(problem, unused)).toEqual(['graders: is not used: no testdata.yaml says grading: custom']);
    const two = await makePackage({
      ...SCORING,
      ...TEST('data/secret/1'),
      'data/testdata.yaml': 'grading: custom\n',
      'graders/a.py': '',
      'graders/b.py': '',
    });
    expect(await issuesOf(two)).toEqual(['graders: holds 2 graders (a.py, b.py): juez supports one']);
  });
});

describe('problems/aplusb', () => {
  const all = (problem: ProblemPackage, verdicts: Record<string, 'WA'> = {}): TestCaseResult[] =>
    testOrder(problem).map((t) => ({ name: t.name, group: t.group, verdict: verdicts[t.name] ?? 'AC', cpuMs: 1, wallMs: 1, memoryKb: 1 }));

  it('gives 30 + 70 = 100 to a full solution, 70 or 30 for one failed group, with the samples worth 0', async () => {
    const problem = await readProblemPackage('problems/aplusb');
    expect(await gradeSubmission(problem, all(problem))).toMatchObject({ verdict: 'AC', score: 100, maxScore: 100 });
    expect(await gradeSubmission(problem, all(problem, { 'secret/group1/02-random': 'WA' }))).toMatchObject({ verdict: 'WA', score: 70 });
    expect(await gradeSubmission(problem, all(problem, { 'secret/group2/03-mixed': 'WA' }))).toMatchObject({ verdict: 'WA', score: 30 });
    expect(await gradeSubmission(problem, all(problem, { 'sample/1': 'WA' }))).toMatchObject({ verdict: 'WA', score: 100 });
  });
});

describe("problem.yaml's legacy grading keys", () => {
  it('apply to every group over testdata.yaml, on_reject first_error / grade as break / continue (problemtools)', async () => {
    const dir = await makePackage({
      ...SCORING,
      'problem.yaml': 'type: scoring\ngrading:\n  accept_score: 5\n  on_reject: grade\n  objective: max\n  show_test_data_groups: true\n',
      ...TEST('data/secret/g/1'),
      'data/secret/g/testdata.yaml': 'accept_score: 50\non_reject: break\ngrader_flags: min\n',
    });
    const problem = await readProblemPackage(dir);
    expect(problem.grading).toMatchObject({ acceptScore: 5, onReject: 'continue' });
    expect(find(problem, 'secret/g')).toMatchObject({ acceptScore: 5, onReject: 'continue', graderFlags: ['min'] });
    expect(problem.warnings).toEqual([]);
  });

  it('refuses a value that cannot mean anything, once, naming problem.yaml', async () => {
    const dir = await makePackage({
      ...SCORING,
      'problem.yaml': 'type: scoring\ngrading:\n  accept_score: lots\n  on_reject: stop\n',
      ...TEST('data/secret/a/1'),
      ...TEST('data/secret/b/1'),
    });
    expect(await issuesOf(dir)).toEqual([
      "problem.yaml: grading.on_reject must be 'first_error' or 'grade', got 'stop'",
      "problem.yaml: grading: accept_score must be a number, got 'lots'",
    ]);
  });
});
