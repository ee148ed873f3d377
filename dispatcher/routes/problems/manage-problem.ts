import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../../common/submission.js';
import { VERDICTS } from '../../../common/verdict.js';
import type { AppDeps } from '../../app-deps.js';
import { type Principal, teaches } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import { rejudgeProblem } from '../../problems/rejudge-problem.js';
import { ERROR_SCHEMA, problemIdParams, USER_ID_PATTERN } from '../shared-schemas.js';
import { loadVisibleProblem } from './read-problem.js';

/** Staff of the problem's course. @throws HttpError 404, 403. */
async function loadTaughtProblem(deps: AppDeps, principal: Principal, problemId: string) {
  const problem = await loadVisibleProblem(deps, principal, problemId);
  if (!teaches(principal, problem.courseId)) throw errors.forbidden('Only the course staff may do this.');
  return problem;
}

export function downloadArchiveRoute(deps: AppDeps) {
  return defineRoute<{ problemId: string; version: number }, Record<string, never>, undefined>({
    operationId: 'downloadProblemArchive',
    method: 'get',
    path: '/api/v1/problems/:problemId/versions/:version/archive',
    tag: 'problems',
    summary: 'Download a version as its normalized tar.gz (staff)',
    access: ['instructor', 'admin'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['problemId', 'version'],
      properties: { ...(problemIdParams.properties as object), version: { type: 'integer', minimum: 1 } },
    },
    responses: {
      200: { description: 'The archive; ETag is its sha256.', contentType: 'application/gzip' },
      404: { description: 'No such problem or version.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_problem', 'unknown_problem_version', 'forbidden'],
    async handle(ctx, { params }) {
      const problem = await loadTaughtProblem(deps, ctx.state.principal as Principal, params.problemId);
      const version = await deps.problems.getVersion(problem.id, params.version);
      if (version === undefined) throw errors.unknownProblemVersion(problem.id, params.version);
      const archive = await deps.problems.getArchive(version.packageHash);
      if (archive === undefined) throw new Error(`archive ${version.packageHash} is missing`);
      ctx.set('ETag', `"${version.packageHash}"`);
      ctx.set('Content-Disposition', `attachment; filename="${problem.id}-v${version.version}.tar.gz"`);
      ctx.type = 'application/gzip';
      ctx.body = archive;
    },
  });
}

export function deleteProblemRoute(deps: AppDeps) {
  return defineRoute<{ problemId: string }, Record<string, never>, undefined>({
    operationId: 'deleteProblem',
    method: 'delete',
    path: '/api/v1/problems/:problemId',
    tag: 'problems',
    summary: 'Delete a problem (soft)',
    description:
      'Hidden from lists; new submissions get 410 `problem_deleted`. Versions, archives and existing submissions stay; a new upload restores the problem.',
    access: ['instructor', 'admin'],
    params: problemIdParams,
    responses: { 204: { description: 'Deleted.' } },
    errorCodes: ['unknown_problem', 'forbidden'],
    async handle(ctx, { params }) {
      const problem = await loadTaughtProblem(deps, ctx.state.principal as Principal, params.problemId);
      await deps.problems.markDeleted(problem.id);
      ctx.state.log.info({ problemId: problem.id }, 'problem deleted');
      ctx.status = 204;
    },
  });
}

interface RejudgeBody {
  status?: SubmissionStatus[];
  verdict?: string[];
  userId?: string;
  since?: string;
}

export function rejudgeProblemRoute(deps: AppDeps) {
  return defineRoute<{ problemId: string }, Record<string, never>, RejudgeBody>({
    operationId: 'rejudgeProblem',
    method: 'post',
    path: '/api/v1/problems/:problemId/rejudge',
    tag: 'problems',
    summary: 'Rejudge submissions of a problem against its latest version',
    description:
      'Every submission of the problem, or those matching the filter. Each matching `done` submission moves to queued atomically with round + 1 and is published on the `rejudge` lane; others are counted as skipped, and those in a language no live executor serves now as unavailable (they keep their verdict). The body may be omitted.',
    access: ['instructor', 'admin'],
    params: problemIdParams,
    body: {
      kind: 'json',
      optional: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { type: 'array', items: { enum: [...SUBMISSION_STATUSES] } },
          verdict: { type: 'array', items: { enum: [...VERDICTS] } },
          userId: { type: 'string', pattern: USER_ID_PATTERN },
          since: { type: 'string', format: 'date-time', description: 'Submissions created at or after.' },
        },
      },
      example: { verdict: ['WA', 'TLE'], since: '2025-01-01T00:00:00Z' },
    },
    responses: {
      202: {
        description: 'Rejudge queued.',
        schema: {
          type: 'object',
          properties: {
            problemId: { type: 'string' },
            problemVersion: { type: 'integer' },
            matched: { type: 'integer' },
            queued: { type: 'integer' },
            skipped: { type: 'integer' },
            unavailable: { type: 'integer', description: 'Matched, in a language no live executor serves now: not rejudged.' },
          },
        },
      },
      503: { description: 'The queue failed midway; `details` says how many were queued.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_problem', 'forbidden', 'queue_unavailable'],
    async handle(ctx, { params, body }) {
      const problem = await loadTaughtProblem(deps, ctx.state.principal as Principal, params.problemId);
      const version = await deps.problems.getVersion(problem.id, problem.latestVersion);
      if (version === undefined) throw errors.unknownProblem(problem.id);
      const report = await rejudgeProblem(
        deps,
        version,
        {
          ...(body.status !== undefined && { statuses: body.status }),
          ...(body.verdict !== undefined && { verdicts: body.verdict }),
          ...(body.userId !== undefined && { userId: body.userId }),
          ...(body.since !== undefined && { sinceMs: Date.parse(body.since) }),
        },
        ctx.state.log,
      );
      ctx.state.log.info({ ...report }, 'rejudge queued');
      respond(ctx, 202, report);
    },
  });
}
