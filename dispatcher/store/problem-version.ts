import type { readProblemPackage } from '../../common/problem/read-problem-package.js';

// Types come through read-problem-package.ts, the one executor module the dispatcher may import.
type ProblemLimits = Awaited<ReturnType<typeof readProblemPackage>>['limits'];

/** One sample test as shown to students: its data, truncated for display. */
export interface SampleTest {
  name: string;
  input: string;
  answer: string;
  /** True when input or answer was cut at the display limit. */
  truncated: boolean;
}

/**
 * Metadata of one immutable problem version (JSON at redisKeys().problemVersion). Never holds secret data:
 * it is what students may see, plus counts.
 */
export interface ProblemVersion {
  problemId: string;
  version: number;
  /** sha256 of the normalized archive at redisKeys().packageArchive(hash). */
  packageHash: string;
  archiveBytes: number;
  name: string;
  type: 'pass-fail' | 'scoring';
  validation: string;
  limits: ProblemLimits;
  /**
   * problem.yaml `languages`: the format's codes the problem allows (which languages they are is decided with
   * the installation's table when a submission comes). Absent for `all`, and on versions stored before juez
   * read the key.
   */
  languageCodes?: string[];
  samples: SampleTest[];
  secretTestCount: number;
  /** The statement (problem_statement/problem.<lang>.md or .tex), when the package has one. */
  statement?: { file: string; format: 'markdown' | 'latex'; text: string };
  /** What the package does that juez tolerates (`<file>: <what>`); absent on versions stored before warnings. */
  warnings?: string[];
  uploadedAt: string;
  uploadedBy: string;
}

/** A problem (redisKeys().problem hash). */
export interface ProblemInfo {
  id: string;
  courseId: string;
  name: string;
  latestVersion: number;
  deleted: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}
