/**
 * Archives that extract fine but hold a broken package: malformed problem.yaml (YAML errors, wrong
 * types, unknown settings, alias bombs, binary), missing or half test data. Each upload is refused with
 * 400 invalid_problem_package listing every problem as `<file>: <what is wrong>`, in words the author can
 * act on, and nothing is left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostileZip, tarEntriesOf, tarGz, validPackageFiles, zipEntriesOf } from './hostile-archives.js';
import { startGuardedDispatcher, type GuardedDispatcher } from './upload-guard.js';

let g: GuardedDispatcher;
beforeAll(async () => {
  g = await startGuardedDispatcher();
});
afterAll(async () => {
  await g?.close();
});
afterEach(async () => {
  await g.expectNothingWritten();
});

/** Uploads the valid package with `overrides` (undefined removes a file) and returns the listed problems. */
async function problemsOf(overrides: Record<string, string | undefined>, format: 'zip' | 'tar.gz' = 'zip'): Promise<string[]> {
  const files = validPackageFiles(overrides);
  const body = format === 'zip' ? hostileZip(zipEntriesOf(files)) : tarGz(tarEntriesOf(files));
  const response = await g.upload(body, format === 'zip' ? 'application/zip' : 'application/gzip', 'broken');
  expect(response.status, response.text).toBe(400);
  expect(response.body.error.code).toBe('invalid_problem_package');
  expect(response.body.error.message).toMatch(/see details for every problem/);
  expect(response.text).not.toMatch(/juez-upload-|\/tmp\/|\n\s+at /);
  expect((await g.t.call('GET', '/api/v1/problems/broken', { token: g.teacher })).status).toBe(404);
  return response.body.error.details.problems;
}

