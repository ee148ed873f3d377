import { PassThrough } from 'node:stream';
import { parseSubmissionEvent } from '../../../common/submission-events.js';
import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { defineRoute } from '../../http/route.js';
import { ERROR_SCHEMA, idParams } from '../shared-schemas.js';
import { isFinalStatus, presentSubmission, presentTest } from './present-submission.js';
import { loadVisibleSubmission } from './read-submission.js';

/**
 * GET /api/v1/submissions/:id/events — Server-Sent Events until the final verdict:
 *   event: state     the submission as it is now (always first; if it is already final the stream ends)
 *   event: status    {"status":"judging"|"queued","round"}
 *   event: progress  {"done","total","round","tests"}: tests finished since the last event, filtered for the viewer
 *   event: final     the submission with its result (filtered for the viewer), then the stream ends
 *   `: heartbeat` comments every JUEZ_SSE_HEARTBEAT_S keep proxies from closing an idle stream.
 * Subscribing happens before the state is read, so nothing between the two is lost.
 */
export function streamSubmissionEventsRoute(deps: AppDeps) {
  return defineRoute<{ id: string }, Record<string, never>, undefined>({
    operationId: 'streamSubmissionEvents',
    method: 'get',
    path: '/api/v1/submissions/:id/events',
    tag: 'submissions',
    summary: 'Follow a submission (Server-Sent Events)',
    description:
      'Events `state` (first), `status`, `progress` ({done,total,tests}: the tests finished since the previous event, shown as in the result) and `final` (the submission with its result); the stream ends after `final`. Heartbeat comments keep it alive.',
    access: ['student', 'instructor', 'admin', 'service'],
    params: idParams(),
    responses: {
      200: {
        description: 'An event stream.',
        contentType: 'text/event-stream',
        example: 'event: state\ndata: {"id":"s…","status":"queued",…}\n\nevent: progress\ndata: {"done":1,"total":4,"round":0}\n\nevent: final\ndata: {"id":"s…","status":"done","result":{…}}\n\n',
      },
      404: { description: 'No such submission.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['unknown_submission', 'forbidden'],
    async handle(ctx, { params }) {
      const principal = ctx.state.principal as Principal;
      const id = params.id;
      await loadVisibleSubmission(deps, principal, id);
      const log = ctx.state.log.child({ submissionId: id });

      const stream = new PassThrough();
      let closed = false;
      let ready = false;
      let round = 0;
      const buffered: string[] = [];
      let chain = Promise.resolve();
      let heartbeat: NodeJS.Timeout | undefined;
      let unregister: () => void = () => undefined;
      let unsubscribe: () => Promise<void> = async () => undefined;

      const send = (event: string, data: unknown): void => {
        if (!closed) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const close = (): void => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unregister();
        void unsubscribe();
        stream.end();
      };
      const sendFinal = async (): Promise<void> => {
        const stored = await deps.submissions.get(id);
        if (stored !== undefined) send('final', presentSubmission(stored.record, principal));
        close();
      };
      const handle = async (message: string): Promise<void> => {
        const event = parseSubmissionEvent(message);
        if (event === undefined || closed) return;
        if (event.round !== undefined && event.round < round) return; // an older round's late event
        if (event.type === 'progress') {
          const tests = (event.tests ?? []).map(({ index, ...test }) => presentTest(test, index, principal));
          send('progress', { done: event.done, total: event.total, round: event.round ?? round, tests });
        }
        else if (event.type === 'status') send('status', { status: event.status, round: event.round ?? round });
        else await sendFinal();
      };
      const enqueue = (message: string): void => {
        chain = chain.then(() => handle(message)).catch((error: unknown) => {
          log.warn({ err: error }, 'event stream failed');
          close();
        });
      };

      unsubscribe = await deps.events.subscribe(deps.keys.submissionEvents(id), (message) => {
        if (ready) enqueue(message);
        else buffered.push(message);
      });
      try {
        const stored = await deps.submissions.get(id);
        if (stored === undefined) throw new Error('submission vanished');
        round = stored.record.round;
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setNoDelay(true);
        ctx.set('Cache-Control', 'no-cache, no-transform');
        ctx.set('X-Accel-Buffering', 'no');
        ctx.type = 'text/event-stream';
        ctx.status = 200;
        ctx.body = stream;
        ctx.res.on('close', close);
        unregister = deps.sse.add(close);
        send('state', presentSubmission(stored.record, principal));
        if (isFinalStatus(stored.record.status)) {
          close();
          return;
        }
        ready = true;
        for (const message of buffered.splice(0)) enqueue(message);
        heartbeat = setInterval(() => {
          if (!closed) stream.write(': heartbeat\n\n');
        }, deps.config.sseHeartbeatS * 1000);
      } catch (error) {
        close();
        throw error;
      }
    },
  });
}
