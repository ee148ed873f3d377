/**
 * File names in submissions and runs become file names in a sandbox: every name that could leave the
 * working folder, hide, or confuse a compiler or a shell is refused with 400 validation_failed naming the
 * field (`files.<i>.name`), before anything is stored or queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDispatcher, takeTask, type TestDispatcher } from '../integration/dispatcher/dispatcher-test-kit.js';
import { hostileZip, validPackageFiles, zipEntriesOf } from './hostile-archives.js';

let t: TestDispatcher;
let student: string;

beforeAll(async () => {
  t = await startTestDispatcher();
  student = t.token('sam', 'student', ['c1']);
  const teacher = t.token('tina', 'instructor', ['c1']);
  const upload = await t.call('POST', '/api/v1/problems/names/versions?courseId=c1', {
    token: teacher,
    body: hostileZip(zipEntriesOf(validPackageFiles())),
    contentType: 'application/zip',
  });
  expect(upload.status, upload.text).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const HOSTILE_NAMES: [string, string][] = [
  ['parent traversal', '../x.c'],
  ['deep traversal', '../../../../etc/cron.d/x'],
  ['an absolute path', '/etc/passwd'],
  ['a subfolder', 'a/b.c'],
  ['a backslash', 'a\\b.c'],
  ['a NUL byte', 'a.c\u0000.py'],
  ['a newline', 'a\n.c'],
  ['a very long name', `${'a'.repeat(300)}.c`],
  ['a hidden file', '.hidden'],
  ['a dot', '.'],
  ['two dots', '..'],
  ['a leading dash (an option to the compiler)', '-o.c'],
  ['a space', 'my file.c'],
  ['shell metacharacters', 'a;rm -rf ~.c'],
  ['a glob', '*.c'],
  ['non-ASCII letters', 'ñandú.c'],
  ['a right-to-left override', 'exe\u202Ec.py'],
  ['an emoji', '🙂.py'],
  ['a fullwidth solidus', 'a／b.c'],
  ['an empty name', ''],
];

async function expectNameRefused(path: string, body: Record<string, unknown>, index: number): Promise<void> {
  const response = await t.call('POST', path, { token: student, json: body });
  expect(response.status, response.text).toBe(400);
  expect(response.body.error.code).toBe('validation_failed');
  expect(response.body.error.message).toMatch(/see details/);
  const fields: { in: string; field: string; message: string }[] = response.body.error.details.fields;
  expect(fields).toContainEqual(expect.objectContaining({ in: 'body', field: `files.${index}.name` }));
  for (const field of fields) expect(field.message.length).toBeGreaterThan(0);
}

describe('submitted file names', () => {
  it.each(HOSTILE_NAMES)('refuses %s in a submission', async (_what, name) => {
    const files = [{ name: 'ok.py', content: 'print(1)\n' }, { name, content: 'print(2)\n' }];
    await expectNameRefused('/api/v1/submissions', { problemId: 'names', languageId: 'python', files }, 1);
  });

  it.each(HOSTILE_NAMES)('refuses %s in a run', async (_what, name) => {
    await expectNameRefused('/api/v1/runs', { languageId: 'python', files: [{ name, content: 'print(1)\n' }], stdin: '' }, 0);
  });

  it('refuses a name that is not a text, and two names differing only in case', async () => {
    const wrongType = await t.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'names', languageId: 'python', files: [{ name: 42, content: 'x' }] },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details.fields).toContainEqual({ in: 'body', field: 'files.0.name', message: 'must be string' });
    const twins = await t.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'names', languageId: 'python', files: [{ name: 'Main.py', content: 'x' }, { name: 'main.py', content: 'y' }] },
    });
    expect(twins.status).toBe(400);
    expect(twins.body.error.details.fields).toEqual([{ in: 'body', field: 'files.1.name', message: 'repeats the name of an earlier file' }]);
  });

  it('queued nothing for any refused name, and still takes a plain one', async () => {
    expect(await takeTask(t.queuePrefix, 'submission')).toBeUndefined();
    expect(await takeTask(t.queuePrefix, 'run')).toBeUndefined();
    const plain = await t.call('POST', '/api/v1/submissions', {
      token: student,
      json: { problemId: 'names', languageId: 'python', files: [{ name: 'sol_1.v2+x-y.py', content: 'print(1)\n' }] },
    });
    expect(plain.status, plain.text).toBe(202);
    expect(await takeTask(t.queuePrefix, 'submission')).toMatchObject({ id: plain.body.id });
  });
});
