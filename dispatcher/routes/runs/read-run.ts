import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ERROR_SCHEMA, idParams, waitSchema } from '../shared-schemas.js';
import { answerRun } from './create-run.js';
import { RUN_VIEW_SCHEMA } from './present-run.js';

export function readRunRoute(deps: AppDeps) {
  return defineRoute<{ id: string }, { wait?: number }, undefined>({
    operationId: 'getRun',
    method: 'get',
    path: '/api/v1/runs/:id',
    tag: 'runs',
    summary: 'Read a run',
    description: 'Status, and once done stdout, stderr, time and memory. Only its owner (and admins) may read it. `wait` as for creation.',
    access: ['student', 'instructor', 'admin', 'service'],
    params: idParams(),
    query: { type: 'object', additionalProperties: false, properties: { wait: waitSchema(deps.config.maxWaitS) } },
    responses: {
      200: { description: 'The run (done, or still pending without `wait`).', schema: RUN_VIEW_SCHEMA },
      202: { description: 'Still pending after `wait`.', schema: RUN_VIEW_SCHEMA },
      404: { description: 'No such run (or it expired).', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_run', 'forbidden'],
    async handle(ctx, { params, query }) {
      const principal = ctx.state.principal as Principal;
      const run = await deps.runs.get(params.id);
      if (run === undefined) throw errors.unknownRun(params.id);
      if (run.userId !== principal.id && principal.role !== 'admin') throw errors.forbidden('This run is not yours.');
      const wait = query.wait ?? 0;
      await answerRun(ctx, deps, params.id, wait, wait > 0 ? 202 : 200);
    },
  });
}
