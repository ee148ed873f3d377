/**
 * Turns an uploaded archive into a stored problem version: safe extraction into a temporary directory,
 * validation with readProblemPackage (every problem of the package reported at once), the normalized
 * archive and its hash, then the version metadata (limits, samples, statement: never secret data).
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Language } from '../../common/language.js';
import {
  type ArchiveFormat,
  type ArchiveLimits,
  archiveHash,
  createNormalizedArchive,
  detectArchiveFormat,
  extractArchive,
  PackageArchiveError,
} from '../../common/package-archive.js';
import { ProblemPackageError } from '../../common/problem/problem-package-error.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { errors } from '../http/errors.js';
import type { ProblemVersion, SampleTest } from '../store/problem-version.js';

type ProblemPackage = Awaited<ReturnType<typeof readProblemPackage>>;
type TestGroup = ProblemPackage['sample'];

/** Reads a package directory; readProblemPackage, or a stand-in in tests. */
export type PackageReader = (dir: string, options: { languages: readonly Language[] }) => Promise<ProblemPackage>;

/** Media types accepted for uploads, and the format each means. */
export const ARCHIVE_MEDIA_TYPES: Readonly<Record<string, ArchiveFormat>> = {
  'application/zip': 'zip',
  'application/gzip': 'tar.gz',
  'application/x-gzip': 'tar.gz',
  'application/x-tar+gzip': 'tar.gz',
  'application/x-compressed-tar': 'tar.gz',
};

/** Sample data shown to students is cut at this size, bytes. */
const SAMPLE_DISPLAY_BYTES = 64 * 1024;
const STATEMENT_BYTES = 512 * 1024;
const STATEMENT_FILES = [
  ['problem.en.md', 'markdown'],
  ['problem.md', 'markdown'],
  ['problem.en.tex', 'latex'],
  ['problem.tex', 'latex'],
] as const;

export interface PreparedVersion {
  archive: Buffer;
  meta: ProblemVersion;
}

export class ProblemUploader {
  constructor(
    private readonly limits: ArchiveLimits,
    private readonly languages: readonly Language[],
    private readonly readPackage: PackageReader = readProblemPackage,
  ) {}

  /**
   * Validates an archive and prepares the version (its number is assigned when stored).
   * @throws HttpError 400 invalid_archive (unsafe or over a limit) or invalid_problem_package.
   */
  async prepare(input: { problemId: string; mediaType: string; archive: Buffer; uploadedBy: string }): Promise<PreparedVersion> {
    const format = ARCHIVE_MEDIA_TYPES[input.mediaType];
    const detected = detectArchiveFormat(input.archive);
    if (format === undefined || detected !== format) {
      throw errors.invalidArchive('invalid_archive', `The body is not a ${format ?? 'zip or tar.gz'} archive.`);
    }
    const work = await mkdtemp(path.join(tmpdir(), 'juez-upload-'));
    try {
      const extracted = path.join(work, 'extracted');
      await mkdir(extracted);
      try {
        await extractArchive(input.archive, format, extracted, this.limits);
      } catch (error) {
        if (error instanceof PackageArchiveError) throw errors.invalidArchive(error.code, error.message);
        throw error;
      }
      // readProblemPackage takes the short name from the directory name: give it the problem id.
      const packageDir = path.join(work, input.problemId);
      await rename(await findPackageRoot(extracted), packageDir);
      const pkg = await this.read(packageDir);
      const archive = await createNormalizedArchive(packageDir);
      const meta: ProblemVersion = {
        problemId: input.problemId,
        version: 0,
        packageHash: archiveHash(archive),
        archiveBytes: archive.length,
        name: pkg.name,
        type: pkg.type,
        validation: pkg.validation,
        limits: pkg.limits,
        samples: await readSamples(pkg.sample),
        secretTestCount: countTests(pkg.secret),
        uploadedAt: new Date().toISOString(),
        uploadedBy: input.uploadedBy,
      };
      if (pkg.allowedLanguages !== undefined) meta.languageCodes = pkg.allowedLanguages.codes;
      if (pkg.warnings.length > 0) meta.warnings = pkg.warnings.map((issue) => `${relativeTo(packageDir, issue.file)}: ${issue.message}`);
      const statement = await readStatement(packageDir);
      if (statement !== undefined) meta.statement = statement;
      return { archive, meta };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async read(packageDir: string): Promise<ProblemPackage> {
    try {
      return await this.readPackage(packageDir, { languages: this.languages });
    } catch (error) {
      if (error instanceof ProblemPackageError) {
        throw errors.invalidProblemPackage(
          error.issues.map((issue) => `${relativeTo(packageDir, issue.file)}: ${issue.message}`),
        );
      }
      throw error;
    }
  }
}

/**
 * The package root inside the extracted tree: the tree itself when it holds problem.yaml, else its only
 * directory (archives made by zipping the package folder), ignoring macOS metadata folders.
 */
async function findPackageRoot(extracted: string): Promise<string> {
  const names = (await readdir(extracted)).filter((name) => name !== '__MACOSX' && name !== '.DS_Store');
  if (names.includes('problem.yaml') || names.length !== 1) return extracted;
  const only = path.join(extracted, names[0] as string);
  return (await stat(only)).isDirectory() ? only : extracted;
}

function relativeTo(packageDir: string, file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(packageDir, absolute);
  return relative === '' ? '.' : relative.startsWith('..') ? path.basename(file) : relative;
}

function allTests(group: TestGroup): TestGroup['tests'] {
  return [...group.tests, ...group.groups.flatMap(allTests)];
}

function countTests(group: TestGroup): number {
  return allTests(group).length;
}

async function readSamples(sample: TestGroup): Promise<SampleTest[]> {
  return Promise.all(
    allTests(sample).map(async (test) => {
      const [input, answer] = await Promise.all([readFile(test.inputFile), readFile(test.answerFile)]);
      return {
        name: test.name,
        input: input.subarray(0, SAMPLE_DISPLAY_BYTES).toString('utf8'),
        answer: answer.subarray(0, SAMPLE_DISPLAY_BYTES).toString('utf8'),
        truncated: input.length > SAMPLE_DISPLAY_BYTES || answer.length > SAMPLE_DISPLAY_BYTES,
      };
    }),
  );
}

async function readStatement(packageDir: string): Promise<ProblemVersion['statement']> {
  for (const [file, format] of STATEMENT_FILES) {
    const full = path.join(packageDir, 'problem_statement', file);
    const info = await stat(full).catch(() => undefined);
    if (info?.isFile() !== true) continue;
    const text = (await readFile(full)).subarray(0, STATEMENT_BYTES).toString('utf8');
    return { file: `problem_statement/${file}`, format, text };
  }
  return undefined;
}
