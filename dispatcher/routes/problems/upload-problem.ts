import type { AppDeps } from '../../app-deps.js';
import { type Principal, teaches } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import { ARCHIVE_MEDIA_TYPES } from '../../problems/problem-uploader.js';
import { mediaType } from '../../http/read-body.js';
import { COURSE_ID_PATTERN, ERROR_SCHEMA, problemIdParams } from '../shared-schemas.js';
import { PROBLEM_VIEW_SCHEMA, presentProblem } from './present-problem.js';

export function uploadProblemRoute(deps: AppDeps) {
  const { config } = deps;
  return defineRoute<{ problemId: string }, { courseId?: string }, Buffer>({
    operationId: 'uploadProblemVersion',
    method: 'post',
    path: '/api/v1/problems/:problemId/versions',
    tag: 'problems',
    summary: 'Upload a problem package (new immutable version)',
    description:
      'The body is the package archive itself: `Content-Type: application/zip` for a zip, `application/gzip` for a tar.gz (the package files at the root, or inside one top-level folder). ' +
      'It is extracted safely (size, entry-count and uncompressed-size limits; no absolute paths, `..`, links or devices) and validated; every problem of an invalid package is listed. ' +
      'Each upload becomes version 1, 2, …; the first upload creates the problem in `courseId`, which later uploads may omit.',
    access: ['instructor', 'admin'],
    params: problemIdParams,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { courseId: { type: 'string', pattern: COURSE_ID_PATTERN, description: 'Required for the first upload.' } },
    },
    body: {
      kind: 'raw',
      contentTypes: Object.keys(ARCHIVE_MEDIA_TYPES),
      description: 'The package as a zip or tar.gz archive.',
      maxBytes: config.maxArchiveBytes,
    },
    responses: {
      201: { description: 'The new version.', schema: PROBLEM_VIEW_SCHEMA },
      400: { description: 'Invalid archive or package; `details` lists the problems.', schema: ERROR_SCHEMA },
      413: { description: 'Archive, its entries or its uncompressed size over a limit.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['invalid_archive', 'archive_too_large', 'invalid_problem_package', 'problem_course_mismatch', 'payload_too_large', 'unsupported_media_type'],
    async handle(ctx, { params, query, body }) {
      const principal = ctx.state.principal as Principal;
      const existing = await deps.problems.get(params.problemId);
      if (existing !== undefined && query.courseId !== undefined && query.courseId !== existing.courseId) {
        throw errors.problemCourseMismatch(params.problemId, existing.courseId);
      }
      const courseId = existing?.courseId ?? query.courseId;
      if (courseId === undefined) {
        throw errors.validationFailed([{ in: 'query', field: 'courseId', message: 'is required for the first upload of a problem' }]);
      }
      if (!teaches(principal, courseId)) throw errors.forbidden(`You do not teach course '${courseId}'.`);
      const prepared = await deps.uploader.prepare({
        problemId: params.problemId,
        mediaType: mediaType(ctx),
        archive: body,
        uploadedBy: principal.id,
      });
      await deps.problems.putArchive(prepared.meta.packageHash, prepared.archive);
      const added = await deps.problems.addVersion(courseId, prepared.meta);
      if (added.kind === 'course_mismatch') throw errors.problemCourseMismatch(params.problemId, added.courseId);
      const [problem, version] = await Promise.all([
        deps.problems.get(params.problemId),
        deps.problems.getVersion(params.problemId, added.version),
      ]);
      if (problem === undefined || version === undefined) throw new Error('the stored version vanished');
      ctx.state.log.info({ problemId: problem.id, version: version.version, packageHash: version.packageHash }, 'problem version stored');
      ctx.set('Location', `/api/v1/problems/${problem.id}?version=${version.version}`);
      respond(ctx, 201, presentProblem(problem, version, principal, deps.languages));
    },
  });
}
