/**
 * problem.yaml `languages`: parsed in both formats, mapped onto juez's languages through their
 * `formatCodes`, warnings for codes nobody knows, and reference submissions in other languages skipped.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from '../../common/language.js';
import { LanguagesFileError, loadLanguages, parseLanguages } from '../../common/languages.js';
import { allowedLanguageIds, describeDisallowed, readAllowedLanguages, skipDisallowedSubmissions } from '../../common/problem/allowed-languages.js';
import { FORMAT_LANGUAGE_CODES } from '../../common/problem/format-language-codes.js';
import { parseProblemYaml } from '../../common/problem/problem-yaml.js';
import type { ReferenceSubmission } from '../../common/problem/problem.js';
import { ProblemPackageError } from '../../common/problem/problem-package-error.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';

/** problem.yaml text → its `languages`, with what was reported and warned. */
function parse(yaml: string): { codes: string[] | undefined; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const settings = parseProblemYaml(yaml, (m) => problems.push(m), (m) => warnings.push(m));
  return { codes: settings.languages, problems, warnings };
}
const MODERN = 'problem_format_version: 2023-07\n';

/** readAllowedLanguages over the real table, with its warnings. */
function allow(codes: string[] | undefined, languages: readonly Language[] = loadLanguages()) {
  const warnings: string[] = [];
  const allowed = readAllowedLanguages(codes, languages, (m) => warnings.push(m));
  return { allowed, warnings };
}

describe('problem.yaml languages', () => {
  it('is every language (undefined) when absent, null, or all, in both formats', () => {
    for (const yaml of ['', 'languages:\n', 'languages: all\n', `${MODERN}languages: all\n`, `${MODERN}languages: [all]\n`]) {
      expect(parse(yaml), yaml).toEqual({ codes: undefined, problems: [], warnings: [] });
    }
  });

  it('reads the legacy space-separated text and the 2023-07 list, each shape in either format', () => {
    expect(parse('languages: python3 cpp\n')).toEqual({ codes: ['python3', 'cpp'], problems: [], warnings: [] });
    expect(parse(`${MODERN}languages: [python3, cpp]\n`)).toEqual({ codes: ['python3', 'cpp'], problems: [], warnings: [] });
    expect(parse(`${MODERN}languages: python3 cpp\n`).codes).toEqual(['python3', 'cpp']);
    expect(parse('languages:\n  - java\n  - kotlin\n').codes).toEqual(['java', 'kotlin']);
  });

  it('lower-cases the codes and keeps each once, in the order given', () => {
    expect(parse("languages: '  Python3   CPP python3\tc '\n").codes).toEqual(['python3', 'cpp', 'c']);
  });

  it("warns when 'all' comes with other codes, and allows everything", () => {
    expect(parse('languages: all cpp\n')).toEqual({
      codes: undefined,
      problems: [],
      warnings: ["languages gives 'all' with other codes (cpp): every language is allowed"],
    });
  });

  it('reports a value of the wrong type, or one that names no language', () => {
    expect(parse('languages: 3\n').problems).toEqual(["languages must be 'all' or a text of space-separated language codes, got 3"]);
    expect(parse(`${MODERN}languages: {python3: true}\n`).problems).toEqual([
      'languages must be \'all\' or a list of language codes, got {"python3":true}',
    ]);
    expect(parse(`${MODERN}languages: [c, 3]\n`).problems).toHaveLength(1);
    expect(parse(`${MODERN}languages: []\n`).problems).toEqual(["languages names no language: give 'all' or at least one language code"]);
    expect(parse("languages: '  '\n").problems).toEqual(["languages names no language: give 'all' or at least one language code"]);
  });
});

