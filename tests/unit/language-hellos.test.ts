import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LANGUAGE_FAMILIES, type Language } from '../../common/language.js';
import { findLanguage, loadLanguages, parseLanguages } from '../../common/languages.js';
import type { ReferenceSubmission } from '../../common/problem/problem.js';
import { chooseLanguageHellos } from '../../tests/bench/language-hellos.js';

const reference = (file: string, languageId: string, category = 'accepted'): ReferenceSubmission => ({
  path: `/p/submissions/${category}/${file}`,
  files: [`/p/submissions/${category}/${file}`],
  languageId,
  category,
  name: `submissions/${category}/${file}`,
});

const language = (id: string, extra: Partial<Language> & Record<string, unknown>): Language =>
  ({ id, name: id, extensions: [], run: ['./main'], family: 'compiled', ...extra }) as Language;

describe('language families', () => {
  it('every language of common/languages.yaml has one, so that the benchmark knows its goal', () => {
    const without = loadLanguages().filter((l) => l.family === undefined || !LANGUAGE_FAMILIES.includes(l.family));
    expect(without.map((l) => l.id)).toEqual([]);
  });

  it('are checked when the file is read', () => {
    const c = findLanguage('c') as Language;
    expect(() => parseLanguages(stringify([{ ...c, family: 'scripted' }]))).toThrow('entry 1 (c): family must be equal to one of the allowed values');
    expect(parseLanguages(stringify([{ ...c, family: 'jvm-mono-ghc' }]))[0]?.family).toBe('jvm-mono-ghc');
  });
});

describe('chooseLanguageHellos', () => {
  const submissions = [
    reference('hello.py', 'python'),
    reference('hello.c', 'c'),
    reference('slow.py', 'python', 'time_limit_exceeded'),
    reference('b.c', 'c'),
  ];

  it('takes the accepted reference the package reader gave the language, first by name', () => {
    const { hellos, leftOut } = chooseLanguageHellos(submissions, [language('c', { extensions: ['.c'] })]);
    expect(hellos.map((h) => [h.language.id, h.family, h.reference.name])).toEqual([['c', 'compiled', 'submissions/accepted/b.c']]);
    expect(leftOut).toEqual([]);
  });

  it('gives a language chosen only explicitly a reference whose files it takes when chosen', () => {
    const pypy = language('pypy3', { extensionsWhenChosen: ['.py'], family: 'interpreted' });
    const { hellos } = chooseLanguageHellos(submissions, [pypy]);
    expect(hellos.map((h) => [h.language.id, h.reference.name])).toEqual([['pypy3', 'submissions/accepted/hello.py']]);
  });

  it('leaves out, with the reason, a language without a hello or without a family', () => {
    const { hellos, leftOut } = chooseLanguageHellos(submissions, [
      language('rust', { extensions: ['.rs'] }),
      language('python', { extensions: ['.py'], family: undefined }),
    ]);
    expect(hellos).toEqual([]);
    expect(leftOut).toEqual([
      { languageId: 'rust', why: 'problems/hello has no accepted submission it takes' },
      { languageId: 'python', why: 'common/languages.yaml gives it no family, so no goal applies' },
    ]);
  });
});
