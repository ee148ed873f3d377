import type { SubmissionRecord } from '../../../common/submission.js';
import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import { ERROR_SCHEMA, idParams, SUBMISSION_VIEW_SCHEMA } from '../shared-schemas.js';
import { maySeeSubmission, presentSubmission } from './present-submission.js';

/**
 * The submission `id` if `principal` may see it.
 * @throws HttpError 404 unknown_submission, 403 forbidden.
 */
export async function loadVisibleSubmission(deps: AppDeps, principal: Principal, id: string): Promise<SubmissionRecord> {
  const stored = await deps.submissions.get(id);
  if (stored === undefined || stored.pending) throw errors.unknownSubmission(id);
  if (!maySeeSubmission(stored.record, principal)) throw errors.forbidden('This submission is not yours to see.');
  return stored.record;
}

export function readSubmissionRoute(deps: AppDeps) {
  return defineRoute<{ id: string }, { sources?: boolean }, undefined>({
    operationId: 'getSubmission',
    method: 'get',
    path: '/api/v1/submissions/:id',
    tag: 'submissions',
    summary: 'Read a submission and its result',
    description:
      'Status (queued, judging with progress, done, cancelled) and, once done, the result. Students and service clients see hidden tests as verdict, time and memory only. `sources=true` adds the files.',
    access: ['student', 'instructor', 'admin', 'service'],
    params: idParams(),
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { sources: { type: 'boolean', default: false, description: 'Include the source files.' } },
    },
    responses: {
      200: { description: 'The submission.', schema: SUBMISSION_VIEW_SCHEMA },
      404: { description: 'No such submission.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_submission', 'forbidden'],
    async handle(ctx, { params, query }) {
      const principal = ctx.state.principal as Principal;
      const record = await loadVisibleSubmission(deps, principal, params.id);
      const view = presentSubmission(record, principal);
      if (query.sources === true) view.files = (await deps.submissions.getSources(record.id)) ?? [];
      respond(ctx, 200, view);
    },
  });
}
