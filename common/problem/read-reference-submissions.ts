/**
 * The reference submissions under submissions/<category>/, read the way the reference judges read them:
 * tolerantly. A package as published carries solutions in languages this installation lacks, notes, data and
 * `.gitkeep` files; none of that may stop the package from being judged. What is not judged is listed, with
 * the reason, for `judge-cli verify` to print.
 */
import path from 'node:path';
import type { Language } from '../language.js';
import { languageForFile } from '../languages.js';
import { foreignLanguageOf } from './foreign-languages.js';
import type { PackageEntry, PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import type { ReferenceSubmission, UnjudgedSubmission } from './problem.js';

export interface ReferenceSubmissions {
  submissions: ReferenceSubmission[];
  unjudged: UnjudgedSubmission[];
}

/**
 * Every file or folder in submissions/<category>/ (categories are not checked against a list: packages use
 * more than juez verifies). A file in a language of the installation is a submission; a folder is one
 * submission when its sources are all in one such language (other files travel along). Anything else is
 * `skipped` (a source in a language juez lacks) or `ignored` (no source at all). Never an issue: at most a
 * warning for what is misplaced.
 */
export async function readReferenceSubmissions(
  files: PackageFiles,
  languages: readonly Language[],
  issues: PackageIssues,
): Promise<ReferenceSubmissions> {
  const out: ReferenceSubmissions = { submissions: [], unjudged: [] };
  const root = await files.at('submissions');
  if (root === undefined) return out;
  if (root.kind !== 'dir') {
    issues.warn(root.path, 'is not a folder of submission categories: ignored');
    return out;
  }
  const relative = (entry: PackageEntry): string => path.relative(files.dir, entry.path).split(path.sep).join('/');
  for (const category of await files.list(root, { hidden: true })) {
    if (category.kind === 'dir' && category.name.startsWith('.')) continue; // .git, .svn: not the package's
    if (category.kind !== 'dir') {
      out.unjudged.push({ name: relative(category), category: '', kind: 'ignored', reason: 'not inside a category folder such as submissions/accepted/' });
      continue;
    }
    for (const entry of await files.list(category, { hidden: true })) {
      const name = relative(entry);
      const read = await readOne(files, entry, languages);
      if ('languageId' in read) out.submissions.push({ ...read, category: category.name, name });
      else out.unjudged.push({ name, category: category.name, ...read });
    }
  }
  return out;
}

type Unjudged = Pick<UnjudgedSubmission, 'kind' | 'reason'>;

async function readOne(
  files: PackageFiles,
  entry: PackageEntry,
  languages: readonly Language[],
): Promise<Omit<ReferenceSubmission, 'category' | 'name'> | Unjudged> {
  if (entry.kind === 'file') {
    const language = languageForFile(entry.name, languages);
    if (language !== undefined) return { path: entry.realPath, files: [entry.realPath], languageId: language.id };
    return describeUnjudged([entry.name]);
  }
  const all = (await files.filesBelow(entry)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byLanguage = new Map<string, PackageEntry[]>();
  for (const file of all) {
    const id = languageForFile(file.name, languages)?.id;
    if (id !== undefined) byLanguage.set(id, [...(byLanguage.get(id) ?? []), file]);
  }
  if (byLanguage.size > 1) {
    const mix = [...byLanguage].map(([id, sources]) => `${id}: ${sources.map((s) => s.name).join(', ')}`);
    return { kind: 'skipped', reason: `mixes source files of several languages (${mix.join('; ')})` };
  }
  const [first] = byLanguage;
  if (first === undefined) return describeUnjudged(all.map((file) => file.name));
  const [languageId, sources] = first;
  const extraFiles = all.filter((file) => !sources.includes(file)).map((file) => file.realPath);
  return { path: entry.realPath, files: sources.map((s) => s.realPath), extraFiles, languageId };
}

/** Why files that hold no source of the installation's languages are not judged. */
function describeUnjudged(names: readonly string[]): Unjudged {
  const foreign = [...new Set(names.map((name) => foreignLanguageOf(name)).filter((l) => l !== undefined))];
  if (foreign.length > 0) {
    const extensions = [...new Set(names.filter((n) => foreignLanguageOf(n) !== undefined).map((n) => path.extname(n)))];
    return { kind: 'skipped', reason: `${foreign.join(', ')} (${extensions.join(' ')}) is not a language of this installation` };
  }
  if (names.length === 0) return { kind: 'ignored', reason: 'an empty folder' };
  return { kind: 'ignored', reason: 'not a source file' };
}