describe('the format codes of common/languages.yaml', () => {
  const languages = loadLanguages();

  it('every language has them, and its first is a code of the format, except those outside its table', () => {
    // R and awk are not in the format's language table (as far as we know); their codes are DOMjudge's.
    const outsideTable = new Set(['r', 'awk']);
    for (const language of languages) {
      expect(language.formatCodes?.length, language.id).toBeGreaterThan(0);
      const first = language.formatCodes?.[0] ?? '';
      expect(FORMAT_LANGUAGE_CODES.has(first) || outsideTable.has(language.id), `${language.id}: ${first}`).toBe(true);
    }
  });

  it('maps python3 to CPython and PyPy, and each other code to its one language', () => {
    expect(allowedLanguageIds(['python3'], languages)).toEqual(['python', 'pypy3']);
    expect(allowedLanguageIds(['pypy3'], languages)).toEqual(['pypy3']);
    expect(allowedLanguageIds(['cpp', 'python3'], languages)).toEqual(['cpp', 'python', 'pypy3']);
    expect(allowedLanguageIds(['lisp'], languages)).toEqual(['lisp']);
    expect(allowedLanguageIds(['commonlisp'], languages)).toEqual(['lisp']);
    expect(allowedLanguageIds(['prolog'], languages)).toEqual(['prolog']);
    expect(allowedLanguageIds(['perl'], languages)).toEqual(['perl']);
    expect(allowedLanguageIds(['cobol', 'python2'], languages)).toEqual([]);
    // Every code some entry claims allows exactly the entries that claim it.
    for (const language of languages) {
      for (const code of language.formatCodes ?? []) expect(allowedLanguageIds([code], languages), code).toContain(language.id);
    }
  });

  it('are refused when not lower-case words, or listed twice', () => {
    const entry = (codes: string) => `- id: x\n  name: X\n  extensions: [.x]\n  formatCodes: ${codes}\n  run: [./x]\n`;
    expect(parseLanguages(entry('[x, x2]'))[0]?.formatCodes).toEqual(['x', 'x2']);
    expect(() => parseLanguages(entry('[Python3]'))).toThrow(LanguagesFileError);
    expect(() => parseLanguages(entry('[c, c]'))).toThrow(/formatCodes must NOT have duplicate items/);
    expect(() => parseLanguages(entry('[]'))).toThrow(/formatCodes must NOT have fewer than 1 items/);
  });
});

describe('readAllowedLanguages', () => {
  it('allows everything, silently, when problem.yaml says all', () => {
    expect(allow(undefined)).toEqual({ allowed: undefined, warnings: [] });
  });

  it('maps the codes to ids; a code of a language this installation lacks is fine', () => {
    expect(allow(['python3', 'cobol', 'cpp'])).toEqual({ allowed: { codes: ['python3', 'cobol', 'cpp'], ids: ['cpp', 'python', 'pypy3'] }, warnings: [] });
  });

  it('warns about a code no table knows, naming it, and hints at the code of a juez id', () => {
    expect(allow(['python', 'cpp', 'fortran77']).warnings).toEqual([
      "languages: 'python' is not a language code of the format (juez's python is 'python3'): ignored",
      "languages: 'fortran77' is not a language code of the format: ignored",
    ]);
    expect(allow(['python', 'cpp']).allowed).toEqual({ codes: ['python', 'cpp'], ids: ['cpp'] });
  });

  it('takes the codes the installation claims beyond the format table (awk, r) without a warning', () => {
    expect(allow(['awk', 'r'])).toEqual({ allowed: { codes: ['awk', 'r'], ids: ['r', 'awk'] }, warnings: [] });
  });

  it('warns when no language of the installation is allowed at all', () => {
    const onlyC = loadLanguages().filter((language) => language.id === 'c');
    expect(allow(['java', 'kotlin'], onlyC)).toEqual({
      allowed: { codes: ['java', 'kotlin'], ids: [] },
      warnings: ['languages allows java kotlin, none of them a language of this installation: no submission can be judged here'],
    });
  });

  it('says what a refusal is about', () => {
    expect(describeDisallowed({ codes: ['python3', 'cpp'], ids: ['cpp', 'python', 'pypy3'] }, 'java')).toBe(
      "problem.yaml's languages (python3 cpp) does not allow java; allowed: cpp, python, pypy3",
    );
    expect(describeDisallowed({ codes: ['cobol'], ids: [] }, 'c')).toBe(
      "problem.yaml's languages (cobol) does not allow c; none of them a language of this installation",
    );
  });
});

