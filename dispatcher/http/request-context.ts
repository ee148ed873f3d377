import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { RequestState } from './request-state.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** ctx.state of every request; the child logger is made only when a handler logs something of its own. */
class RequestContextState implements RequestState {
  principal?: Principal;
  logFields?: Record<string, unknown>;
  private child: Logger | undefined;

  constructor(
    readonly requestId: string,
    private readonly root: Logger,
  ) {}

  get log(): Logger {
    this.child ??= this.root.child({ requestId: this.requestId });
    return this.child;
  }
}

/**
 * Gives every request an id (an incoming `x-request-id` is honoured when it is sane, so a proxy's id ties
 * the logs together), a logger carrying it, and one log line when it ends (with the handler's logFields).
 */
export function requestContext(log: Logger): Middleware<RequestState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state = new RequestContextState(requestId, log);
    ctx.state = state;
    ctx.set('x-request-id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      const line = { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms, user: state.principal?.id, ...state.logFields };
      if (ctx.status >= 500) log.warn(line, 'request failed');
      else log.info(line, 'request');
    }
  };
}
