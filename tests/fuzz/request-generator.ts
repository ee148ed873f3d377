/**
 * Generates malformed requests as raw bytes, deterministically from a seed: most start from a valid
 * request to a real operation of /openapi.json and break one or more of method, path parameters, query,
 * token, content type, body and framing; the rest are unknown paths and methods and bytes that are barely
 * HTTP at all.
 */
import { hostileValue, HOSTILE_STRINGS, mutateValue, serializeBody } from './body-mutator.js';
import type { TokenSet } from './fuzz-tokens.js';
import { type FuzzRoute, type KnownIds, validBody, validPathValue, validQueryValue } from './fuzz-routes.js';
import { frame, type FuzzRequest } from './request-framing.js';
import type { SeededRandom } from './seeded-random.js';

export interface GeneratorContext {
  routes: readonly FuzzRoute[];
  ids: KnownIds;
  tokens: TokenSet;
  host: string;
  maxJsonBytes: number;
  maxArchiveBytes: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'MKCOL', 'LOCK', 'REPORT', 'SEARCH'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/zip',
  'application/gzip',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json, text/plain',
  ';;;',
  'application/',
];

/** The next request of the sequence. */
export function generateRequest(random: SeededRandom, context: GeneratorContext): FuzzRequest {
  return random.weighted<() => FuzzRequest>([
    [85, () => routeRequest(random, context)],
    [6, () => unknownPathRequest(random, context)],
    [9, () => barelyHttp(random, context)],
  ])();
}

function routeRequest(random: SeededRandom, context: GeneratorContext): FuzzRequest {
  const route = random.pick(context.routes);
  const labels: string[] = [route.operationId];
  let method = route.method;
  if (random.chance(0.12)) {
    method = random.pick(METHODS);
    labels.push('method');
  }
  const path = route.template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (!random.chance(0.25)) return percentEncode(validPathValue(route, name, context.ids));
    labels.push('path');
    return hostileUrlPiece(random);
  });
  const query = buildQuery(route, random, context, labels);
  const headers: [string, string][] = [['Host', context.host], ['Connection', 'close']];
  const authorization = chooseAuthorization(route, random, context, labels);
  if (authorization !== undefined) headers.push(['Authorization', authorization]);
  let body: Buffer = Buffer.alloc(0);
  const seed = validBody(route, context.ids);
  if (seed !== undefined || random.chance(0.08)) {
    const { bytes, contentType } = buildBody(route, seed, random, context, labels);
    body = bytes;
    if (contentType !== undefined) headers.push(['Content-Type', contentType]);
  }
  addExtraHeaders(headers, random, labels);
  return frame(method, `${path}${query}`, headers, body, random, labels);
}

/** Every byte of the UTF-8 form that is not unreserved, percent-encoded (lone surrogates become U+FFFD). */
function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function hostileUrlPiece(random: SeededRandom): string {
  return random.weighted<() => string>([
    [5, () => percentEncode(random.pick(HOSTILE_STRINGS))],
    [2, () => random.pick(['%zz', '%', '%E0%A4%A', '%2e%2e', '%2e%2e%2f%2e%2e', '%252e%252e', '..%2F..%2F', '%00', '%C0%AE', '%ff%fe'])],
    [1, () => 'a'.repeat(random.pick([65, 129, 5000]))],
    [1, () => random.pick(['..', '.', '', '~', '$', ';', ',x', 'x;jsessionid=1'])],
  ])();
}

