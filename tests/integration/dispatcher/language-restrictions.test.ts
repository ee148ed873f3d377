/**
 * problem.yaml's `languages` at the dispatcher: the problem view lists the languages a problem allows, and a
 * submission or a run for it in another language gets 422 `language_not_allowed`, before 409
 * `language_unavailable` (a refusal for good before one that says "retry later"). Real Redis and RabbitMQ.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguages } from '../../../common/languages.js';
import { startTestDispatcher, takeTask, type TestDispatcher } from './dispatcher-test-kit.js';
import { tarGzOf, tempDir, writeSimplePackage } from './test-packages.js';

let t: TestDispatcher;
let student: string;
let teacher: string;

/** Uploads the simple package as `problemId`, its problem.yaml's `languages` set to `languages` (if any). */
async function upload(problemId: string, languages?: string): Promise<void> {
  const { dir, remove } = await tempDir();
  await writeSimplePackage(dir);
  if (languages !== undefined) await writeFile(path.join(dir, 'problem.yaml'), `name: Echo\nlanguages: ${languages}\n`);
  const response = await t.call('POST', `/api/v1/problems/${problemId}/versions?courseId=c1`, {
    token: teacher,
    body: await tarGzOf(dir),
    contentType: 'application/gzip',
  });
  await remove();
  expect(response.status, response.text).toBe(201);
}

/** A source file of each language the tests submit in (what they hold does not matter: nothing is judged). */
const SOURCES: Record<string, { name: string; content: string }> = {
  python: { name: 'a.py', content: 'print(input())\n' },
  pypy3: { name: 'a.py', content: 'print(input())\n' },
  java: { name: 'A.java', content: 'class A {}\n' },
  c: { name: 'a.c', content: 'int main(void) { return 0; }\n' },
  cobol: { name: 'a.cob', content: 'DISPLAY 1.\n' },
};
const source = (languageId: string) => SOURCES[languageId] as { name: string; content: string };
const submit = (problemId: string, languageId: string) =>
  t.call('POST', '/api/v1/submissions', { token: student, json: { problemId, languageId, files: [source(languageId)] } });
const run = (languageId: string, problemId?: string) =>
  t.call('POST', '/api/v1/runs', { token: student, json: { languageId, files: [source(languageId)], stdin: '1\n', ...(problemId && { problemId }) } });

beforeAll(async () => {
  t = await startTestDispatcher();
  student = t.token('alice', 'student', ['c1']);
  teacher = t.token('tina', 'instructor', ['c1']);
  // Python, C and C++ are served; Java and PyPy are not (in the table, but no executor has them).
  await t.advertise(undefined);
  await t.advertise({ python: '3.11.2', c: '12.2.0', cpp: '12.2.0' }, 'exec-a');
  await upload('open');
  await upload('restricted', 'python3 cpp klingon');
  await upload('foreign', 'cobol');
  // The dispatcher's snapshot of the executors' languages is at most a second old.
  await sleep(1_100);
});

afterAll(async () => {
  await t?.close();
});

describe("the problem view's languages", () => {
  it('lists every language of the table for a problem without restriction', async () => {
    const view = await t.call('GET', '/api/v1/problems/open', { token: student });
    expect(view.status).toBe(200);
    expect(view.body.languages).toEqual(loadLanguages().map((language) => language.id));
    expect(view.body).not.toHaveProperty('languageCodes');
  });

  it("lists only the allowed ones; staff also see problem.yaml's codes and the warning about an unknown one", async () => {
    const view = await t.call('GET', '/api/v1/problems/restricted', { token: student });
    expect(view.body.languages).toEqual(['cpp', 'python', 'pypy3']);
    expect(view.body).not.toHaveProperty('languageCodes');
    expect(view.body).not.toHaveProperty('warnings');
    const staff = await t.call('GET', '/api/v1/problems/restricted', { token: teacher });
    expect(staff.body).toMatchObject({ languages: ['cpp', 'python', 'pypy3'], languageCodes: ['python3', 'cpp', 'klingon'] });
    expect(staff.body.warnings).toContain("problem.yaml: languages: 'klingon' is not a language code of the format: ignored");
    expect((await t.call('GET', '/api/v1/problems/foreign', { token: student })).body.languages).toEqual([]);
  });
});

describe('submitting in a language the problem does not allow', () => {
  it('is refused with 422 language_not_allowed listing the allowed languages, and queues nothing', async () => {
    const refused = await submit('restricted', 'c');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({
      code: 'language_not_allowed',
      message: "Problem 'restricted' does not allow 'c'; allowed: cpp, python, pypy3.",
      details: { problemId: 'restricted', languageId: 'c', allowed: ['cpp', 'python', 'pypy3'] },
    });
    expect(await takeTask(t.queuePrefix, 'submission')).toBeUndefined();
    const listed = await t.call('GET', '/api/v1/submissions?problem=restricted', { token: student });
    expect(listed.body.items).toEqual([]);
  });

  it('accepts an allowed language, and any language for a problem without restriction', async () => {
    const accepted = await submit('restricted', 'python');
    expect(accepted.status, accepted.text).toBe(202);
    expect(await takeTask(t.queuePrefix, 'submission')).toMatchObject({ id: accepted.body.id, problemId: 'restricted', languageId: 'python' });
    expect((await submit('open', 'c')).status).toBe(202);
    expect(await takeTask(t.queuePrefix, 'submission')).toMatchObject({ problemId: 'open', languageId: 'c' });
  });

  it('refuses in order: unknown_language, unknown_problem, language_not_allowed, then language_unavailable', async () => {
    expect((await submit('restricted', 'cobol')).body.error.code).toBe('unknown_language');
    // Java is neither allowed nor served: the refusal for good comes first, not "retry later".
    const both = await submit('restricted', 'java');
    expect(both.status).toBe(422);
    expect(both.body.error.code).toBe('language_not_allowed');
    expect((await submit('nope', 'java')).body.error.code).toBe('unknown_problem');
    // PyPy is allowed (python3) but no executor serves it now.
    const unavailable = await submit('restricted', 'pypy3');
    expect(unavailable.status).toBe(409);
    expect(unavailable.body.error.code).toBe('language_unavailable');
  });

  it('says so when the problem allows no language of this installation', async () => {
    const refused = await submit('foreign', 'python');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'language_not_allowed', details: { problemId: 'foreign', languageId: 'python', allowed: [] } });
    expect(refused.body.error.message).toBe(
      "Problem 'foreign' allows only cobol, none of them a language of this installation: it takes no submissions; tell the course staff.",
    );
  });
});

describe('runs', () => {
  it("follow the problem's languages when tied to it, and take any served language otherwise", async () => {
    const refused = await run('c', 'restricted');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'language_not_allowed', details: { allowed: ['cpp', 'python', 'pypy3'] } });
    expect(await takeTask(t.queuePrefix, 'run')).toBeUndefined();
    const allowed = await run('python', 'restricted');
    expect(allowed.status, allowed.text).toBe(202);
    expect(await takeTask(t.queuePrefix, 'run')).toMatchObject({ kind: 'run', problemId: 'restricted', languageId: 'python' });
    expect((await run('c')).status).toBe(202);
    expect((await run('java')).body.error.code).toBe('language_unavailable');
  });
});
