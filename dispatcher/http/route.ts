/**
 * A route is data: method, path, who may call it, the JSON schemas of its path parameters, query and body,
 * its responses, and a handler. mountRoutes turns the list into Koa router layers (auth → rate limit →
 * body → validation → handler) and build-openapi.ts turns the same list into the OpenAPI document, so the
 * validator and the documentation can never disagree: they read the same schema objects.
 */
import type Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { Role } from '../../common/auth-token.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { errors } from './errors.js';
import { mediaType, readJsonBody, readRawBody } from './read-body.js';
import type { RequestState } from './request-state.js';
import { compileValidator, type JsonSchema, type Validator } from './validation.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface JsonBodySpec {
  kind: 'json';
  schema: JsonSchema;
  example?: unknown;
  /** A request without a body (no Content-Length or 0, no Transfer-Encoding) is validated as `{}`. */
  optional?: boolean;
}

/** A raw body (an archive), handed to the handler as a Buffer. */
export interface RawBodySpec {
  kind: 'raw';
  contentTypes: readonly string[];
  description: string;
  /** Largest body accepted, bytes. */
  maxBytes: number;
}

export interface ResponseSpec {
  description: string;
  /** Default application/json. */
  contentType?: string;
  schema?: JsonSchema;
  example?: unknown;
  headers?: Record<string, string>;
}

/** What the handler receives, validated (defaults filled, parameters coerced). */
export interface RouteInput<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

export type RouteContext = ParameterizedContext<RequestState>;

export interface RouteSpec<I extends RouteInput = RouteInput> {
  /** OpenAPI operationId, e.g. `createSubmission`. */
  operationId: string;
  method: HttpMethod;
  /** Koa-style path, e.g. `/api/v1/submissions/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** `public`: no token; otherwise the roles allowed (further checks happen in the handler). */
  access: 'public' | readonly Role[];
  /** Which rate-limit bucket the request counts against (authenticated routes only). Default `requests`. */
  rateLimit?: 'requests' | 'submissions' | 'none';
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonBodySpec | RawBodySpec;
  responses: Record<number, ResponseSpec>;
  /** Error codes the route answers besides the common ones, for the documentation. */
  errorCodes?: readonly string[];
  // A method (not a property) so that specs with narrower inputs are assignable to RouteSpec.
  handle(ctx: RouteContext, input: I): Promise<void>;
}

/** Identity with inference: `defineRoute<{ id: string }, ListQuery, never>({...})`. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<RouteInput<P, Q, B>>,
): RouteSpec {
  return spec as RouteSpec;
}

export interface RouteGuards {
  tokens: TokenVerifier;
  /** Counts the request; throws 429 when over the limit. */
  rateLimit(principal: Principal, bucket: 'requests' | 'submissions'): Promise<void>;
  maxJsonBodyBytes: number;
}

/** Registers every route on `router`. */
export function mountRoutes(router: Router<RequestState>, routes: readonly RouteSpec[], guards: RouteGuards): void {
  for (const route of routes) {
    const validateParams = compileValidator(route.params ?? EMPTY_OBJECT, 'path');
    const validateQuery = compileValidator(route.query ?? EMPTY_OBJECT, 'query');
    const validateBody: Validator | undefined =
      route.body?.kind === 'json' ? compileValidator(route.body.schema, 'body') : undefined;
    router.register(route.path, [route.method.toUpperCase()], async (ctx) => {
      if (route.access !== 'public') {
        const principal = guards.tokens.verify(ctx.get('authorization'));
        ctx.state.principal = principal;
        if (!route.access.includes(principal.role)) {
          throw errors.forbidden(`This needs one of the roles ${route.access.join(', ')}; your token says ${principal.role}.`);
        }
        const bucket = route.rateLimit ?? 'requests';
        if (bucket !== 'none') await guards.rateLimit(principal, bucket);
      }
      const params = validateParams({ ...ctx.params });
      const query = validateQuery({ ...ctx.query });
      let body: unknown;
      if (route.body?.kind === 'json') {
        if (route.body.optional === true && !hasBody(ctx)) {
          body = (validateBody as Validator)({});
        } else {
          requireMediaType(ctx, ['application/json']);
          body = (validateBody as Validator)(await readJsonBody(ctx, guards.maxJsonBodyBytes));
        }
      } else if (route.body?.kind === 'raw') {
        requireMediaType(ctx, route.body.contentTypes);
        body = await readRawBody(ctx, route.body.maxBytes, 'The archive');
      }
      await route.handle(ctx, { params, query, body });
    });
  }
}

const EMPTY_OBJECT: JsonSchema = { type: 'object', additionalProperties: false };

function hasBody(ctx: RouteContext): boolean {
  return ctx.get('transfer-encoding') !== '' || Number(ctx.get('content-length') || 0) > 0;
}

function requireMediaType(ctx: RouteContext, accepted: readonly string[]): void {
  const type = mediaType(ctx);
  if (!accepted.includes(type)) throw errors.unsupportedMediaType(type, accepted);
}

/** Sets a JSON response. */
export function respond(ctx: RouteContext, status: number, body: unknown): void {
  ctx.status = status;
  ctx.body = body;
}
