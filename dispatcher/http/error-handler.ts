import type { Middleware } from 'koa';
import { QueueUnavailableError } from '../queue/task-publisher.js';
import { isStoreUnavailable } from '../store/store-errors.js';
import { errors } from './errors.js';
import { HttpError } from './http-error.js';
import type { RequestState } from './request-state.js';

/** Generic codes for errors raised by Koa or the router themselves (ctx.throw, http-errors). */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'invalid_token',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Turns every failure into `{"error": {"code", "message", "details"}}`. HttpErrors are shown as they are;
 * exposed Koa errors get a generic code; an unreachable Redis or broker is a 503; anything else is a plain
 * 500 `internal_error` with no stack or internals (the details go to the log, with the request id).
 * Also answers unmatched routes (404) and wrong methods (405 with Allow).
 */
export function errorHandler(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw errors.routeNotFound(ctx.method, ctx.path);
        if (ctx.status === 405 || ctx.status === 501) {
          throw errors.methodNotAllowed(ctx.method, (ctx.response.get('Allow') || '').split(/,\s*/).filter(Boolean));
        }
      }
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500) {
        const level = httpError.code === 'internal_error' ? 'error' : 'warn';
        ctx.state.log?.[level]({ err: error }, httpError.code);
      }
      if (ctx.headerSent || !ctx.writable) return; // a stream already started: nothing more can be said
      ctx.status = httpError.status;
      for (const [name, value] of Object.entries(httpError.headers)) ctx.set(name, value);
      ctx.body = {
        error: {
          code: httpError.code,
          message: httpError.message,
          ...(httpError.details === undefined ? {} : { details: httpError.details }),
        },
      };
    }
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof QueueUnavailableError) return errors.queueUnavailable();
  if (isStoreUnavailable(error)) return errors.storeUnavailable();
  const koaError = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof koaError.status === 'number' && koaError.status < 500 && koaError.expose === true) {
    return new HttpError(koaError.status, STATUS_CODES[koaError.status] ?? 'bad_request', String(koaError.message));
  }
  return errors.internal();
}
