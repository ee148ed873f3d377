/**
 * The custom grader of a legacy package: the one program (a source file or a folder) in graders/.
 */
import type { Language } from '../language.js';
import type { PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import type { GroupGrading, PackageProgram, TestGroup } from './problem.js';
import { readPackageProgram } from './read-package-program.js';

/**
 * Reads graders/ when a group of `tree` asks for `grading: custom` (an error when there is no grader then);
 * a grader no group uses is only a warning, since the format runs it only for such groups.
 */
export async function readGrader(
  files: PackageFiles,
  tree: { grading: GroupGrading; sample: TestGroup; secret: TestGroup },
  languages: readonly Language[],
  issues: PackageIssues,
): Promise<PackageProgram | undefined> {
  const custom = usesCustomGrading(tree);
  const dir = await files.at('graders');
  const entries = dir?.kind === 'dir' ? await files.list(dir) : [];
  if (dir !== undefined && dir.kind !== 'dir') issues.add(dir.path, 'must be a folder holding the grader');
  if (entries.length === 0) {
    if (custom !== undefined) issues.add('graders', `is missing or empty, but ${custom} says grading: custom`);
    return undefined;
  }
  if (custom === undefined) {
    issues.warn('graders', 'is not used: no testdata.yaml says grading: custom');
    return undefined;
  }
  const [only, ...more] = entries;
  if (only === undefined || more.length > 0) {
    issues.add('graders', `holds ${entries.length} graders (${entries.map((e) => e.name).join(', ')}): juez supports one`);
    return undefined;
  }
  // A grader may be a source file, a folder of sources, or a folder of build / run scripts, like a validator.
  return readPackageProgram(files, only, languages, issues, { scripts: true });
}

/** The first group (data, sample, secret, ...) graded by a custom grader, for messages. */
function usesCustomGrading(tree: { grading: GroupGrading; sample: TestGroup; secret: TestGroup }): string | undefined {
  if (tree.grading.grading === 'custom') return 'data/testdata.yaml';
  const search = (group: TestGroup): string | undefined =>
    group.grading === 'custom' ? `data/${group.name}` : group.groups.map(search).find((found) => found !== undefined);
  return search(tree.sample) ?? search(tree.secret);
}
