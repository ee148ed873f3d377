/**
 * HTTP/1.1 over a bare TCP socket: the fuzzer sends bytes no HTTP client would (lying Content-Length,
 * broken chunking, invalid UTF-8, bad request lines) and parses whatever comes back, however many
 * responses that is.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Responses parsed from what the server sent, in order. */
  responses: RawResponse[];
  /** Bytes after the last complete response (a response cut off, or not HTTP at all). */
  leftover: Buffer;
  /** How the connection ended: the server closed it, we stopped at an event stream, or nothing came in time. */
  ending: 'closed' | 'stream' | 'timeout' | 'reset';
  ms: number;
}

export interface RawOptions {
  /** Give up after this long without the server closing the connection, ms. */
  timeoutMs: number;
  /** Half-close our side after writing: the server sees end-of-input (a body cut short). */
  halfClose?: boolean;
  /** The request was HEAD: responses carry headers only. */
  head?: boolean;
}

/** Sends `bytes` on a fresh connection and collects the answer until the server closes it. */
export function exchangeRaw(port: number, bytes: Buffer, options: RawOptions): Promise<RawExchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (ending: RawExchange['ending']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(chunks);
      // An event stream's body never ends: keep its status and headers.
      const { responses, leftover } = ending === 'stream' ? { responses: headsOnly(data), leftover: Buffer.alloc(0) } : parseResponses(data, options.head === true);
      resolve({ responses, leftover, ending, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    socket.on('connect', () => {
      socket.write(bytes, () => {
        if (options.halfClose === true) socket.end();
      });
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // An event stream never ends by itself: its status and headers are the answer.
      const head = Buffer.concat(chunks).toString('latin1');
      if (/\r\ncontent-type: text\/event-stream/i.test(head) && head.includes('\r\n\r\n')) finish('stream');
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('reset'));
  });
}

/** The responses up to the head of the event stream (a 100 Continue may come first), bodies left out. */
function headsOnly(data: Buffer): RawResponse[] {
  const text = data.toString('latin1');
  const streamHeadEnd = text.indexOf('\r\n\r\n', text.search(/\r\ncontent-type: text\/event-stream/i));
  return parseResponses(data.subarray(0, streamHeadEnd + 4), true).responses;
}

/**
 * Splits a byte stream into HTTP/1.1 responses (Content-Length, chunked, or to the end). 1xx, 204, 304
 * and answers to HEAD have no body.
 */
export function parseResponses(data: Buffer, head = false): { responses: RawResponse[]; leftover: Buffer } {
  const responses: RawResponse[] = [];
  let rest = data;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const lines = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (statusMatch === null) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusMatch[1]);
    let bodyStart = headEnd + 4;
    let body: Buffer;
    if (head || status < 200 || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const parts: Buffer[] = [];
      let offset = bodyStart;
      let complete = false;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', offset);
        if (lineEnd < 0) break;
        const size = Number.parseInt(rest.subarray(offset, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) break;
        if (size === 0) {
          const trailerEnd = rest.indexOf('\r\n\r\n', lineEnd);
          offset = trailerEnd < 0 ? rest.length : trailerEnd + 4;
          complete = trailerEnd >= 0;
          break;
        }
        parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
      }
      if (!complete) break;
      body = Buffer.concat(parts);
      bodyStart = offset;
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (rest.length < bodyStart + length) break;
      body = rest.subarray(bodyStart, bodyStart + length);
      bodyStart += length;
    } else {
      body = rest.subarray(bodyStart);
      bodyStart = rest.length;
    }
    responses.push({ status, headers, body });
    rest = rest.subarray(bodyStart);
  }
  return { responses, leftover: rest };
}
