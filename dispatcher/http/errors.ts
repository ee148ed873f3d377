/**
 * Error factories with stable codes. Clients switch on `code`; the message is for people and may change.
 */
import { HttpError } from './http-error.js';

/** One invalid field: where (body, query, path), which field (dotted path), what is wrong. */
export interface FieldProblem {
  in: 'body' | 'query' | 'path' | 'header';
  field: string;
  message: string;
}

const BEARER_REALM = 'Bearer realm="juez"';

export const errors = {
  validationFailed: (fields: FieldProblem[]) =>
    new HttpError(400, 'validation_failed', 'The request is invalid; see details for each field.', { fields }),
  invalidJson: (reason: string) => new HttpError(400, 'invalid_json', `The request body is not valid JSON: ${reason}`),
  unknownLanguage: (languageId: string) =>
    new HttpError(400, 'unknown_language', `Unknown language '${languageId}'; GET /api/v1/languages lists them.`, { languageId }),
  /** A language of the table that no live executor serves now (their images lack it, or none runs). */
  languageUnavailable: (languageId: string, available: readonly string[]) =>
    new HttpError(
      409,
      'language_unavailable',
      available.length === 0
        ? `No executor can judge '${languageId}' right now: no executor is running. Retry later; GET /api/v1/languages says which languages are available.`
        : `No executor can judge '${languageId}' right now; available: ${available.join(', ')}. Submit in one of them, or retry later.`,
      { languageId, available },
    ),
  /**
   * A language the problem's problem.yaml `languages` does not allow: `allowed` are the table's languages it
   * does allow (perhaps none of this installation), `codes` what problem.yaml says.
   */
  languageNotAllowed: (problemId: string, languageId: string, allowed: readonly string[], codes: readonly string[]) =>
    new HttpError(
      422,
      'language_not_allowed',
      allowed.length === 0
        ? `Problem '${problemId}' allows only ${codes.join(', ')}, none of them a language of this installation: it takes no submissions; tell the course staff.`
        : `Problem '${problemId}' does not allow '${languageId}'; allowed: ${allowed.join(', ')}.`,
      { problemId, languageId, allowed },
    ),
  invalidCallbackUrl: (reason: string) =>
    new HttpError(400, 'invalid_callback_url', `The callback URL is not acceptable: ${reason}`),
  /** An archive refused on upload; `reason` is a PackageArchiveErrorCode. Size limits are 413s. */
  invalidArchive: (reason: string, detail: string) =>
    ['archive_too_large', 'uncompressed_too_large', 'too_many_entries'].includes(reason)
      ? new HttpError(413, 'archive_too_large', detail, { reason })
      : new HttpError(400, 'invalid_archive', detail, { reason }),
  invalidProblemPackage: (problems: readonly string[]) =>
    new HttpError(400, 'invalid_problem_package', 'The problem package is invalid; see details for every problem.', { problems }),
  invalidCursor: () => new HttpError(400, 'invalid_cursor', 'The cursor is malformed; use the nextCursor of a previous page.'),
  missingToken: () =>
    new HttpError(401, 'missing_token', 'This endpoint needs a Bearer token in the Authorization header.', undefined, {
      'WWW-Authenticate': BEARER_REALM,
    }),
  invalidToken: (reason: string) =>
    new HttpError(401, 'invalid_token', `The token was refused: ${reason}`, undefined, {
      'WWW-Authenticate': `${BEARER_REALM}, error="invalid_token", error_description="${reason.replace(/"/g, "'")}"`,
    }),
  tokenExpired: () =>
    new HttpError(401, 'token_expired', 'The token has expired; get a new one.', undefined, {
      'WWW-Authenticate': `${BEARER_REALM}, error="invalid_token", error_description="the token has expired"`,
    }),
  forbidden: (message = 'You may not do this.') => new HttpError(403, 'forbidden', message),
  originNotAllowed: (origin: string) =>
    new HttpError(403, 'origin_not_allowed', `Pages of ${origin} may not call this API from a browser; ask the operator to add it to JUEZ_CORS_ORIGINS.`, {
      origin,
    }),
  routeNotFound: (method: string, path: string) => new HttpError(404, 'not_found', `No route for ${method} ${path}.`),
  unknownSubmission: (id: string) => new HttpError(404, 'unknown_submission', `No submission '${id}'.`, { id }),
  unknownRun: (id: string) => new HttpError(404, 'unknown_run', `No run '${id}' (runs expire).`, { id }),
  unknownProblem: (problemId: string) => new HttpError(404, 'unknown_problem', `No problem '${problemId}'.`, { problemId }),
  unknownProblemVersion: (problemId: string, version: number) =>
    new HttpError(404, 'unknown_problem_version', `Problem '${problemId}' has no version ${version}.`, { problemId, version }),
  unknownDelivery: (id: string) => new HttpError(404, 'unknown_delivery', `No webhook delivery '${id}'.`, { id }),
  methodNotAllowed: (method: string, allow: readonly string[]) =>
    new HttpError(405, 'method_not_allowed', `${method} is not allowed here; allowed: ${allow.join(', ')}.`, { allow }, {
      Allow: allow.join(', '),
    }),
  notCancellable: (status: string) =>
    new HttpError(409, 'not_cancellable', `Only queued submissions can be cancelled; this one is ${status}.`, { status }),
  submissionInProgress: (id: string) =>
    new HttpError(409, 'submission_in_progress', 'A request with this externalId is still being accepted; retry shortly.', { id }),
  problemCourseMismatch: (problemId: string, courseId: string) =>
    new HttpError(409, 'problem_course_mismatch', `Problem '${problemId}' belongs to course '${courseId}'.`, { problemId, courseId }),
  problemDeleted: (problemId: string) =>
    new HttpError(410, 'problem_deleted', `Problem '${problemId}' was deleted; it takes no new submissions.`, { problemId }),
  payloadTooLarge: (what: string, limit: number) =>
    new HttpError(413, 'payload_too_large', `${what} is larger than the limit of ${limit} bytes.`, { limit }),
  sourceTooLarge: (what: string, limit: number) =>
    new HttpError(413, 'source_too_large', `${what} is larger than the limit of ${limit} bytes.`, { limit }),
  /** The problem's own code size limit (problem.yaml `limits.code`), below the installation's source limit. */
  codeTooLarge: (problemId: string, bytes: number, limitKb: number) =>
    new HttpError(
      413,
      'code_too_large',
      `The submission is ${bytes} bytes; problem '${problemId}' allows at most ${limitKb} KiB (${limitKb * 1024} bytes) of code.`,
      { problemId, bytes, limitKb },
    ),
  unsupportedMediaType: (got: string, accepted: readonly string[]) =>
    new HttpError(415, 'unsupported_media_type', `Content-Type '${got || '(none)'}' is not accepted here; send ${accepted.join(' or ')}.`, {
      accepted,
    }),
  rateLimited: (retryAfterS: number, bucket: string) =>
    new HttpError(429, 'rate_limited', `Too many ${bucket}; retry in ${retryAfterS} s.`, { retryAfterS, bucket }, {
      'Retry-After': String(retryAfterS),
    }),
  /** The body ended (the client closed or reset the connection) before its Content-Length or last chunk. */
  incompleteBody: () => new HttpError(400, 'incomplete_body', 'The request body ended before it was complete; send it again.'),
  /** Refused by the HTTP parser itself, before any route: not valid HTTP/1.1. `reason` is the parser's. */
  malformedRequest: (reason: string) =>
    new HttpError(400, 'malformed_request', `The request is not valid HTTP/1.1 (${reason}); check the request line, headers and body framing.`),
  headersTooLarge: () =>
    new HttpError(431, 'headers_too_large', 'The request headers are too large; send fewer or shorter headers (a token is a few hundred bytes).'),
  requestTimeout: () => new HttpError(408, 'request_timeout', 'The request took too long to arrive; send it again.'),
  expectationFailed: (expect: string) =>
    new HttpError(417, 'expectation_failed', `Expect: '${expect}' is not supported; only 100-continue is.`),
  internal: () => new HttpError(500, 'internal_error', 'Something went wrong on our side; it has been logged.'),
  queueUnavailable: (details?: Record<string, unknown>) =>
    new HttpError(503, 'queue_unavailable', 'The task queue cannot take the task right now; nothing was accepted, retry later.', details, {
      'Retry-After': '5',
    }),
  storeUnavailable: () =>
    new HttpError(503, 'store_unavailable', 'The data store is unreachable right now; retry later.', undefined, { 'Retry-After': '5' }),
  notReady: (checks: Record<string, string>) => new HttpError(503, 'not_ready', 'Not ready: a dependency is unreachable.', { checks }),
};
