/**
 * A copy of an example package whose reference submissions are cut down to a few languages. The examples
 * carry a reference submission of each kind in every language (problems/hello: some 125); tests of what
 * happens around judging (push, pull, webhooks) need a handful, and judging all of them costs a minute.
 */
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies `source` into `target` keeping only the files of submissions/ whose extension is in `extensions`
 * (e.g. ['.py', '.c']). Returns how many reference submissions are left.
 */
export async function copyTrimmedPackage(source: string, target: string, extensions: readonly string[]): Promise<number> {
  await cp(source, target, { recursive: true });
  let kept = 0;
  const submissions = path.join(target, 'submissions');
  for (const category of await readdir(submissions, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    const dir = path.join(submissions, category.name);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (extensions.includes(path.extname(entry.name)) && entry.isFile()) kept += 1;
      else await rm(path.join(dir, entry.name), { recursive: true, force: true });
    }
  }
  return kept;
}
