/**
 * The package that gives its limits to runs without a problem. The task message always names a package
 * (problemId, version, hash), so instead of a special case in the executor the dispatcher builds this
 * small, valid package from its configuration at start and stores it by hash like any upload. It is not
 * registered as a problem: nobody can list it or submit to it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Language } from '../../common/language.js';
import { archiveHash, createNormalizedArchive } from '../../common/package-archive.js';
import type { PackageReader } from './problem-uploader.js';

export const DEFAULT_RUN_PROBLEM_ID = 'juez-default-run';
export const DEFAULT_RUN_PROBLEM_VERSION = 1;

export interface DefaultRunPackage {
  problemId: string;
  version: number;
  packageHash: string;
  archive: Buffer;
}

export interface RunLimits {
  timeLimitS: number;
  memoryMb: number;
  outputMb: number;
}

/**
 * Builds the package, checks it with the real package reader (a broken one fails the start, not the runs)
 * and returns its normalized archive.
 */
export async function buildDefaultRunPackage(
  limits: RunLimits,
  languages: readonly Language[],
  readPackage: PackageReader,
): Promise<DefaultRunPackage> {
  const work = await mkdtemp(path.join(tmpdir(), 'juez-run-package-'));
  try {
    const dir = path.join(work, DEFAULT_RUN_PROBLEM_ID);
    await mkdir(path.join(dir, 'data', 'sample'), { recursive: true });
    await mkdir(path.join(dir, 'data', 'secret'), { recursive: true });
    await writeFile(
      path.join(dir, 'problem.yaml'),
      [
        'problem_format_version: 2023-07',
        'name: Run',
        'type: pass-fail',
        'limits:',
        `  time_limit: ${limits.timeLimitS}`,
        `  memory: ${limits.memoryMb}`,
        `  output: ${limits.outputMb}`,
        '',
      ].join('\n'),
    );
    // Runs are never compared with these; the reader requires at least one secret test.
    await writeFile(path.join(dir, 'data', 'secret', '1.in'), '');
    await writeFile(path.join(dir, 'data', 'secret', '1.ans'), '');
    await readPackage(dir, { languages });
    const archive = await createNormalizedArchive(dir);
    return {
      problemId: DEFAULT_RUN_PROBLEM_ID,
      version: DEFAULT_RUN_PROBLEM_VERSION,
      packageHash: archiveHash(archive),
      archive,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
