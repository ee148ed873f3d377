/**
 * Validators as the format allows them: one source, several files with their headers, or a folder with
 * `build` / `run` scripts; and the language each is built and run with.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLanguage } from '../../common/languages.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { makeScriptsLanguage, modeOfPackageFile, SCRIPT_MODE } from '../../executor/judging/build-run-scripts.js';
import { findPackageProgramLanguage } from '../../executor/judging/output-validator.js';

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A package with a custom validator made of `validator` (paths below output_validators/v/ → contents). */
async function withValidator(validator: Record<string, string>, submissions: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'juez-program-'));
  temporary.push(root);
  const files: Record<string, string> = {
    'problem.yaml': 'validation: custom\n',
    'data/secret/1.in': '1\n',
    'data/secret/1.ans': '1\n',
    ...Object.fromEntries(Object.entries(validator).map(([name, content]) => [`output_validators/v/${name}`, content])),
    ...submissions,
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

describe('a validator folder', () => {
  it('with C++ sources and headers (validate.h, testlib.h, .hpp) is C++, the headers travel along', async () => {
    const dir = await withValidator({
      'validator.cpp': '#include "validate.h"\n',
      'helper.cc': '',
      'validate.h': '',
      'testlib.h': '',
      'include/util.hpp': '',
    });
    const problem = await readProblemPackage(dir);
    const v = path.join(dir, 'output_validators/v');
    expect(problem.outputValidator).toEqual({
      path: v,
      files: [path.join(v, 'helper.cc'), path.join(v, 'validator.cpp')],
      extraFiles: [path.join(v, 'include/util.hpp'), path.join(v, 'testlib.h'), path.join(v, 'validate.h')],
      languageId: 'cpp',
    });
  });

  it('with a C source and a header is C', async () => {
    const dir = await withValidator({ 'validator.c': '', 'validate.h': '' });
    expect((await readProblemPackage(dir)).outputValidator?.languageId).toBe('c');
  });

  it('with build and run scripts is a build/run program holding every file', async () => {
    const dir = await withValidator({ build: '#!/bin/sh\n', run: '#!/bin/sh\n', 'src/check.py': '', 'README.md': '' });
    const v = path.join(dir, 'output_validators/v');
    expect((await readProblemPackage(dir)).outputValidator).toEqual({
      path: v,
      files: [path.join(v, 'README.md'), path.join(v, 'build'), path.join(v, 'run'), path.join(v, 'src/check.py')],
      languageId: 'build-run',
      scripts: { build: true },
    });
  });

  it('with only a run script, or only a build script, is a build/run program too', async () => {
    const runOnly = await withValidator({ run: '#!/bin/sh\nexit 42\n' });
    expect((await readProblemPackage(runOnly)).outputValidator).toMatchObject({ languageId: 'build-run', scripts: { build: false } });
    // `build` must then write `run`; its sources (a .c and a .py) do not make the folder "mixed".
    const buildOnly = await withValidator({ build: 'gcc -o run a.c\n', 'a.c': '', 'b.py': '' });
    expect((await readProblemPackage(buildOnly)).outputValidator).toMatchObject({ languageId: 'build-run', scripts: { build: true } });
  });

  it('with a script in a sub-folder only is read by its sources', async () => {
    const dir = await withValidator({ 'tools/run': '', 'check.py': '' });
    expect((await readProblemPackage(dir)).outputValidator).toMatchObject({ languageId: 'python' });
    expect((await readProblemPackage(dir)).outputValidator?.scripts).toBeUndefined();
  });

  it('is read as scripts only for validators: a reference submission folder with a run file is judged by its sources', async () => {
    const dir = await withValidator({ 'check.py': '' }, { 'submissions/accepted/multi/run': '', 'submissions/accepted/multi/sol.py': '' });
    const [submission] = (await readProblemPackage(dir)).submissions;
    expect(submission).toMatchObject({ languageId: 'python', extraFiles: [path.join(dir, 'submissions/accepted/multi/run')] });
    expect(submission?.scripts).toBeUndefined();
  });
});

describe('findPackageProgramLanguage', () => {
  it('builds a build/run program with its build script, then runs run through sh', () => {
    const both = findPackageProgramLanguage({ path: '/p', files: [], languageId: 'build-run', scripts: { build: true } });
    expect(both).toMatchObject({ id: 'build-run', compile: ['/bin/sh', '-c', expect.stringContaining('./build')], run: ['/bin/sh', '-c', 'exec ./run "$@"', 'run'] });
    const runOnly = findPackageProgramLanguage({ path: '/p', files: [], languageId: 'build-run', scripts: { build: false } });
    expect(runOnly).toEqual(makeScriptsLanguage({ build: false }));
    expect((runOnly as { compile?: unknown }).compile).toBeUndefined();
  });

  it('finds a language in the table, and says which program names an unknown one', () => {
    expect(findPackageProgramLanguage({ path: '/p/v.py', files: ['/p/v.py'], languageId: 'python' })).toBe(findLanguage('python'));
    const unknown = findPackageProgramLanguage({ path: '/p/v.kt', files: ['/p/v.kt'], languageId: 'kotlin' }, []);
    expect(unknown).toBeInstanceOf(Error);
    expect((unknown as Error).message).toBe("the language 'kotlin' of /p/v.kt is unknown");
  });
});

describe('modeOfPackageFile', () => {
  it('makes the build and run scripts executable, and nothing else', () => {
    const scripts = { path: '/p', files: [], languageId: 'build-run', scripts: { build: true } };
    expect(modeOfPackageFile(scripts, 'build')).toBe(SCRIPT_MODE);
    expect(modeOfPackageFile(scripts, 'run')).toBe(SCRIPT_MODE);
    expect(modeOfPackageFile(scripts, 'src/run')).toBeUndefined();
    expect(modeOfPackageFile({ path: '/p', files: [], languageId: 'python' }, 'run')).toBeUndefined();
  });
});
