import { describe, expect, it } from 'vitest';
import type { Language } from '../../common/language.js';
import {
  chooseMainFile,
  expandCommand,
  findLanguage,
  findMainClass,
  languageForFile,
  LanguagesFileError,
  loadLanguages,
  mainBaseOf,
  parseLanguages,
} from '../../common/languages.js';

describe('loadLanguages', () => {
  it('loads and validates common/languages.yaml', () => {
    const languages = loadLanguages();
    expect(languages.map((l) => l.id)).toEqual(expect.arrayContaining(['c', 'cpp', 'python', 'java']));
    expect(loadLanguages()).toBe(languages);
  });

  it('lists every problem of a bad file, naming the entry', () => {
    const text = `
- id: ok
  name: OK
  extensions: [.ok]
  run: [./main]
- id: broken
  name: Broken
  extensions: [ok]
  run: []
  colour: blue
- name: No id
  extensions: [.x]
  run: ['{file}']
- id: ok
  name: Again
  extensions: [.ok]
  compile: [gcc, 'x{files}']
  run: [./main]
  mainFilePattern: '('
`;
    expect(() => parseLanguages(text, 'languages.yaml')).toThrow(LanguagesFileError);
    expect(() => parseLanguages(text, 'languages.yaml')).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          "entry 2 (broken): must NOT have additional properties 'colour'",
          'entry 2 (broken): extensions.0 must match pattern "^\\.[^./\\s]+$"',
          'entry 2 (broken): run must NOT have fewer than 1 items',
          "entry 3: must have required property 'id'",
          "entry 4 (ok): id 'ok' is used by an earlier entry",
          "entry 4 (ok): extension '.ok' already belongs to 'ok'",
          'entry 4 (ok): mainFilePattern is not a valid regular expression',
          'entry 4 (ok): compile: {files} must be an argument on its own',
        ]),
      }),
    );
    expect(() => parseLanguages(text, 'languages.yaml')).toThrow(/^languages.yaml is invalid:\n {2}- entry 2 \(broken\)/);
  });
  it('rejects unknown placeholders, invalid YAML, explicit nulls and a file that is not a list', () => {
    const entry = "- { id: x, name: X, extensions: [.x], run: ['{mian}'] }";
    expect(() => parseLanguages(entry)).toThrow('entry 1 (x): run uses unknown placeholder {mian}');
    expect(() => parseLanguages('- [unclosed')).toThrow(/invalid YAML/);
    expect(() => parseLanguages('id: x')).toThrow(/must be a non-empty list/);
    const withNull = "- { id: x, name: X, extensions: [.x], run: [a], compile: null }";
    expect(() => parseLanguages(withNull)).toThrow('compile must not be null');
  });

  it('accepts a known mainClassFinder, and {mainClass} only with one', () => {
    const java = "- { id: x, name: X, extensions: [.x], run: [j, '{mainClass}'], mainClassFinder: java }";
    expect(parseLanguages(java)[0]?.mainClassFinder).toBe('java');
    const unknown = "- { id: x, name: X, extensions: [.x], run: [j, '{mainClass}'], mainClassFinder: cobol }";
    expect(() => parseLanguages(unknown)).toThrow("entry 1 (x): mainClassFinder 'cobol' is none of juez's (java, kotlin, scala)");
    const without = "- { id: x, name: X, extensions: [.x], run: [j], packageRun: [j, '{mainClass}'] }";
    expect(() => parseLanguages(without)).toThrow('entry 1 (x): packageRun uses {mainClass} but no mainClassFinder says how to find it');
  });

  it('checks the placeholders of packageRun', () => {
    const bad = "- { id: x, name: X, extensions: [.x], run: [a], packageRun: [a, '{mian}'] }";
    expect(() => parseLanguages(bad)).toThrow('entry 1 (x): packageRun uses unknown placeholder {mian}');
  });

  it('runs Python package programs with the site module and submissions without it', () => {
    const python = findLanguage('python') as Language;
    expect(python.run).toContain('-S');
    expect(python.packageRun).toEqual(['python3', '{main}']);
  });

  it('accepts compileCheckedByRun only with a compile command', () => {
    const checked = "- { id: x, name: X, extensions: [.x], run: [a], compile: [c], compileCheckedByRun: true }";
    expect(parseLanguages(checked)[0]?.compileCheckedByRun).toBe(true);
    const nothingToCheck = "- { id: x, name: X, extensions: [.x], run: [a], compileCheckedByRun: true }";
    expect(() => parseLanguages(nothingToCheck)).toThrow('entry 1 (x): compileCheckedByRun needs a compile command');
  });
});

