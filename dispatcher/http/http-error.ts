/**
 * An error meant for the client, after Koa's contract: `status` is the HTTP status and `expose` says the
 * message may be shown. On the wire: `{"error": {"code", "message", "details"}}` with a stable `code`.
 * Build them with the factories in errors.ts, never ad hoc, so that codes stay stable.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  /** Always true: every HttpError's message is written for the client. */
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers that go with the error (Retry-After, WWW-Authenticate, Allow). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
