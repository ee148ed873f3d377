/**
 * Answers for requests Node's HTTP server refuses before Koa sees them — a malformed request line or
 * header, headers over the limit, a body cut short or badly chunked, an `Expect` other than 100-continue,
 * CONNECT, an HTTP/1.1 request without Host — in the same `{"error": {"code", "message"}}` shape as every
 * other error. Left to Node they get a bare status line with no body, or (CONNECT) a closed connection.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { errors } from './errors.js';
import type { HttpError } from './http-error.js';

/**
 * Options for createServer: the Host check is left to requireHostHeader() below, which answers in JSON
 * (Node's own answers 400 with an empty body).
 */
export const SERVER_OPTIONS = { requireHostHeader: false } as const;

/** RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400. */
export function requireHostHeader(): Middleware {
  return async (ctx, next) => {
    if (ctx.req.httpVersion === '1.1' && ctx.get('host') === '') throw errors.malformedRequest('no Host header');
    await next();
  };
}

/** Installs the handlers on `server`. */
export function answerParserErrors(server: Server, log: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { reason?: unknown }, socket: Socket) => {
    // A client that went away cannot be answered; nor can one whose response has already started (as
    // Node's own default: writing now would corrupt that response).
    const current = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && (current === undefined || current === null || !current.headersSent)) {
      socket.write(rawResponse(describeParserError(error)));
    }
    log.debug({ code: error.code }, 'malformed request refused by the HTTP parser');
    socket.destroy();
  });
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const httpError = errors.expectationFailed(String(request.headers.expect ?? '').slice(0, 100));
    response.writeHead(httpError.status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
    response.end(errorBody(httpError));
  });
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    if (socket.writable) socket.write(rawResponse(errors.methodNotAllowed('CONNECT', ['GET', 'POST', 'DELETE'])));
    socket.destroy();
  });
}

function describeParserError(error: NodeJS.ErrnoException & { reason?: unknown }): HttpError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return errors.headersTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errors.requestTimeout();
    case 'HPE_INVALID_EOF_STATE':
      return errors.incompleteBody();
    default: {
      const reason = typeof error.reason === 'string' && error.reason !== '' ? error.reason.toLowerCase() : 'unparseable';
      return errors.malformedRequest(reason);
    }
  }
}

function errorBody(httpError: HttpError): string {
  const details = httpError.details === undefined ? {} : { details: httpError.details };
  return JSON.stringify({ error: { code: httpError.code, message: httpError.message, ...details } });
}

/** A whole HTTP/1.1 response, written on the socket directly (there is no ServerResponse to use). */
function rawResponse(httpError: HttpError): string {
  const body = errorBody(httpError);
  const headers = [
    `HTTP/1.1 ${httpError.status} ${STATUS_TEXT[httpError.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(httpError.headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};
