import type { SubmissionRecord } from '../../../common/submission.js';
import type { TaskMessage } from '../../../common/task-message.js';
import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, type RouteContext, respond } from '../../http/route.js';
import { waitForFinal } from '../../events/wait-for-final.js';
import { checkCallbackUrl } from '../../webhooks/check-callback-url.js';
import { checkLanguageAccepted, checkLanguageKnown } from '../check-language.js';
import { checkSources } from '../check-sources.js';
import { newId } from '../new-id.js';
import { loadProblemForSubmission } from '../problems/load-problem.js';
import { ERROR_SCHEMA, ID_PATTERN, PROBLEM_ID_PATTERN, SUBMISSION_VIEW_SCHEMA, sourceFilesSchema, USER_ID_PATTERN, waitSchema } from '../shared-schemas.js';
import { isFinalStatus, presentSubmission } from './present-submission.js';

interface CreateSubmissionBody {
  problemId: string;
  languageId: string;
  files: { name: string; content: string }[];
  userId?: string;
  callbackUrl?: string;
  externalId?: string;
  wait?: number;
}

/**
 * POST /api/v1/submissions. The record is stored (pending, in the outbox) before the task is published
 * and shown only after the broker's confirm; if the broker does not take the task the record is deleted
 * and the client gets 503: a 202 always means the task is on the queue. If this process dies in between,
 * the OrphanSweeper publishes the task later (redis-submission-store.ts).
 */
export function createSubmissionRoute(deps: AppDeps) {
  const { config } = deps;
  return defineRoute<Record<string, never>, { wait?: number }, CreateSubmissionBody>({
    operationId: 'createSubmission',
    method: 'post',
    path: '/api/v1/submissions',
    tag: 'submissions',
    summary: 'Submit a solution',
    description:
      'Queues a submission for judging. With an `externalId`, a retry by the same client returns the first submission (200) instead of creating another. ' +
      'Service clients (an LMS) must name the student in `userId`. `callbackUrl` (service clients and staff) receives a signed `submission.judged` webhook; ' +
      'a service client with a registered URL gets it without one. `wait` (body or query) holds the response up to N seconds for the verdict. ' +
      "A language the problem's problem.yaml `languages` leaves out is refused with 422 `language_not_allowed` (the problem view's `languages` lists those it allows). " +
      'Refusals come in this order: `unknown_language`, the sources, the problem (`unknown_problem`, `problem_deleted`), `language_not_allowed`, `language_unavailable`, `code_too_large`.',
    access: ['student', 'instructor', 'admin', 'service'],
    rateLimit: 'submissions',
    query: { type: 'object', additionalProperties: false, properties: { wait: waitSchema(config.maxWaitS) } },
    body: {
      kind: 'json',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['problemId', 'languageId', 'files'],
        properties: {
          problemId: { type: 'string', minLength: 1, maxLength: 64, pattern: PROBLEM_ID_PATTERN },
          languageId: { type: 'string', minLength: 1, maxLength: 32 },
          files: sourceFilesSchema(config.maxFiles),
          userId: { type: 'string', pattern: USER_ID_PATTERN, description: 'Service clients: the student submitting.' },
          callbackUrl: { type: 'string', maxLength: 2048, description: 'http(s) URL receiving the verdict webhook.' },
          externalId: {
            type: 'string',
            pattern: ID_PATTERN,
            description: 'Client-chosen id, unique per client: a retry with the same one returns the same submission.',
          },
          wait: waitSchema(config.maxWaitS),
        },
      },
      example: {
        problemId: 'hello',
        languageId: 'python',
        files: [{ name: 'hello.py', content: 'print("Hello World!")\n' }],
        externalId: 'moodle-attempt-4711',
        wait: 10,
      },
    },
    responses: {
      202: { description: 'Accepted: queued (or still judging after `wait`).', schema: SUBMISSION_VIEW_SCHEMA },
      200: { description: 'Final result within `wait`, or an earlier submission with the same externalId.', schema: SUBMISSION_VIEW_SCHEMA },
      409: {
        description: '`language_unavailable`: no live executor serves `languageId` now; `details.available` lists those that are served.',
        schema: ERROR_SCHEMA,
      },
      422: {
        description: "`language_not_allowed`: the problem's problem.yaml `languages` does not allow `languageId`; `details.allowed` lists the languages it allows.",
        schema: ERROR_SCHEMA,
      },
      503: { description: 'The queue could not take the task; nothing was stored.', schema: ERROR_SCHEMA },
    },
    errorCodes: [
      'validation_failed',
      'unknown_language',
      'language_not_allowed',
      'language_unavailable',
      'unknown_problem',
      'problem_deleted',
      'invalid_callback_url',
      'source_too_large',
      'code_too_large',
      'submission_in_progress',
      'queue_unavailable',
    ],
    async handle(ctx, { query, body }) {
      const principal = ctx.state.principal as Principal;
      const userId = submittingUser(principal, body.userId);
      checkLanguageKnown(deps, body.languageId);
      checkSources(body.files, config);
      const { problem, version } = await loadProblemForSubmission(deps.problems, principal, body.problemId);
      await checkLanguageAccepted(deps, body.languageId, version);
      // Versions stored before limits.code was read have no codeKb: the installation's source limit holds.
      const codeBytes = body.files.reduce((sum, file) => sum + Buffer.byteLength(file.content, 'utf8'), 0);
      if (version.codeKb !== undefined && codeBytes > version.codeKb * 1024) {
        throw errors.codeTooLarge(problem.id, codeBytes, version.codeKb);
      }
      const callbackUrl = await chooseCallbackUrl(deps, principal, body.callbackUrl);
      const now = new Date();
      const record: SubmissionRecord = {
        id: newId('s'),
        userId,
        courseId: problem.courseId,
        submittedBy: principal.id,
        problemId: problem.id,
        problemVersion: version.version,
        languageId: body.languageId,
        status: 'queued',
        lane: 'submission',
        round: 0,
        createdAt: now.toISOString(),
        ...(body.externalId !== undefined && { externalId: body.externalId }),
        ...(callbackUrl !== undefined && { callbackUrl }),
      };
      const wait = body.wait ?? query.wait ?? 0;
      const created = await deps.submissions.create(record, body.files, now.getTime());
      if (created.kind === 'existing') {
        await answerExisting(ctx, deps, principal, created.id, wait);
        return;
      }
      const task: TaskMessage = {
        v: 1,
        kind: 'submission',
        lane: 'submission',
        id: record.id,
        round: 0,
        problemId: problem.id,
        problemVersion: version.version,
        packageHash: version.packageHash,
        languageId: body.languageId,
        files: body.files,
        publishedAt: Date.now(),
      };
      try {
        await deps.publisher.publish(task);
      } catch (error) {
        ctx.state.log.warn({ err: error, submissionId: record.id }, 'task not published; submission discarded');
        await deps.submissions.discard(record);
        throw error;
      }
      const confirmed = await deps.submissions.confirm(record, task.publishedAt);
      deps.metrics.published.inc({ lane: 'submission' });
      // The request's one log line says what was accepted (requestContext writes it).
      ctx.state.logFields = { submissionId: record.id, problemId: record.problemId, languageId: record.languageId, userId };
      ctx.set('Location', `/api/v1/submissions/${record.id}`);
      await answer(ctx, deps, principal, record.id, wait, 202, confirmed?.record);
    },
  });
}

