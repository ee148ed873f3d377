/**
 * The soak's raw material: the reference submissions of the example problems (problems/<name>/submissions/
 * <folder>/), each with the verdict its folder promises. Nothing is invented: every soak submission is one
 * of these files, sent as a student or an LMS would send it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { CATEGORY_VERDICTS } from '../../common/problem/expected-results.js';
import type { Verdict } from '../../common/verdict.js';

/** One reference submission, ready to be posted. */
export interface SoakReference {
  /** `hello/accepted/hello.py`: problem, folder, file (the name used in reports). */
  name: string;
  /** Problem id (the package's directory name) and its directory. */
  problem: string;
  problemDir: string;
  /**
   * The first verdict its folder allows (common/problem/expected-results.ts): the example problems file each
   * submission under the folder of exactly the verdict it gets, so the soak holds them to it.
   */
  expected: Verdict;
  languageId: string;
  files: { name: string; content: string }[];
}

/** Which references take part; an empty or missing list means all. */
export interface CatalogFilter {
  problems?: readonly string[];
  languages?: readonly string[];
}

/**
 * Every reference submission under `problemsRoot` (one package per directory) that passes `filter`.
 * @throws Error when nothing is left, or a filter names a problem or language no package has.
 */
export async function loadReferenceCatalog(problemsRoot: string, filter: CatalogFilter = {}): Promise<SoakReference[]> {
  const entries = await readdir(problemsRoot, { withFileTypes: true });
  const problemDirs = entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(problemsRoot, entry.name)).sort();
  const wanted = (list: readonly string[] | undefined, value: string): boolean => list === undefined || list.length === 0 || list.includes(value);
  const references: SoakReference[] = [];
  const seenLanguages = new Set<string>();
  for (const dir of problemDirs) {
    if (!wanted(filter.problems, path.basename(dir))) continue;
    const pkg = await readProblemPackage(dir);
    for (const submission of pkg.submissions) {
      const expected = CATEGORY_VERDICTS[submission.category]?.[0];
      seenLanguages.add(submission.languageId);
      if (expected === undefined || !wanted(filter.languages, submission.languageId)) continue;
      const files = await Promise.all(
        submission.files.map(async (file) => ({ name: path.basename(file), content: await readFile(file, 'utf8') })),
      );
      references.push({
        name: `${pkg.shortName}/${path.relative(path.join(pkg.dir, 'submissions'), submission.path)}`,
        problem: pkg.shortName,
        problemDir: pkg.dir,
        expected,
        languageId: submission.languageId,
        files,
      });
    }
  }
  const unknownProblems = (filter.problems ?? []).filter((name) => !problemDirs.some((dir) => path.basename(dir) === name));
  const unknownLanguages = (filter.languages ?? []).filter((language) => !seenLanguages.has(language));
  if (unknownProblems.length > 0) throw new Error(`no problem package named ${unknownProblems.join(', ')} in ${problemsRoot}`);
  if (unknownLanguages.length > 0) throw new Error(`no reference submission in ${unknownLanguages.join(', ')}`);
  if (references.length === 0) throw new Error(`no reference submission in ${problemsRoot} matches the filter`);
  return references;
}
