import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import { ERROR_SCHEMA, idParams, SUBMISSION_VIEW_SCHEMA } from '../shared-schemas.js';
import { presentSubmission } from './present-submission.js';
import { loadVisibleSubmission } from './read-submission.js';

export function cancelSubmissionRoute(deps: AppDeps) {
  return defineRoute<{ id: string }, Record<string, never>, undefined>({
    operationId: 'cancelSubmission',
    method: 'post',
    path: '/api/v1/submissions/:id/cancel',
    tag: 'submissions',
    summary: 'Cancel a queued submission',
    description:
      'Only while queued: once an executor took it, the answer is 409 `not_cancellable` with the current status. An executor that later receives the task drops it.',
    access: ['student', 'instructor', 'admin', 'service'],
    params: idParams(),
    responses: {
      200: { description: 'Cancelled.', schema: SUBMISSION_VIEW_SCHEMA },
      409: { description: 'Not queued any more.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_submission', 'forbidden', 'not_cancellable'],
    async handle(ctx, { params }) {
      const principal = ctx.state.principal as Principal;
      await loadVisibleSubmission(deps, principal, params.id);
      const outcome = await deps.submissions.cancel(params.id);
      if (outcome.kind === 'missing') throw errors.unknownSubmission(params.id);
      if (outcome.kind === 'conflict') throw errors.notCancellable(outcome.status);
      ctx.state.log.info({ submissionId: params.id }, 'submission cancelled');
      respond(ctx, 200, presentSubmission(outcome.record, principal));
    },
  });
}