describe('skipDisallowedSubmissions', () => {
  const reference = (name: string, languageId: string): ReferenceSubmission => ({
    name: `submissions/accepted/${name}`,
    category: 'accepted',
    path: `/p/submissions/accepted/${name}`,
    files: [`/p/submissions/accepted/${name}`],
    languageId,
  });
  const read = { submissions: [reference('a.py', 'python'), reference('A.java', 'java')], unjudged: [] };

  it('keeps everything when every language is allowed', () => {
    expect(skipDisallowedSubmissions(read, undefined)).toBe(read);
  });

  it('moves submissions in other languages to the skipped ones, with the reason', () => {
    const { submissions, unjudged } = skipDisallowedSubmissions(read, { codes: ['python3'], ids: ['python', 'pypy3'] });
    expect(submissions.map((s) => s.name)).toEqual(['submissions/accepted/a.py']);
    expect(unjudged).toEqual([
      { name: 'submissions/accepted/A.java', category: 'accepted', kind: 'skipped', reason: 'java is not allowed by problem.yaml languages (python3)' },
    ]);
  });
});

describe('readProblemPackage with languages', () => {
  const temporary: string[] = [];
  afterAll(async () => {
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function makePackage(files: Record<string, string>): Promise<string> {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'juez-languages-')), 'restricted');
    temporary.push(path.dirname(dir));
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    return dir;
  }
  const DATA = { 'data/secret/1.in': '1\n', 'data/secret/1.ans': '1\n' };

  it('carries the allowed languages, warns about unknown codes and skips references in other languages', async () => {
    const dir = await makePackage({
      ...DATA,
      'problem.yaml': 'languages: python3 cpp klingon\n',
      'submissions/accepted/a.py': 'print(1)\n',
      'submissions/accepted/a.cpp': 'int main() {}\n',
      'submissions/accepted/A.java': 'class A {}\n',
      'submissions/wrong_answer/kt/Main.kt': 'fun main() {}\n',
      'submissions/accepted/sol.cob': '       DISPLAY 1.\n',
    });
    const pkg = await readProblemPackage(dir);
    expect(pkg.allowedLanguages).toEqual({ codes: ['python3', 'cpp', 'klingon'], ids: ['cpp', 'python', 'pypy3'] });
    expect(pkg.submissions.map((s) => s.name).sort()).toEqual(['submissions/accepted/a.cpp', 'submissions/accepted/a.py']);
    expect(pkg.unjudged.map((u) => [u.name, u.kind, u.reason]).sort()).toEqual([
      ['submissions/accepted/A.java', 'skipped', 'java is not allowed by problem.yaml languages (python3 cpp klingon)'],
      ['submissions/accepted/sol.cob', 'skipped', 'COBOL (.cob) is not a language of this installation'],
      ['submissions/wrong_answer/kt', 'skipped', 'kotlin is not allowed by problem.yaml languages (python3 cpp klingon)'],
    ]);
    expect(pkg.warnings.map((w) => `${path.relative(dir, w.file)}: ${w.message}`)).toEqual([
      "problem.yaml: languages: 'klingon' is not a language code of the format: ignored",
    ]);
  });

  it('allows every language by default, and refuses a languages value of the wrong type naming the file', async () => {
    const open = await readProblemPackage(await makePackage({ ...DATA, 'problem.yaml': 'name: x\n', 'submissions/accepted/A.java': 'class A {}\n' }));
    expect(open.allowedLanguages).toBeUndefined();
    expect(open.submissions.map((s) => s.languageId)).toEqual(['java']);

    const dir = await makePackage({ ...DATA, 'problem.yaml': 'problem_format_version: 2023-07\nlanguages: [python3]\n' });
    expect((await readProblemPackage(dir)).allowedLanguages?.ids).toEqual(['python', 'pypy3']);
    const wrong = await makePackage({ ...DATA, 'problem.yaml': 'languages: {python3: true}\n' });
    await expect(readProblemPackage(wrong)).rejects.toThrow(ProblemPackageError);
    await expect(readProblemPackage(wrong)).rejects.toThrow(/problem\.yaml: languages must be 'all' or a text of space-separated language codes/);
  });
});