describe('findLanguage and languageForFile', () => {
  it('finds by id', () => {
    expect(findLanguage('python')?.name).toBe('Python 3');
    expect(findLanguage('cobol')).toBeUndefined();
  });

  it('finds by extension, ignoring case', () => {
    expect(languageForFile('a.cc')?.id).toBe('cpp');
    expect(languageForFile('dir/Main.JAVA')?.id).toBe('java');
    expect(languageForFile('notes.txt')).toBeUndefined();
    expect(languageForFile('Makefile')).toBeUndefined();
    expect(languageForFile('validate.h')).toBeUndefined();
  });
});

describe('expandCommand', () => {
  const values = { files: ['a.c', 'b.c'], main: 'Main.java', mainBase: 'Main', memoryMb: 256 };

  it('expands {files} to several arguments and substitutes the others inside arguments', () => {
    expect(expandCommand(['gcc', '-o', 'main', '{files}', '-lm'], values)).toEqual(['gcc', '-o', 'main', 'a.c', 'b.c', '-lm']);
    expect(expandCommand(['java', '-Xmx{memoryMb}m', '-cp', '.', '{mainBase}'], values)).toEqual([
      'java',
      '-Xmx256m',
      '-cp',
      '.',
      'Main',
    ]);
    expect(expandCommand(['python3', '{main}', '{main}'], values)).toEqual(['python3', 'Main.java', 'Main.java']);
    expect(expandCommand(['echo', '{other}'], values)).toEqual(['echo', '{other}']);
  });

  it('expands the real languages.yaml commands', () => {
    const java = findLanguage('java') as Language;
    expect(expandCommand(java.run, values)).toContain('-Xmx256m');
    expect(expandCommand(java.run, { ...values, mainClass: 'pkg.sub.Main' }).at(-1)).toBe('pkg.sub.Main');
  });
});

describe('findMainClass', () => {
  const java = findLanguage('java') as Language;

  it('names the class that declares main, with its package, whatever the file is called', () => {
    const files = [
      { name: 'solution-v2.java', content: 'package app.x;\nclass Main { public static void main(String[] a) {} }' },
      { name: 'Util.java', content: Buffer.from('package app.x;\nclass Util {}') },
      { name: 'notes.txt', content: 'public static void main(String[] a) in a note does not count' },
    ];
    expect(findMainClass(java, files)).toEqual({ ok: true, mainClass: 'app.x.Main' });
  });

  it('says why there is none to run', () => {
    const two = [
      { name: 'a.java', content: 'class A { public static void main(String[] a) {} }' },
      { name: 'b.java', content: 'class B { public static void main(String[] a) {} }' },
    ];
    expect(findMainClass(java, two)).toMatchObject({ ok: false, message: expect.stringContaining('several classes') });
    expect(findMainClass(java, [{ name: 'a.java', content: 'class A {}' }])).toMatchObject({ ok: false, message: expect.stringContaining('no class') });
  });

  it('is undefined for a language without a finder', () => {
    expect(findMainClass(findLanguage('python') as Language, [{ name: 'a.py', content: '' }])).toBeUndefined();
  });
});

describe('mainBaseOf', () => {
  it('drops directory and extension', () => {
    expect(mainBaseOf('Main.java')).toBe('Main');
    expect(mainBaseOf('src/Main.java')).toBe('Main');
    expect(mainBaseOf('a.b.py')).toBe('a.b');
    expect(mainBaseOf('main')).toBe('main');
  });
});

describe('chooseMainFile', () => {
  // A language that names its main file by a pattern (Java itself runs a class: see findMainClass).
  const java: Language = { ...(findLanguage('java') as Language), mainFilePattern: 'static\\s+void\\s+main\\s*\\(' };
  const python = findLanguage('python') as Language;

  it('picks the file matching mainFilePattern', () => {
    const files = [
      { name: 'A.java', content: 'class A {}' },
      { name: 'Solution.java', content: 'public class Solution { public static void main(String[] args) {} }' },
    ];
    expect(chooseMainFile(java, files)).toBe('Solution.java');
  });

  it('takes the first in name order when nothing matches, or without a pattern', () => {
    expect(chooseMainFile(java, [{ name: 'B.java', content: '' }, { name: 'A.java', content: '' }])).toBe('A.java');
    expect(chooseMainFile(python, [{ name: 'util.py', content: '' }, { name: 'main.py', content: '' }])).toBe('main.py');
  });

  it('prefers files of the language over other files', () => {
    expect(chooseMainFile(python, [{ name: 'data.txt', content: '' }, { name: 'z.py', content: '' }])).toBe('z.py');
    expect(chooseMainFile(python, [{ name: 'b.txt', content: '' }, { name: 'a.txt', content: '' }])).toBe('a.txt');
  });

  it('reads Buffer contents', () => {
    const files = [
      { name: 'A.java', content: Buffer.from('class A {}') },
      { name: 'B.java', content: Buffer.from('static void main(') },
    ];
    expect(chooseMainFile(java, files)).toBe('B.java');
  });

  it('refuses an empty submission', () => {
    expect(() => chooseMainFile(python, [])).toThrow(RangeError);
  });
});
