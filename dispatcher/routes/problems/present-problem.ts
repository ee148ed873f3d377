import type { Language } from '../../../common/language.js';
import { allowedLanguageIds } from '../../../common/problem/allowed-languages.js';
import { isStaff, type Principal } from '../../auth/principal.js';
import type { JsonSchema } from '../../http/validation.js';
import type { ProblemInfo, ProblemVersion } from '../../store/problem-version.js';

/**
 * A problem version as `viewer` may see it: statement, limits, samples and the languages it takes (of
 * `languages`, the installation's table) for all; package details for staff.
 */
export function presentProblem(
  problem: ProblemInfo,
  version: ProblemVersion,
  viewer: Principal,
  languages: readonly Language[],
): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    id: problem.id,
    courseId: problem.courseId,
    name: version.name,
    latestVersion: problem.latestVersion,
    version: version.version,
    type: version.type,
    limits: {
      timeMs: version.limits.timeMs,
      memoryMb: version.limits.memoryMb,
      outputKb: version.limits.outputKb,
      // Versions stored before limits.code was read have none: the installation's source limit holds.
      ...((version.limits as { codeKb?: number }).codeKb !== undefined && { codeKb: (version.limits as { codeKb?: number }).codeKb }),
    },
    // Every language of the table unless problem.yaml's `languages` restricts them; whether an executor serves
    // one now is GET /api/v1/languages' business.
    languages: version.languageCodes === undefined ? languages.map((language) => language.id) : allowedLanguageIds(version.languageCodes, languages),
    samples: version.samples,
    ...(version.statement !== undefined && { statement: version.statement }),
  };
  if (isStaff(viewer)) {
    Object.assign(shown, {
      deleted: problem.deleted,
      limits: version.limits,
      validation: version.validation,
      ...(version.languageCodes !== undefined && { languageCodes: version.languageCodes }),
      secretTestCount: version.secretTestCount,
      packageHash: version.packageHash,
      archiveBytes: version.archiveBytes,
      warnings: version.warnings ?? [],
      uploadedAt: version.uploadedAt,
      uploadedBy: version.uploadedBy,
    });
  }
  return shown;
}

export const PROBLEM_VIEW_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    courseId: { type: 'string' },
    name: { type: 'string' },
    latestVersion: { type: 'integer' },
    version: { type: 'integer' },
    type: { enum: ['pass-fail', 'scoring'] },
    limits: {
      type: 'object',
      properties: {
        timeMs: { type: 'integer' },
        memoryMb: { type: 'integer' },
        outputKb: { type: 'integer' },
        codeKb: { type: 'integer', description: 'Largest submission, KiB, all files together (problem.yaml limits.code); larger ones get 413 code_too_large.' },
      },
    },
    languages: {
      type: 'array',
      items: { type: 'string' },
      description:
        "Ids of the languages submissions may be in (GET /api/v1/languages): every one, unless the package's problem.yaml `languages` restricts them. " +
        'A submission or run in another gets 422 `language_not_allowed`.',
    },
    languageCodes: {
      type: 'array',
      items: { type: 'string' },
      description: "Staff only, when problem.yaml restricts languages: its `languages` codes (the package format's, such as `python3 cpp`).",
    },
    samples: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, input: { type: 'string' }, answer: { type: 'string' }, truncated: { type: 'boolean' } },
      },
    },
    statement: { type: 'object', properties: { file: { type: 'string' }, format: { enum: ['markdown', 'latex'] }, text: { type: 'string' } } },
    deleted: { type: 'boolean', description: 'Staff only.' },
    secretTestCount: { type: 'integer', description: 'Staff only.' },
    packageHash: { type: 'string', description: 'Staff only: sha256 of the normalized archive.' },
    archiveBytes: { type: 'integer', description: 'Staff only.' },
    warnings: {
      type: 'array',
      items: { type: 'string' },
      description: 'Staff only: `<file>: <what>` for each thing the package does that juez tolerates (unknown keys, skipped reference submissions, sample-only data, limits lowered to the installation maxima).',
    },
    uploadedAt: { type: 'string', format: 'date-time' },
    uploadedBy: { type: 'string' },
  },
  examples: [
    {
      id: 'hello',
      courseId: 'prog1',
      name: 'Hello World',
      latestVersion: 2,
      version: 2,
      type: 'pass-fail',
      limits: { timeMs: 1000, memoryMb: 128, outputKb: 1024, codeKb: 128 },
      languages: ['c', 'cpp', 'python', 'java'],
      samples: [{ name: 'sample/1', input: '', answer: 'Hello World!\n', truncated: false }],
    },
  ],
};
