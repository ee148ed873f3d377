import { inCourse, type Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import type { ProblemInfo } from '../../store/problem-version.js';
import type { RedisProblemStore, VersionRef } from '../../store/redis-problem-store.js';

/**
 * The problem and its latest version's package, for submitting or running against it.
 * @throws HttpError 404 unknown_problem, 403 forbidden (not in the caller's courses), 410 problem_deleted.
 */
export async function loadProblemForSubmission(
  problems: RedisProblemStore,
  principal: Principal,
  problemId: string,
): Promise<{ problem: ProblemInfo; version: VersionRef }> {
  const problem = await problems.get(problemId);
  if (problem === undefined) throw errors.unknownProblem(problemId);
  if (!inCourse(principal, problem.courseId)) throw errors.forbidden(`Problem '${problemId}' is not in your courses.`);
  if (problem.deleted) throw errors.problemDeleted(problemId);
  const version = await problems.getVersionRef(problemId, problem.latestVersion);
  if (version === undefined) throw errors.unknownProblem(problemId);
  return { problem, version };
}
