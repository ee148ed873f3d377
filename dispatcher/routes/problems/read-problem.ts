import type { AppDeps } from '../../app-deps.js';
import { inCourse, isStaff, type Principal, teaches } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import type { ProblemInfo } from '../../store/problem-version.js';
import { COURSE_ID_PATTERN, ERROR_SCHEMA, problemIdParams } from '../shared-schemas.js';
import { PROBLEM_VIEW_SCHEMA, presentProblem } from './present-problem.js';

/**
 * A problem `principal` may see: course members see undeleted problems of their courses; staff of the
 * course also deleted ones.
 * @throws HttpError 404 unknown_problem, 403 forbidden, 410 problem_deleted.
 */
export async function loadVisibleProblem(deps: AppDeps, principal: Principal, problemId: string): Promise<ProblemInfo> {
  const problem = await deps.problems.get(problemId);
  if (problem === undefined) throw errors.unknownProblem(problemId);
  if (!inCourse(principal, problem.courseId)) throw errors.forbidden(`Problem '${problemId}' is not in your courses.`);
  if (problem.deleted && !teaches(principal, problem.courseId)) throw errors.problemDeleted(problemId);
  return problem;
}

export function readProblemRoute(deps: AppDeps) {
  return defineRoute<{ problemId: string }, { version?: number }, undefined>({
    operationId: 'getProblem',
    method: 'get',
    path: '/api/v1/problems/:problemId',
    tag: 'problems',
    summary: 'Read a problem: statement, limits, samples',
    description: 'The latest version, or `version` (staff). Secret test data is never returned.',
    access: ['student', 'instructor', 'admin', 'service'],
    params: problemIdParams,
    query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
    responses: {
      200: { description: 'The problem.', schema: PROBLEM_VIEW_SCHEMA },
      404: { description: 'No such problem or version.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_problem', 'unknown_problem_version', 'problem_deleted', 'forbidden'],
    async handle(ctx, { params, query }) {
      const principal = ctx.state.principal as Principal;
      const problem = await loadVisibleProblem(deps, principal, params.problemId);
      const number = isStaff(principal) ? (query.version ?? problem.latestVersion) : problem.latestVersion;
      const version = await deps.problems.getVersion(problem.id, number);
      if (version === undefined) throw errors.unknownProblemVersion(problem.id, number);
      respond(ctx, 200, presentProblem(problem, version, principal, deps.languages));
    },
  });
}

export function listProblemsRoute(deps: AppDeps) {
  return defineRoute<Record<string, never>, { course?: string; includeDeleted: boolean }, undefined>({
    operationId: 'listProblems',
    method: 'get',
    path: '/api/v1/problems',
    tag: 'problems',
    summary: "List the problems of the caller's courses",
    access: ['student', 'instructor', 'admin', 'service'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        course: { type: 'string', pattern: COURSE_ID_PATTERN },
        includeDeleted: { type: 'boolean', default: false, description: 'Staff: include deleted problems.' },
      },
    },
    responses: {
      200: {
        description: 'Problems, oldest first.',
        schema: {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  courseId: { type: 'string' },
                  name: { type: 'string' },
                  latestVersion: { type: 'integer' },
                  deleted: { type: 'boolean' },
                  updatedAt: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    async handle(ctx, { query }) {
      const principal = ctx.state.principal as Principal;
      const items = (await deps.problems.list())
        .filter((problem) => inCourse(principal, problem.courseId))
        .filter((problem) => query.course === undefined || problem.courseId === query.course)
        .filter((problem) => !problem.deleted || (query.includeDeleted && teaches(principal, problem.courseId)))
        .map((problem) => ({
          id: problem.id,
          courseId: problem.courseId,
          name: problem.name,
          latestVersion: problem.latestVersion,
          updatedAt: problem.updatedAt,
          ...(problem.deleted && { deleted: true }),
        }));
      respond(ctx, 200, { items });
    },
  });
}
