/** This checkout's files as benchmarks need them: paths, and reference submissions of example problems. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Submission } from '../../executor/judging/check-submission.js';
import type { ProblemPackage } from '../../common/problem/problem.js';

/** A path in this checkout, from tests/bench/ or from dist/tests/bench/. */
export function repoPath(...segments: string[]): string {
  const candidates = ['../..', '../../..'].map((up) => fileURLToPath(new URL(`${up}/`, import.meta.url)));
  const root = candidates.find((dir) => existsSync(path.join(dir, 'problems'))) ?? candidates[0]!;
  return path.join(root, ...segments);
}

/** The package's reference submission in `category` for a language, as a Submission. */
export async function readReferenceSubmission(problem: ProblemPackage, languageId: string, category = 'accepted'): Promise<Submission> {
  const reference = problem.submissions.find((s) => s.category === category && s.languageId === languageId);
  if (reference === undefined) throw new Error(`${problem.shortName} has no ${category} submission in ${languageId}`);
  const files = await Promise.all(reference.files.map(async (file) => ({ name: path.basename(file), content: await readFile(file) })));
  return { languageId, files };
}
