import type { RunRecord } from '../../../common/run-record.js';
import type { TaskMessage } from '../../../common/task-message.js';
import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { waitForFinal } from '../../events/wait-for-final.js';
import { errors } from '../../http/errors.js';
import { defineRoute, type RouteContext, respond } from '../../http/route.js';
import { checkLanguageAccepted, checkLanguageKnown } from '../check-language.js';
import { checkSources } from '../check-sources.js';
import { newId } from '../new-id.js';
import { loadProblemForSubmission } from '../problems/load-problem.js';
import { ERROR_SCHEMA, PROBLEM_ID_PATTERN, sourceFilesSchema, waitSchema } from '../shared-schemas.js';
import { presentRun, RUN_VIEW_SCHEMA } from './present-run.js';

interface CreateRunBody {
  languageId: string;
  files: { name: string; content: string }[];
  stdin: string;
  problemId?: string;
  wait?: number;
}

export function createRunRoute(deps: AppDeps) {
  const { config } = deps;
  return defineRoute<Record<string, never>, { wait?: number }, CreateRunBody>({
    operationId: 'createRun',
    method: 'post',
    path: '/api/v1/runs',
    tag: 'runs',
    summary: 'Run a program once on custom input',
    description:
      "Compiles and runs the files on `stdin`, with the limits of `problemId` (which must be in the caller's courses) or the default run limits. " +
      'Nothing is compared. Runs go ahead of submissions in the queue and expire after JUEZ_RUN_TTL_S. ' +
      "With `problemId`, a language the problem's problem.yaml `languages` leaves out is refused with 422 `language_not_allowed`, as for a submission.",
    access: ['student', 'instructor', 'admin', 'service'],
    rateLimit: 'submissions',
    query: { type: 'object', additionalProperties: false, properties: { wait: waitSchema(config.maxWaitS) } },
    body: {
      kind: 'json',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['languageId', 'files'],
        properties: {
          languageId: { type: 'string', minLength: 1, maxLength: 32 },
          files: sourceFilesSchema(config.maxFiles),
          stdin: { type: 'string', default: '' },
          problemId: { type: 'string', minLength: 1, maxLength: 64, pattern: PROBLEM_ID_PATTERN },
          wait: waitSchema(config.maxWaitS),
        },
      },
      example: { languageId: 'python', files: [{ name: 'a.py', content: 'print(input()[::-1])\n' }], stdin: 'hello\n', wait: 10 },
    },
    responses: {
      202: { description: 'Queued (or still running after `wait`).', schema: RUN_VIEW_SCHEMA },
      200: { description: 'Finished within `wait`.', schema: RUN_VIEW_SCHEMA },
      409: {
        description: '`language_unavailable`: no live executor serves `languageId` now; `details.available` lists those that are served.',
        schema: ERROR_SCHEMA,
      },
      422: {
        description: "`language_not_allowed`: `problemId`'s problem.yaml `languages` does not allow `languageId`; `details.allowed` lists those it allows.",
        schema: ERROR_SCHEMA,
      },
      503: { description: 'The queue could not take the task.', schema: ERROR_SCHEMA },
    },
    errorCodes: ['validation_failed', 'unknown_language', 'language_not_allowed', 'language_unavailable', 'unknown_problem', 'problem_deleted', 'source_too_large', 'queue_unavailable'],
    async handle(ctx, { query, body }) {
      const principal = ctx.state.principal as Principal;
      checkLanguageKnown(deps, body.languageId);
      checkSources(body.files, config);
      if (Buffer.byteLength(body.stdin, 'utf8') > config.maxStdinBytes) throw errors.sourceTooLarge('stdin', config.maxStdinBytes);
      let target = { problemId: deps.defaultRunPackage.problemId, version: deps.defaultRunPackage.version, hash: deps.defaultRunPackage.packageHash };
      let courseId: string | undefined;
      if (body.problemId !== undefined) {
        const { problem, version } = await loadProblemForSubmission(deps.problems, principal, body.problemId);
        target = { problemId: problem.id, version: version.version, hash: version.packageHash };
        courseId = problem.courseId;
        await checkLanguageAccepted(deps, body.languageId, version);
      } else {
        await checkLanguageAccepted(deps, body.languageId);
      }
      const record: RunRecord = {
        id: newId('r'),
        userId: principal.id,
        languageId: body.languageId,
        status: 'queued',
        createdAt: new Date().toISOString(),
        ...(courseId !== undefined && { courseId }),
        ...(body.problemId !== undefined && { problemId: target.problemId, problemVersion: target.version }),
      };
      await deps.runs.create(record);
      const task: TaskMessage = {
        v: 1,
        kind: 'run',
        lane: 'run',
        id: record.id,
        round: 0,
        problemId: target.problemId,
        problemVersion: target.version,
        packageHash: target.hash,
        languageId: body.languageId,
        files: body.files,
        stdin: body.stdin,
        publishedAt: Date.now(),
      };
      try {
        await deps.publisher.publish(task);
      } catch (error) {
        ctx.state.log.warn({ err: error, runId: record.id }, 'run not published; discarded');
        await deps.runs.discard(record.id);
        throw error;
      }
      await deps.stats.recordArrival('run', record.id, 0, task.publishedAt);
      deps.metrics.published.inc({ lane: 'run' });
      ctx.set('Location', `/api/v1/runs/${record.id}`);
      await answerRun(ctx, deps, record.id, body.wait ?? query.wait ?? 0, 202);
    },
  });
}

/** Responds with the run after waiting up to `wait` s: 200 when done, else `pendingStatus`. */
export async function answerRun(ctx: RouteContext, deps: AppDeps, id: string, wait: number, pendingStatus: number): Promise<void> {
  let current = await deps.runs.get(id);
  if (wait > 0 && current !== undefined && current.status !== 'done') {
    await waitForFinal(
      deps.events,
      deps.keys.runEvents(id),
      'run',
      async () => {
        current = await deps.runs.get(id);
        return current === undefined || current.status === 'done';
      },
      wait * 1000,
      deps.shutdownSignal,
    );
  }
  if (current === undefined) throw errors.unknownRun(id);
  respond(ctx, current.status === 'done' ? 200 : pendingStatus, presentRun(current));
}
