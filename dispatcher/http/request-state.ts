import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';

/** What the middleware puts in `ctx.state` for the handlers. */
export interface RequestState {
  /** From `x-request-id` when the caller sent a sane one, else generated; echoed in the response. */
  requestId: string;
  /** pino child logger carrying the request id (made on first use: most requests log only their one line). */
  readonly log: Logger;
  /** Set by the auth middleware on routes that need a token. */
  principal?: Principal;
  /**
   * Fields for the request's one log line, added by the handler (a new submission's id, problem and
   * language), so that an accepted submission costs one line, not two.
   */
  logFields?: Record<string, unknown>;
}
