/**
 * Programs shipped inside a package: the output validator and the reference submissions. A program is a
 * single source file or a folder of files; its language comes from the file extensions. A validator's (or
 * grader's) folder may instead hold `build` / `run` scripts.
 */
import path from 'node:path';
import type { Language } from '../language.js';
import { languageForFile } from '../languages.js';
import type { PackageEntry, PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import type { PackageProgram } from './problem.js';

/** The `languageId` of a program made of `build` / `run` scripts (PackageProgram.scripts). */
export const BUILD_RUN_SCRIPTS = 'build-run';

export interface ReadProgramOptions {
  /**
   * Read a folder holding a file `build` or `run` as a build/run program (problemtools' rule, which the
   * format allows for validators and graders, not for submissions). Default false.
   */
  scripts?: boolean;
}

/**
 * A program from a file or a folder. In a folder, the files of a known language are the sources and the
 * rest (headers, data) are extra files; a folder mixing two languages is refused. Undefined (with an issue
 * recorded) when the language cannot be told; the caller decides whether that issue is an error.
 */
export async function readPackageProgram(
  files: PackageFiles,
  entry: PackageEntry,
  languages: readonly Language[],
  issues: Pick<PackageIssues, 'add'>,
  options: ReadProgramOptions = {},
): Promise<PackageProgram | undefined> {
  const known = `known extensions: ${languages.flatMap((l) => l.extensions).join(' ')}`;
  if (entry.kind === 'file') {
    const language = languageForFile(entry.name, languages);
    if (language === undefined) {
      issues.add(entry.path, `cannot tell the language from the file extension (${known})`);
      return undefined;
    }
    return { path: entry.realPath, files: [entry.realPath], languageId: language.id };
  }
  const all = (await files.filesBelow(entry)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (options.scripts === true) {
    const scripts = readScripts(entry, all);
    if (scripts !== undefined) return scripts;
  }
  const byLanguage = new Map<string, PackageEntry[]>();
  for (const file of all) {
    const id = languageForFile(file.name, languages)?.id;
    if (id !== undefined) byLanguage.set(id, [...(byLanguage.get(id) ?? []), file]);
  }
  const [first, ...others] = byLanguage.entries();
  if (first === undefined) {
    issues.add(entry.path, `holds no source file in a known language (${known})`);
    return undefined;
  }
  if (others.length > 0) {
    const mix = [first, ...others].map(([id, sources]) => `${id}: ${sources.map((s) => s.name).join(', ')}`);
    issues.add(entry.path, `mixes source files of several languages (${mix.join('; ')})`);
    return undefined;
  }
  const [languageId, sources] = first;
  const extraFiles = all.filter((file) => !sources.includes(file)).map((file) => file.realPath);
  return { path: entry.realPath, files: sources.map((s) => s.realPath), extraFiles, languageId };
}

/**
 * A folder (`all`: every file below it) with `build` and/or `run` directly in it: every file is the
 * program's (the scripts may compile or read any of them). Undefined when there is neither script.
 */
function readScripts(entry: PackageEntry, all: readonly PackageEntry[]): PackageProgram | undefined {
  const has = (name: string): boolean => all.some((file) => file.path === path.join(entry.path, name));
  if (!has('build') && !has('run')) return undefined;
  return { path: entry.realPath, files: all.map((file) => file.realPath), languageId: BUILD_RUN_SCRIPTS, scripts: { build: has('build') } };
}

/**
 * The output validator: the folder output_validator/ (2023-07), or the one program inside
 * output_validators/ (legacy). `present` says whether the package has one at all, even a broken one.
 */
export async function readOutputValidator(
  files: PackageFiles,
  languages: readonly Language[],
  issues: PackageIssues,
): Promise<{ present: boolean; program?: PackageProgram }> {
  const modern = await files.at('output_validator');
  const legacy = await files.at('output_validators');
  if (modern !== undefined && legacy !== undefined) {
    issues.add(legacy.path, 'and output_validator/ both exist: keep only one output validator');
    return { present: true };
  }
  if (modern !== undefined) {
    if (modern.kind !== 'dir') issues.add(modern.path, 'must be a folder holding the validator');
    const program = modern.kind === 'dir' ? await readPackageProgram(files, modern, languages, issues, { scripts: true }) : undefined;
    return { present: true, ...(program && { program }) };
  }
  if (legacy === undefined) return { present: false };
  if (legacy.kind !== 'dir') {
    issues.add(legacy.path, 'must be a folder holding the validator');
    return { present: true };
  }
  const entries = await files.list(legacy);
  if (entries.length === 0) return { present: false };
  const [only, ...more] = entries;
  if (only === undefined || more.length > 0) {
    issues.add(legacy.path, `holds ${entries.length} validators (${entries.map((e) => e.name).join(', ')}): juez supports one`);
    return { present: true };
  }
  const program = await readPackageProgram(files, only, languages, issues, { scripts: true });
  return { present: true, ...(program && { program }) };
}