function buildQuery(route: FuzzRoute, random: SeededRandom, context: GeneratorContext, labels: string[]): string {
  const pairs: string[] = [];
  for (const parameter of route.parameters.filter((p) => p.in === 'query')) {
    if (!random.chance(0.4)) continue;
    const value = random.chance(0.7) ? percentEncode(validQueryValue(parameter.name, context.ids)) : hostileUrlPiece(random);
    pairs.push(`${parameter.name}=${value}`);
    if (random.chance(0.1)) pairs.push(`${parameter.name}=${hostileUrlPiece(random)}`);
  }
  if (random.chance(0.15)) {
    labels.push('query');
    pairs.push(
      random.pick([
        `unknown=${hostileUrlPiece(random)}`,
        '__proto__[x]=1',
        'constructor=1',
        'limit=-1',
        'limit=1e400',
        'limit=999999999999999999999',
        'wait=31',
        'wait=-5',
        'wait=1.5',
        'version=0',
        'status=bogus',
        'from=not-a-date',
        'cursor=!!!',
        'cursor=' + 'A'.repeat(3000),
        '=&&=&',
        'a'.repeat(10_000) + '=1',
        `courseId=${hostileUrlPiece(random)}`,
      ]),
    );
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function chooseAuthorization(route: FuzzRoute, random: SeededRandom, context: GeneratorContext, labels: string[]): string | undefined {
  const { valid, hostile } = context.tokens;
  if (!route.secured && random.chance(0.7)) return undefined;
  if (random.chance(0.3)) {
    labels.push('token');
    return random.pick(hostile);
  }
  return random.pick([valid.admin, valid.admin, valid.instructor, valid.student, valid.service, valid.outsider]);
}

function buildBody(
  route: FuzzRoute,
  seed: unknown,
  random: SeededRandom,
  context: GeneratorContext,
  labels: string[],
): { bytes: Buffer; contentType?: string } {
  if (Buffer.isBuffer(seed)) {
    labels.push('archive');
    const bytes = random.weighted<() => Buffer>([
      [3, () => seed],
      [2, () => seed.subarray(0, random.int(seed.length))],
      [2, () => Buffer.concat([seed.subarray(0, 4), random.bytes(random.between(10, 2000))])],
      [1, () => Buffer.alloc(context.maxArchiveBytes + random.between(1, 1000), 0x50)],
      [1, () => random.bytes(random.between(0, 500))],
    ])();
    const contentType = random.chance(0.8) ? random.pick(route.bodyTypes) : random.pick(CONTENT_TYPES);
    return { bytes, contentType };
  }
  const value = seed === undefined || random.chance(0.75) ? mutateValue(seed ?? {}, random) : seed;
  if (value !== seed) labels.push('json');
  const bytes = serializeBody(value ?? hostileValue(random), random, context.maxJsonBytes);
  const contentType = random.chance(0.8) ? 'application/json' : random.chance(0.9) ? random.pick(CONTENT_TYPES) : undefined;
  if (contentType !== 'application/json') labels.push('content-type');
  return contentType === undefined ? { bytes } : { bytes, contentType };
}

function addExtraHeaders(headers: [string, string][], random: SeededRandom, labels: string[]): void {
  if (!random.chance(0.12)) return;
  labels.push('headers');
  headers.push(
    random.pick<[string, string]>([
      ['X-Request-Id', random.pick(['../../x', 'a'.repeat(500), 'ok-id-1', '\u00ff\u00fe'])],
      ['Origin', random.pick(['https://evil.example', 'null', 'http://127.0.0.1'])],
      ['Expect', '100-continue'],
      ['Expect', 'the-unexpected'],
      ['Accept', 'text/html'],
      ['Accept-Encoding', 'gzip, br, zstd'],
      ['If-None-Match', '"x"'],
      ['Range', 'bytes=0-1'],
      ['X-Forwarded-For', '127.0.0.1, ::1'],
      ['Cookie', 'a=b; '.repeat(200)],
      ['Upgrade', 'websocket'],
      ['Content-Encoding', 'gzip'],
      ['X-Long', 'v'.repeat(12_000)],
    ]),
  );
}

function unknownPathRequest(random: SeededRandom, context: GeneratorContext): FuzzRequest {
  const path = random.pick([
    '/',
    '/api',
    '/api/v1',
    '/api/v2/submissions',
    '/api/v1/submissions/',
    '//api//v1//submissions',
    '/api/v1/../../etc/passwd',
    '/api/v1/%2e%2e/%2e%2e/etc/passwd',
    '/API/V1/SUBMISSIONS',
    '/api/v1/submissions/x/y/z',
    '/favicon.ico',
    '/.env',
    '/.git/config',
    '/admin',
    '/metrics/../health',
    '/docs/../openapi.json',
    '/demo/../../package.json',
    '/demo/%2e%2e/%2e%2e/package.json',
    `/${'a/'.repeat(2000)}`,
    `/${hostileUrlPiece(random)}`,
    `/api/v1/${hostileUrlPiece(random)}`,
  ]);
  const headers: [string, string][] = [['Host', context.host], ['Connection', 'close']];
  if (random.chance(0.5)) headers.push(['Authorization', context.tokens.valid.admin]);
  return frame(random.pick(METHODS), path, headers, Buffer.alloc(0), random, ['unknown-path']);
}

/** Requests the HTTP parser itself must refuse, or barely accept. */
function barelyHttp(random: SeededRandom, context: GeneratorContext): FuzzRequest {
  const host = `Host: ${context.host}\r\nConnection: close\r\n`;
  const text = random.pick([
    `FOO /health HTTP/1.1\r\n${host}\r\n`,
    `get /health HTTP/1.1\r\n${host}\r\n`,
    `GET /health HTTP/9.9\r\n${host}\r\n`,
    `GET /health HTTP/1.1\r\nConnection: close\r\n\r\n`,
    `GET /health HTTP/1.0\r\n\r\n`,
    `GET /health\r\n\r\n`,
    `GET  /health  HTTP/1.1\r\n${host}\r\n`,
    `GET http://evil.example/health HTTP/1.1\r\n${host}\r\n`,
    `OPTIONS * HTTP/1.1\r\n${host}\r\n`,
    `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host}\r\n`,
    `GET /health HTTP/1.1\r\n${host}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
    `GET /health HTTP/1.1\r\n${host}X-Bad Header: 1\r\n\r\n`,
    `GET /health HTTP/1.1\r\n${host}X-Nul: a\u0000b\r\n\r\n`,
    `GET /health HTTP/1.1\r\n${host}X-Fold: a\r\n b\r\n\r\n`,
    `GET /health HTTP/1.1\r\n${host}: empty-name\r\n\r\n`,
    `GET /health HTTP/1.1\n${host.replaceAll('\r\n', '\n')}\n`,
    `GET /health HTTP/1.1\r\n${host}X-Huge: ${'h'.repeat(20_000)}\r\n\r\n`,
    `GET /health HTTP/1.1\r\n${host}${Array.from({ length: 3000 }, (_, i) => `X-${i}: v`).join('\r\n')}\r\n\r\n`,
    `GET /${'p'.repeat(70_000)} HTTP/1.1\r\n${host}\r\n`,
    `GET /he alth HTTP/1.1\r\n${host}\r\n`,
    `GET /health\u00ff HTTP/1.1\r\n${host}\r\n`,
    `\r\n\r\nGET /health HTTP/1.1\r\n${host}\r\n`,
    `GET /health HTTP/1.1\r\n${host}Authorization: Bearer \u00e9\u00ff\r\n\r\n`,
    `POST /api/v1/submissions HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}`,
  ]);
  if (random.chance(0.1)) {
    // Random bytes may stop anywhere in a request line: end the input so the parser sees where.
    return { label: 'garbage-bytes', bytes: random.bytes(random.between(1, 2000)), halfClose: true, mayGoUnanswered: true, head: false };
  }
  return { label: 'barely-http', bytes: Buffer.from(text, 'latin1'), halfClose: false, mayGoUnanswered: false, head: false };
}
