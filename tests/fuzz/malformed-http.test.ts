/**
 * The fuzzer's findings, pinned: requests Node's HTTP parser refuses get the JSON error shape with a
 * stable code (not a bare status line, not a dropped connection), a body cut short is the client's 400,
 * and query numbers ajv would coerce to Infinity are refused — none of it logged as an internal error.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDispatcher, type TestDispatcher } from '../integration/dispatcher/dispatcher-test-kit.js';
import { exchangeRaw, type RawResponse } from './raw-http.js';

let t: TestDispatcher;
let port: number;
let token: string;
const logged: { level: number; msg: string }[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  t = await startTestDispatcher({}, { log: pino({ level: 'debug' }, sink) });
  port = Number(new URL(t.url).port);
  token = t.token('ana', 'admin');
});
afterAll(async () => {
  await t?.close();
  expect(logged.filter((line) => line.level >= 50)).toEqual([]);
});

const host = (): string => `Host: 127.0.0.1:${port}\r\nConnection: close\r\n`;

/** Sends `text` and returns the final answer, which must be a JSON error. */
async function send(text: string, options: { halfClose?: boolean } = {}): Promise<RawResponse & { json: { error: { code: string; message: string } } }> {
  const exchange = await exchangeRaw(port, Buffer.from(text, 'latin1'), { timeoutMs: 5_000, ...options });
  const final = exchange.responses.find((response) => response.status >= 200);
  if (final === undefined) throw new Error(`no answer (${exchange.ending}): ${exchange.leftover.toString('latin1')}`);
  expect(final.headers['content-type']).toMatch(/^application\/json/);
  return { ...final, json: JSON.parse(final.body.toString('utf8')) };
}

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['an unknown method', 'FOO /health HTTP/1.1\r\n<host>\r\n', /invalid method/],
    ['an unknown HTTP version', 'GET /health HTTP/9.9\r\n<host>\r\n', /invalid http version/],
    ['a space in a header name', 'GET /health HTTP/1.1\r\n<host>X Bad: 1\r\n\r\n', /invalid header/],
    ['two different Content-Lengths', 'POST /api/v1/runs HTTP/1.1\r\n<host>Content-Length: 1\r\nContent-Length: 2\r\n\r\n{}', /content-length/],
    ['Content-Length with Transfer-Encoding', 'POST /api/v1/runs HTTP/1.1\r\n<host>Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}', /./],
    ['a bad chunk size', 'POST /api/v1/runs HTTP/1.1\r\n<host>Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', /chunk size/],
    ['random bytes', '\u0001\u0002\u00ff\r\n\r\n', /./],
  ])('answers 400 malformed_request for %s', async (_what, template, reason) => {
    const answer = await send(template.replace('<host>', host()));
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('malformed_request');
    expect(answer.json.error.message).toMatch(/^The request is not valid HTTP\/1\.1 \(.+\); check the request line, headers and body framing\.$/);
    expect(answer.json.error.message.toLowerCase()).toMatch(reason);
  });

  it('answers 431 headers_too_large for oversized headers', async () => {
    const answer = await send(`GET /health HTTP/1.1\r\n${host()}X-Huge: ${'h'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.json.error.code).toBe('headers_too_large');
  });

  it('answers 400 malformed_request for an HTTP/1.1 request without Host, and serves HTTP/1.0 without one', async () => {
    const answer = await send('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'malformed_request', message: expect.stringMatching(/no Host header/) });
    const old = await exchangeRaw(port, Buffer.from('GET /health HTTP/1.0\r\n\r\n'), { timeoutMs: 5_000 });
    expect(old.responses[0]?.status).toBe(200);
  });

  it('answers 417 expectation_failed for an Expect other than 100-continue', async () => {
    const answer = await send(`GET /health HTTP/1.1\r\n${host()}Expect: teapot\r\n\r\n`);
    expect(answer.status).toBe(417);
    expect(answer.json.error).toMatchObject({ code: 'expectation_failed', message: "Expect: 'teapot' is not supported; only 100-continue is." });
  });

  it('answers 405 method_not_allowed for CONNECT instead of dropping the connection', async () => {
    const answer = await send(`CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host()}\r\n`);
    expect(answer.status).toBe(405);
    expect(answer.json.error.code).toBe('method_not_allowed');
  });
});

describe('a body cut short', () => {
  it.each([
    ['Content-Length larger than what came', `Content-Length: 500\r\n\r\n{"languageId":`],
    ['a chunked body without its last chunk', `Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":`],
  ])('is 400 incomplete_body (%s), not a 500', async (_what, rest) => {
    const answer = await send(`POST /api/v1/runs HTTP/1.1\r\n${host()}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n${rest}`, { halfClose: true });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'incomplete_body', message: 'The request body ended before it was complete; send it again.' });
  });
});

describe('bodies that are not UTF-8', () => {
  it('refuses invalid UTF-8 in a JSON body instead of replacing it (the source would change)', async () => {
    const json = Buffer.concat([
      Buffer.from('{"languageId":"python","files":[{"name":"a.py","content":"print(\''),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('\')"}]}'),
    ]);
    const response = await t.call('POST', '/api/v1/runs', { token, body: json, contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON: it is not valid UTF-8' });
  });
});

describe('source text that is not Unicode', () => {
  it('refuses a lone surrogate escape in a file instead of storing U+FFFD', async () => {
    const body = '{"languageId":"python","files":[{"name":"a.py","content":"x"},{"name":"b.py","content":"print(\'\\ud800\')"}]}';
    const response = await t.call('POST', '/api/v1/runs', { token, body, contentType: 'application/json' });
    expect(response.status, response.text).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields).toEqual([
      { in: 'body', field: 'files.1.content', message: 'is not valid Unicode text (it holds half of a surrogate pair)' },
    ]);
  });
});

describe('numbers in queries', () => {
  it.each(['1e400', 'Infinity', '-1e400'])('refuses limit=%s (ajv coerces it to an infinity that skips maximum)', async (value) => {
    for (const path of [`/api/v1/webhooks/deliveries?limit=${value}`, `/api/v1/submissions?limit=${value}`, `/api/v1/runs/r1?wait=${value}`]) {
      const response = await t.call('GET', path, { token });
      expect(response.status, `${path}: ${response.text}`).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.fields).toContainEqual({ in: 'query', field: path.includes('wait') ? 'wait' : 'limit', message: 'must be a finite number' });
    }
  });
});