describe('a malformed problem.yaml', () => {
  it.each<[string, string, RegExp]>([
    ['a YAML syntax error', 'name: [unclosed\nlimits: {\n', /^problem\.yaml: invalid YAML: /],
    ['a tab indentation error', 'limits:\n\tmemory: 5\n', /^problem\.yaml: invalid YAML: /],
    ['a list instead of a mapping', '- name\n- limits\n', /^problem\.yaml: must be a mapping of keys to values$/],
    ['a plain text', 'just some words\n', /^problem\.yaml: must be a mapping of keys to values$/],
    ['a name that is a list', 'name: [1, 2]\n', /^problem\.yaml: name must be a text, or a mapping from language code to text$/],
    ['limits that are a number', 'limits: 5\n', /^problem\.yaml: limits must be a mapping$/],
    ['a memory limit in words', 'limits:\n  memory: lots\n', /^problem\.yaml: limits\.memory must be a positive number, got 'lots'$/],
    ['a negative time limit', 'limits:\n  time_limit: -1\n', /^problem\.yaml: limits\.time_limit must be a positive number, got -1$/],
    ['an infinite time limit', 'limits:\n  time_limit: .inf\n', /^problem\.yaml: limits\.time_limit must be a positive number, got Infinity$/],
    ['a fractional number of passes', 'limits:\n  validation_passes: 2.5\n', /^problem\.yaml: limits\.validation_passes must be a positive whole number/],
    ['an unknown validation', 'validation: magic\n', /^problem\.yaml: validation must be 'default', 'custom', 'custom interactive' or 'custom multi-pass', got 'magic'$/],
    ['validation with score', 'validation: custom score\n', /^problem\.yaml: validation with score .* is not supported by juez$/],
    ['custom validation without a validator', 'validation: custom\n', /^problem\.yaml: says validation is custom, but the package has no output validator/],
    ['a type that is a number', 'type: 42\n', /^problem\.yaml: type must be 'pass-fail' or 'scoring', got 42$/],
    ['an unknown format version', 'problem_format_version: 1999-01\n', /^problem\.yaml: problem_format_version must be 'legacy' or '2023-07'/],
    ['validator flags that are a mapping', 'validator_flags: {a: 1}\n', /^problem\.yaml: validator_flags must be a text of space-separated flags$/],
    ['a comparison flag without its number', 'validator_flags: float_tolerance banana\n', /^problem\.yaml: validator flag 'float_tolerance' needs a non-negative number, got 'banana'$/],
  ])('is refused for %s', async (_what, yaml, expected) => {
    const problems = await problemsOf({ 'problem.yaml': yaml });
    expect(problems).toContainEqual(expect.stringMatching(expected));
  });

  it('is refused for an alias bomb (billion laughs) without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i += 1) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const problems = await problemsOf({ 'problem.yaml': `${levels.join('\n')}\nname: bomb\n` });
    expect(problems).toContainEqual(expect.stringMatching(/^problem\.yaml: invalid YAML: too many aliases or an unresolvable alias$/));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is refused for binary garbage, invalid UTF-8, or a folder named problem.yaml', async () => {
    const binary = await problemsOf({ 'problem.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x3a, 0x0a, 0x5b]).toString('latin1') });
    expect(binary).toContainEqual(expect.stringMatching(/^problem\.yaml: invalid YAML: /));
    const folder = await problemsOf({ 'problem.yaml': undefined, 'problem.yaml/x': 'name: x\n' });
    expect(folder).toContainEqual('problem.yaml: must be a file');
  });

  it('lists every problem at once', async () => {
    const problems = await problemsOf({ 'problem.yaml': 'type: 42\nvalidation: magic\nlimits:\n  memory: lots\n  time_limit: -3\n' }, 'tar.gz');
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it('is accepted with warnings for keys the format does not know (packages carry tool-specific ones)', async () => {
    const files = validPackageFiles({ 'problem.yaml': 'name: Tolerated\nrights_owner: someone\nmy_tool_setting: 3\nlimits:\n  cpu_cores: 64\n' });
    const response = await g.upload(hostileZip(zipEntriesOf(files)), 'application/zip', 'tolerated');
    expect(response.status, response.text).toBe(201);
    expect(response.body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^problem\.yaml: my_tool_setting is not a key of the format: ignored/),
        expect.stringMatching(/^problem\.yaml: limits\.cpu_cores is not a limit of the format: ignored/),
      ]),
    );
    expect(response.body.warnings.join('\n')).not.toMatch(/rights_owner/);
  });
});

describe('missing data', () => {
  it('is refused without problem.yaml', async () => {
    expect(await problemsOf({ 'problem.yaml': undefined })).toContainEqual('problem.yaml: is missing: every package needs one (it may be empty)');
  });

  it('is refused without any test data', async () => {
    const problems = await problemsOf({ 'data/sample/1.in': undefined, 'data/sample/1.ans': undefined, 'data/secret/1.in': undefined, 'data/secret/1.ans': undefined });
    expect(problems).toContainEqual('data: is missing: test cases go in data/sample and data/secret');
  });


  it('is refused with an input but no answer, or an answer but no input', async () => {
    const noAnswer = await problemsOf({ 'data/secret/1.ans': undefined, 'data/secret/2.in': '2\n', 'data/secret/2.ans': '2\n' });
    expect(noAnswer).toEqual(['data/secret/1.in: has no matching 1.ans']);
    const noInput = await problemsOf({ 'data/secret/1.in': undefined, 'data/secret/2.in': '2\n', 'data/secret/2.ans': '2\n' }, 'tar.gz');
    expect(noInput).toEqual(['data/secret/1.ans: has no matching 1.in']);
  });

  it('is refused for an empty archive', async () => {
    const response = await g.upload(hostileZip([]), 'application/zip', 'broken');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_problem_package');
    expect(response.body.error.details.problems).toEqual(
      expect.arrayContaining(['problem.yaml: is missing: every package needs one (it may be empty)', 'data: is missing: test cases go in data/sample and data/secret']),
    );
  });
});
