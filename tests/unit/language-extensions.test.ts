/** Which language a file name tells, when two languages share an extension (.pl, .py). */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../common/language.js';
import { chooseMainFile, findLanguage, isSourceOf, languageForFile, parseLanguages } from '../../common/languages.js';

const TWO_SHARING = `
- { id: prolog, name: Prolog, extensions: [.pl, .pro], run: [swipl] }
- { id: perl, name: Perl, extensions: [.pm], extensionsWhenChosen: [.pl], run: [perl, '{main}'] }
- { id: python, name: Python, extensions: [.py], run: [python3, '{main}'] }
- { id: pypy3, name: PyPy, extensions: [], extensionsWhenChosen: [.py], run: [pypy3, '{main}'] }
`;

describe('extensionsWhenChosen', () => {
  it('leaves a shared extension to its owner whatever the order of the entries', () => {
    const languages = parseLanguages(TWO_SHARING);
    const reversed = [...languages].reverse();
    for (const table of [languages, reversed]) {
      expect(languageForFile('sum.pl', table)?.id).toBe('prolog');
      expect(languageForFile('Sum.PY', table)?.id).toBe('python');
      expect(languageForFile('sum.pm', table)?.id).toBe('perl');
    }
  });

  it("makes the shared extension a source of the chosen language: its compiler's files and its main file", () => {
    const [, perl] = parseLanguages(TWO_SHARING) as [Language, Language];
    expect(isSourceOf(perl, 'a.pl')).toBe(true);
    expect(isSourceOf(perl, 'a.PM')).toBe(true);
    expect(isSourceOf(perl, 'README')).toBe(false);
    expect(chooseMainFile(perl, [{ name: 'notes.txt', content: '' }, { name: 'sum.pl', content: '' }])).toBe('sum.pl');
  });

  it('refuses an extension nobody owns, its own extension, and an entry with no extension at all', () => {
    const unowned = "- { id: x, name: X, extensions: [.x], extensionsWhenChosen: [.y], run: [a] }";
    expect(() => parseLanguages(unowned)).toThrow("entry 1 (x): extensionsWhenChosen '.y' belongs to no entry: list it in extensions");
    const own = "- { id: x, name: X, extensions: [.x], extensionsWhenChosen: [.x], run: [a] }";
    expect(() => parseLanguages(own)).toThrow("entry 1 (x): extensionsWhenChosen '.x' is in its own extensions already");
    const none = "- { id: x, name: X, extensions: [], run: [a] }";
    expect(() => parseLanguages(none)).toThrow('entry 1 (x): needs extensions, or extensionsWhenChosen');
    const twice = `- { id: x, name: X, extensions: [.x], run: [a] }\n- { id: y, name: Y, extensions: [.x], run: [a] }`;
    expect(() => parseLanguages(twice)).toThrow("entry 2 (y): extension '.x' already belongs to 'x'");
  });

  it('gives .pl to Prolog and .py to CPython in common/languages.yaml, as the package format does', () => {
    expect(languageForFile('hello.pl')?.id).toBe('prolog');
    expect(languageForFile('hello.pm')?.id).toBe('perl');
    expect(languageForFile('hello.py')?.id).toBe('python');
    expect(findLanguage('perl')?.extensionsWhenChosen).toEqual(['.pl']);
    expect(findLanguage('pypy3')?.extensionsWhenChosen).toEqual(['.py']);
  });
});