/** The student the submission belongs to. */
function submittingUser(principal: Principal, requested: string | undefined): string {
  if (principal.role === 'service') {
    if (requested === undefined) {
      throw errors.validationFailed([{ in: 'body', field: 'userId', message: 'is required for service clients' }]);
    }
    return requested;
  }
  if (requested !== undefined && requested !== principal.id && principal.role !== 'admin') {
    throw errors.forbidden('Only service clients and admins submit on behalf of another user.');
  }
  return requested ?? principal.id;
}

async function chooseCallbackUrl(deps: AppDeps, principal: Principal, requested: string | undefined): Promise<string | undefined> {
  if (requested === undefined) {
    return principal.role === 'service' ? deps.config.webhookUrls[principal.id] : undefined;
  }
  if (principal.role === 'student') throw errors.forbidden('Students cannot register callback URLs.');
  const problem = await checkCallbackUrl(requested, {
    allowPrivate: deps.config.webhookAllowPrivateTargets,
    ...(deps.resolveHost && { resolve: deps.resolveHost }),
  });
  if (problem !== undefined) throw errors.invalidCallbackUrl(problem);
  return requested;
}

/** A retry with a known externalId: the first submission, as it is now. */
async function answerExisting(ctx: RouteContext, deps: AppDeps, principal: Principal, id: string, wait: number): Promise<void> {
  const existing = await deps.submissions.get(id);
  if (existing === undefined || existing.pending) throw errors.submissionInProgress(id);
  ctx.set('Location', `/api/v1/submissions/${id}`);
  await answer(ctx, deps, principal, id, wait, 200);
}

/**
 * Responds with the submission after waiting up to `wait` s: 200 if final, else `pendingStatus`.
 * `known`: the record as just read (by confirm), which spares reading it again.
 */
async function answer(
  ctx: RouteContext,
  deps: AppDeps,
  principal: Principal,
  id: string,
  wait: number,
  pendingStatus: number,
  known?: SubmissionRecord,
): Promise<void> {
  let current = known ?? (await deps.submissions.get(id))?.record;
  if (wait > 0 && current !== undefined && !isFinalStatus(current.status)) {
    await waitForFinal(
      deps.events,
      deps.keys.submissionEvents(id),
      'submission',
      async () => {
        current = (await deps.submissions.get(id))?.record;
        return current === undefined || isFinalStatus(current.status);
      },
      wait * 1000,
      deps.shutdownSignal,
    );
  }
  if (current === undefined) throw errors.unknownSubmission(id);
  respond(ctx, isFinalStatus(current.status) ? 200 : pendingStatus, presentSubmission(current, principal));
}
