/**
 * The Koa application: request context → error handler → Host check → CORS → demo page (/demo/) → router
 * (auth, rate limit, body, validation, handler per route) → 404/405. Built from AppDeps so tests and
 * main.ts assemble it the same way.
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './app-deps.js';
import type { Principal } from './auth/principal.js';
import { serveDemo } from './demo/serve-demo.js';
import { cors } from './http/cors.js';
import { errorHandler } from './http/error-handler.js';
import { errors } from './http/errors.js';
import { requireHostHeader } from './http/parser-errors.js';
import { requestContext } from './http/request-context.js';
import type { RequestState } from './http/request-state.js';
import { mountRoutes, type RouteSpec } from './http/route.js';
import { adminRoutes } from './routes/admin/admin-routes.js';
import { docsRoutes } from './routes/docs/docs-routes.js';
import { operationRoutes } from './routes/operations/operations.js';
import { problemRoutes } from './routes/problems/index.js';
import { runRoutes } from './routes/runs/index.js';
import { submissionRoutes } from './routes/submissions/index.js';

/** Version of the API contract (OpenAPI info.version), not of the package. */
export const API_VERSION = '1.0.0';

export function createApp(deps: AppDeps): { app: Koa<RequestState>; routes: readonly RouteSpec[] } {
  const app = new Koa<RequestState>();
  // Errors are answered and logged by errorHandler; what reaches Koa's own handler (a client that went
  // away mid-stream) is only worth a debug line.
  app.on('error', (error: unknown) => deps.log.debug({ err: error }, 'response stream error'));

  const routes: RouteSpec[] = [
    ...operationRoutes(deps),
    ...submissionRoutes(deps),
    ...runRoutes(deps),
    ...problemRoutes(deps),
    ...adminRoutes(deps),
  ];
  routes.push(...docsRoutes(() => routes, API_VERSION));

  const router = new Router<RequestState>();
  mountRoutes(router, routes, {
    tokens: deps.tokens,
    maxJsonBodyBytes: deps.config.maxJsonBodyBytes,
    rateLimit: async (principal: Principal, bucket) => {
      const limit = bucket === 'submissions' ? deps.config.rateLimitSubmissions : deps.config.rateLimitRequests;
      const decision = await deps.rateLimiter.hit(principal.id, bucket, limit);
      if (!decision.allowed) throw errors.rateLimited(decision.resetS, bucket);
    },
  });

  app.use(requestContext(deps.log));
  app.use(errorHandler());
  app.use(requireHostHeader());
  app.use(cors(deps.config.corsOrigins));
  app.use(serveDemo());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, routes };
}
