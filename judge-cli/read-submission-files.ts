import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { findLanguage, languageForFile } from '../common/languages.js';
import type { Language } from '../common/language.js';
import type { Submission } from '../executor/judging/judge-submission.js';
import { CliError } from './cli-error.js';

/**
 * Builds a submission from paths given on the command line: files, or directories whose plain files (not
 * recursive) are all part of it. The language is `languageId` if given, else inferred from the
 * extensions; files of no known language (a README, input samples) travel along with the sources.
 * @throws CliError when a path cannot be read or the language cannot be decided.
 */
export async function readSubmissionFiles(
  paths: readonly string[],
  languageId: string | undefined,
  languages?: readonly Language[],
): Promise<Submission> {
  const files: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => {
      throw new CliError(`${given}: no such file or directory`);
    });
    if (info.isDirectory()) {
      const entries = await readdir(given, { withFileTypes: true });
      const inside = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(given, e.name));
      if (inside.length === 0) throw new CliError(`${given}: the directory holds no files`);
      files.push(...inside.sort());
    } else {
      files.push(given);
    }
  }
  const names = new Set<string>();
  for (const file of files) {
    const name = path.basename(file);
    if (names.has(name)) throw new CliError(`two files are named ${name}: a submission is one flat directory`);
    names.add(name);
  }
  const language = chooseLanguage(files, languageId, languages);
  return {
    languageId: language.id,
    files: await Promise.all(files.map(async (file) => ({ name: path.basename(file), content: await readFile(file) }))),
  };
}

function chooseLanguage(files: readonly string[], languageId: string | undefined, languages?: readonly Language[]): Language {
  if (languageId !== undefined) {
    const language = findLanguage(languageId, languages);
    if (language === undefined) throw new CliError(`unknown language '${languageId}'`);
    return language;
  }
  const found = new Map<string, Language>();
  for (const file of files) {
    const language = languageForFile(file, languages);
    if (language !== undefined) found.set(language.id, language);
  }
  const [first, ...others] = found.values();
  if (first === undefined) {
    throw new CliError(`cannot tell the language of ${files.map((f) => path.basename(f)).join(', ')}: use --language`);
  }
  if (others.length > 0) {
    throw new CliError(`the files mix languages (${[...found.keys()].join(', ')}): use --language`);
  }
  return first;
}
