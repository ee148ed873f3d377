import type { AppDeps } from '../../app-deps.js';
import type { Principal } from '../../auth/principal.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond, type RouteSpec } from '../../http/route.js';
import { collectStats } from '../../stats/collect-stats.js';
import { computeUsage } from '../../stats/compute-usage.js';
import { buildWebhookPayload } from '../../webhooks/webhook-payload.js';
import { COURSE_ID_PATTERN, ERROR_SCHEMA, USER_ID_PATTERN } from '../shared-schemas.js';

const DELIVERY_ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}\\.[0-9]{1,9}$', description: '`<submissionId>.<round>`' } },
};

const WINDOW_STATS_SCHEMA = {
  type: 'object',
  properties: {
    arrivals: { type: 'integer' },
    arrivalRate: { type: 'number', description: 'Per second.' },
    completed: { type: 'integer' },
    serviceRate: { type: 'number', description: 'Per second.' },
    meanResponseMs: { type: ['number', 'null'] },
    meanServiceMs: { type: ['number', 'null'] },
  },
};

export function adminRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      operationId: 'getStats',
      method: 'get',
      path: '/api/v1/stats',
      tag: 'operations',
      summary: 'Queueing statistics (admin)',
      description:
        'Per lane: queue depth, and over the last 1, 5 and 15 minutes arrivals, arrival rate, completions, service rate, mean response and service times. Per executor: pool size, busy slots and the same completion figures.',
      access: ['admin'],
      responses: {
        200: {
          description: 'The statistics.',
          schema: {
            type: 'object',
            properties: {
              generatedAt: { type: 'string', format: 'date-time' },
              lanes: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: {
                    queueDepth: { type: ['integer', 'null'] },
                    windows: { type: 'object', additionalProperties: WINDOW_STATS_SCHEMA },
                  },
                },
              },
              executors: { type: 'object', additionalProperties: { type: 'object' } },
            },
          },
        },
      },
      async handle(ctx) {
        respond(ctx, 200, await collectStats(deps.stats, deps.publisher));
      },
    }),
    defineRoute<Record<string, never>, { from?: string; to?: string; courseId?: string; userId?: string }, undefined>({
      operationId: 'getUsage',
      method: 'get',
      path: '/api/v1/usage',
      tag: 'operations',
      summary: 'Submissions and CPU seconds per user and course',
      description:
        'Instructors see their courses, admins all. Submissions are counted by creation time with the CPU of their latest judging; runs by finish time, for as long as executors keep job statistics (24 h). Default range: the last 30 days.',
      access: ['instructor', 'admin'],
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          courseId: { type: 'string', pattern: COURSE_ID_PATTERN },
          userId: { type: 'string', pattern: USER_ID_PATTERN },
        },
      },
      responses: {
        200: {
          description: 'Usage.',
          schema: {
            type: 'object',
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              users: { type: 'array', items: { type: 'object' } },
              courses: { type: 'array', items: { type: 'object' } },
            },
          },
          example: {
            from: '2025-01-01T00:00:00.000Z',
            to: '2025-01-31T00:00:00.000Z',
            users: [{ userId: 'alice', courseId: 'prog1', submissions: 12, runs: 30, cpuSeconds: 4.2 }],
            courses: [{ courseId: 'prog1', submissions: 12, runs: 30, cpuSeconds: 4.2 }],
          },
        },
      },
      errorCodes: ['forbidden', 'validation_failed'],
      async handle(ctx, { query }) {
        const principal = ctx.state.principal as Principal;
        const toMs = query.to === undefined ? Date.now() : Date.parse(query.to);
        const fromMs = query.from === undefined ? toMs - 30 * 86400_000 : Date.parse(query.from);
        if (fromMs > toMs) throw errors.validationFailed([{ in: 'query', field: 'from', message: 'must not be after `to`' }]);
        let courses: readonly string[] | undefined;
        if (principal.role === 'instructor') {
          if (query.courseId !== undefined && !principal.courses.includes(query.courseId)) {
            throw errors.forbidden(`You do not teach course '${query.courseId}'.`);
          }
          courses = query.courseId !== undefined ? [query.courseId] : principal.courses;
        } else if (query.courseId !== undefined) {
          courses = [query.courseId];
        }
        respond(
          ctx,
          200,
          await computeUsage(deps.submissions, deps.stats, {
            fromMs,
            toMs,
            ...(courses !== undefined && { courses }),
            ...(query.userId !== undefined && { userId: query.userId }),
          }),
        );
      },
    }),
    defineRoute<Record<string, never>, { limit: number }, undefined>({
      operationId: 'listWebhookAttempts',
      method: 'get',
      path: '/api/v1/webhooks/deliveries',
      tag: 'webhooks',
      summary: 'Webhook delivery log (admin)',
      description: 'The newest delivery attempts, newest first: target, HTTP status or error, what happens next.',
      access: ['admin'],
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      },
      responses: {
        200: {
          description: 'Attempts.',
          schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } },
          example: {
            items: [
              {
                deliveryId: 'sQk3v0cW1d2h5o7YpZx9.0',
                submissionId: 'sQk3v0cW1d2h5o7YpZx9',
                attempt: 2,
                url: 'https://lms.example/juez',
                at: '2025-01-01T10:00:05.000Z',
                status: 200,
                durationMs: 84,
                outcome: 'delivered',
              },
            ],
          },
        },
      },
      async handle(ctx, { query }) {
        respond(ctx, 200, { items: await deps.webhooks.log(query.limit) });
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, undefined>({
      operationId: 'getWebhookDelivery',
      method: 'get',
      path: '/api/v1/webhooks/deliveries/:id',
      tag: 'webhooks',
      summary: 'One webhook delivery and its payload (admin)',
      access: ['admin'],
      params: DELIVERY_ID_PARAMS,
      responses: {
        200: { description: 'The delivery.', schema: { type: 'object' } },
        404: { description: 'Unknown delivery.', schema: ERROR_SCHEMA },
      },
      errorCodes: ['unknown_delivery'],
      async handle(ctx, { params }) {
        const delivery = await deps.webhooks.get(params.id);
        if (delivery === undefined) throw errors.unknownDelivery(params.id);
        const { claim: _claim, ...shown } = delivery;
        respond(ctx, 200, { ...shown, payload: buildWebhookPayload(delivery) });
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, undefined>({
      operationId: 'redeliverWebhook',
      method: 'post',
      path: '/api/v1/webhooks/deliveries/:id/redeliver',
      tag: 'webhooks',
      summary: 'Send a delivery again (admin)',
      description: 'Due at once, with the same webhook-id and payload and a fresh retry window.',
      access: ['admin'],
      params: DELIVERY_ID_PARAMS,
      responses: { 202: { description: 'Scheduled.', example: { id: 'sQk3v0cW1d2h5o7YpZx9.0', status: 'pending' } } },
      errorCodes: ['unknown_delivery'],
      async handle(ctx, { params }) {
        if (!(await deps.webhooks.redeliver(params.id))) throw errors.unknownDelivery(params.id);
        ctx.state.log.info({ deliveryId: params.id }, 'webhook redelivery scheduled');
        respond(ctx, 202, { id: params.id, status: 'pending' });
      },
    }),
  ];
}
