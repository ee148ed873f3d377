import type { AppDeps } from '../../app-deps.js';
import { errors } from '../../http/errors.js';
import { defineRoute, respond, type RouteSpec } from '../../http/route.js';
import { ERROR_SCHEMA } from '../shared-schemas.js';

const CHECK_TIMEOUT_MS = 2000;

export function operationRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      operationId: 'health',
      method: 'get',
      path: '/health',
      tag: 'operations',
      summary: 'Liveness: the process answers',
      access: 'public',
      responses: { 200: { description: 'Alive.', example: { status: 'ok' } } },
      async handle(ctx) {
        respond(ctx, 200, { status: 'ok' });
      },
    }),
    defineRoute({
      operationId: 'ready',
      method: 'get',
      path: '/ready',
      tag: 'operations',
      summary: 'Readiness: RabbitMQ and Redis reachable',
      access: 'public',
      responses: {
        200: { description: 'Ready.', example: { status: 'ready', checks: { redis: 'ok', rabbitmq: 'ok' } } },
        503: { description: 'A dependency is unreachable (`details.checks`).', schema: ERROR_SCHEMA },
      },
      errorCodes: ['not_ready'],
      async handle(ctx) {
        const checks: Record<string, string> = { redis: 'ok', rabbitmq: deps.publisher.isReady() ? 'ok' : 'not connected' };
        try {
          await withTimeout(deps.pingRedis(), CHECK_TIMEOUT_MS);
        } catch (error) {
          checks.redis = error instanceof Error ? error.message : 'unreachable';
        }
        if (Object.values(checks).some((check) => check !== 'ok')) throw errors.notReady(checks);
        respond(ctx, 200, { status: 'ready', checks });
      },
    }),
    defineRoute({
      operationId: 'metrics',
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary: 'Prometheus metrics',
      description:
        'Queue depth per lane, arrival and service rates, judging and response time histograms, verdict counts, executor pool occupancy, process metrics.',
      access: 'public',
      responses: { 200: { description: 'Prometheus text format.', contentType: 'text/plain' } },
      async handle(ctx) {
        ctx.type = deps.metrics.registry.contentType;
        ctx.body = await deps.metrics.registry.metrics();
      },
    }),
    defineRoute({
      operationId: 'listLanguages',
      method: 'get',
      path: '/api/v1/languages',
      tag: 'languages',
      summary: 'Languages juez knows, and which can be judged now',
      description:
        'Every language of the installation. `available`: some live executor serves it now (submissions and runs in the others are refused with 409 `language_unavailable`). ' +
        '`version`: the toolchain version read from the executors’ runtime image, present only when available. The answer may be up to a second old.',
      access: ['student', 'instructor', 'admin', 'service'],
      responses: {
        200: {
          description: 'Languages.',
          schema: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'extensions', 'available'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    extensions: { type: 'array', items: { type: 'string' } },
                    available: { type: 'boolean', description: 'Some live executor serves it now.' },
                    version: { type: 'string', description: 'Read from the runtime image of the executors that serve it; absent when none does.' },
                  },
                },
              },
            },
          },
          example: {
            items: [
              { id: 'python', name: 'Python 3', extensions: ['.py'], available: true, version: '3.11.2' },
              { id: 'haskell', name: 'Haskell (GHC)', extensions: ['.hs'], available: false },
            ],
          },
        },
      },
      async handle(ctx) {
        const served = await deps.availability.served();
        respond(ctx, 200, {
          items: deps.languages.map(({ id, name, extensions }) => {
            const version = served.get(id);
            return { id, name, extensions, available: version !== undefined, ...(version !== undefined && { version }) };
          }),
        });
      },
    }),
  ];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
