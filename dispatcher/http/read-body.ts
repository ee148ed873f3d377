import type { Context } from 'koa';
import { errors } from './errors.js';

/**
 * Reads the raw request body, refusing it (413) as soon as it passes `maxBytes`: a Content-Length above the
 * limit is refused before reading anything, and a body without one is counted as it streams in.
 */
export async function readRawBody(ctx: Context, maxBytes: number, what = 'The request body'): Promise<Buffer> {
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw errors.payloadTooLarge(what, maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading; the connection is closed after the response so the client stops sending.
        ctx.set('Connection', 'close');
        throw errors.payloadTooLarge(what, maxBytes);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    // The client closed or reset the connection mid-body (Node: `aborted`, ECONNRESET): its fault, not a 500.
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') throw errors.incompleteBody();
    throw error;
  }
  return Buffer.concat(chunks);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses a JSON body (Content-Type checked by the caller). Bad JSON is a 400 `invalid_json`. */
export async function readJsonBody(ctx: Context, maxBytes: number): Promise<unknown> {
  const raw = await readRawBody(ctx, maxBytes);
  let text: string;
  try {
    // Not Buffer.toString: it replaces invalid bytes with U+FFFD, silently changing what was sent (a
    // source file would be judged other than it was written).
    text = STRICT_UTF8.decode(raw);
  } catch {
    throw errors.invalidJson('it is not valid UTF-8');
  }
  if (text.trim() === '') throw errors.invalidJson('the body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw errors.invalidJson(error instanceof Error ? error.message : 'unparseable');
  }
}

/** The media type of the request without parameters, lower-case (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(ctx: Context): string {
  return (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
}
