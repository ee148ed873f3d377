import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { RequestState } from './request-state.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (an incoming `x-request-id` is honoured when it is sane, so a proxy's id ties
 * the logs together), a child logger carrying it, and one log line when it ends.
 */
export function requestContext(log: Logger): Middleware<RequestState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ requestId });
    ctx.set('x-request-id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms, user: ctx.state.principal?.id };
      if (ctx.status >= 500) ctx.state.log.warn(line, 'request failed');
      else ctx.state.log.info(line, 'request');
    }
  };
}
