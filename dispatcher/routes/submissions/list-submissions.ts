import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../../common/submission.js';
import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond } from '../../http/route.js';
import type { SubmissionFilter } from '../../store/redis-submission-store.js';
import { COURSE_ID_PATTERN, PROBLEM_ID_PATTERN, SUBMISSION_VIEW_SCHEMA, USER_ID_PATTERN } from '../shared-schemas.js';
import { presentSubmission } from './present-submission.js';

interface ListQuery {
  problem?: string;
  user?: string;
  course?: string;
  status?: SubmissionStatus[];
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

export function listSubmissionsRoute(deps: AppDeps) {
  return defineRoute<Record<string, never>, ListQuery, undefined>({
    operationId: 'listSubmissions',
    method: 'get',
    path: '/api/v1/submissions',
    tag: 'submissions',
    summary: 'List submissions, newest first',
    description:
      'Students see their own; service clients those they submitted; instructors those of their courses; admins all. ' +
      'Cursor pagination: pass `nextCursor` back as `cursor`. A page may hold fewer than `limit` items while `nextCursor` is set (filters are applied while scanning); stop when it is absent.',
    access: ['student', 'instructor', 'admin', 'service'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        problem: { type: 'string', pattern: PROBLEM_ID_PATTERN, maxLength: 64 },
        user: { type: 'string', pattern: USER_ID_PATTERN },
        course: { type: 'string', pattern: COURSE_ID_PATTERN },
        status: { type: 'array', items: { enum: [...SUBMISSION_STATUSES] }, description: 'Repeatable.' },
        from: { type: 'string', format: 'date-time', description: 'Created at or after.' },
        to: { type: 'string', format: 'date-time', description: 'Created at or before.' },
        cursor: { type: 'string', maxLength: 200 },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
    },
    responses: {
      200: {
        description: 'A page of submissions.',
        schema: {
          type: 'object',
          required: ['items'],
          properties: { items: { type: 'array', items: SUBMISSION_VIEW_SCHEMA }, nextCursor: { type: 'string' } },
        },
      },
    },
    errorCodes: ['validation_failed', 'invalid_cursor', 'forbidden'],
    async handle(ctx, { query }) {
      const principal = ctx.state.principal as Principal;
      const filter = scopeFilter(principal, {
        ...(query.problem !== undefined && { problemId: query.problem }),
        ...(query.user !== undefined && { userId: query.user }),
        ...(query.course !== undefined && { courseId: query.course }),
        ...(query.status !== undefined && { statuses: query.status }),
        ...(query.from !== undefined && { fromMs: Date.parse(query.from) }),
        ...(query.to !== undefined && { toMs: Date.parse(query.to) }),
      });
      let page;
      try {
        page = await deps.submissions.list(filter, query.limit, query.cursor);
      } catch (error) {
        if (error instanceof RangeError) throw errors.invalidCursor();
        throw error;
      }
      respond(ctx, 200, {
        items: page.items.map((record) => presentSubmission(record, principal)),
        ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
      });
    },
  });
}

/** Narrows a requested filter to what the principal may see; refuses filters outside it. */
function scopeFilter(principal: Principal, requested: SubmissionFilter): SubmissionFilter {
  switch (principal.role) {
    case 'admin':
      return requested;
    case 'student':
      if (requested.userId !== undefined && requested.userId !== principal.id) {
        throw errors.forbidden('Students list their own submissions only.');
      }
      return { ...requested, userId: principal.id };
    case 'service':
    case 'instructor':
      if (requested.courseId !== undefined && !principal.courses.includes(requested.courseId)) {
        throw errors.forbidden(`Course '${requested.courseId}' is not in your token.`);
      }
      return {
        ...requested,
        courseIn: principal.courses,
        // One course: its index is the smallest that holds everything visible.
        ...(requested.courseId === undefined && principal.courses.length === 1 && { courseId: principal.courses[0] as string }),
        ...(principal.role === 'service' && { submittedBy: principal.id }),
      };
  }
}
