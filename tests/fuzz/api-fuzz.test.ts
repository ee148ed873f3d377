/**
 * API fuzzing: 10,000 generated malformed requests (seeded, replayable) sent over raw TCP to a real
 * dispatcher process (dist/: `npm run build` first; real Redis and RabbitMQ, its own prefixes) — every
 * operation of /openapi.json with broken parameters, queries, bodies, tokens and framing, plus unknown
 * methods and paths and bytes that are barely HTTP. Asserted: no 5xx; every error answer is JSON
 * `{"error":{"code","message"}}`; nothing logged as an internal error; the process stays up and healthy
 * and its memory does not balloon.
 *
 *   JUEZ_FUZZ_SEED=1234 JUEZ_FUZZ_REQUESTS=50000 npx vitest run tests/fuzz/api-fuzz.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../support/juez-system.js';
import { hostileZip, validPackageFiles, zipEntriesOf } from '../hostile/hostile-archives.js';
import { makeTokenKeys, makeTokens, type TokenSet } from './fuzz-tokens.js';
import { type KnownIds, routesOf } from './fuzz-routes.js';
import { exchangeRaw, type RawExchange } from './raw-http.js';
import type { FuzzRequest } from './request-framing.js';
import { type GeneratorContext, generateRequest } from './request-generator.js';
import { SeededRandom } from './seeded-random.js';

const SEED = Number(process.env.JUEZ_FUZZ_SEED ?? 0x6a75657a);
const REQUESTS = Number(process.env.JUEZ_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 24;
const TIMEOUT_MS = 5_000;
const MiB = 1024 * 1024;
const LIMITS = { json: 64 * 1024, archive: 256 * 1024 };

let system: JuezSystem;
let tokens: TokenSet;
let context: GeneratorContext;

beforeAll(async () => {
  const keys = makeTokenKeys();
  system = await startJuezSystem({
    executors: 0,
    dispatcherEnv: {
      JUEZ_JWT_HS256_SECRET: keys.hs256Secret,
      JUEZ_JWT_RS256_PUBLIC_KEY: keys.rs256PublicKey,
      // High, not off: every request still goes through the limiter.
      JUEZ_RATE_LIMIT_REQUESTS: '10000000',
      JUEZ_RATE_LIMIT_SUBMISSIONS: '10000000',
      JUEZ_MAX_WAIT_S: '1',
      JUEZ_MAX_JSON_BODY_BYTES: String(LIMITS.json),
      JUEZ_MAX_ARCHIVE_BYTES: String(LIMITS.archive),
      JUEZ_MAX_FILE_BYTES: '8192',
      JUEZ_MAX_SOURCE_BYTES: '16384',
    },
  });
  await system.advertiseLanguages(); // no executor: submissions are only accepted
  tokens = makeTokens(keys, system.defaultCourseId);
  const ids = await createKnownThings(system, tokens);
  const openapi = (await system.request('GET', '/openapi.json')).body;
  const routes = routesOf(openapi);
  expect(routes.length).toBeGreaterThanOrEqual(20);
  context = { routes, ids, tokens, host: new URL(system.baseUrl).host, maxJsonBytes: LIMITS.json, maxArchiveBytes: LIMITS.archive };
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

/** A problem, a submission and a run, so that valid ids reach the handlers' deeper paths. */
async function createKnownThings(juez: JuezSystem, set: TokenSet): Promise<KnownIds> {
  const archive = hostileZip(zipEntriesOf(validPackageFiles()));
  const call = async (method: string, path: string, authorization: string, body?: Buffer | object, type = 'application/json') => {
    const response = await fetch(`${juez.baseUrl}${path}`, {
      method,
      headers: { authorization, 'content-type': type },
      ...(body !== undefined && { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as { id: string };
  };
  await call('POST', `/api/v1/problems/fuzz-echo/versions?courseId=${juez.defaultCourseId}`, set.valid.admin, archive, 'application/zip');
  const files = [{ name: 'main.py', content: 'print(input())\n' }];
  const submission = await call('POST', '/api/v1/submissions', set.valid.student, { problemId: 'fuzz-echo', languageId: 'python', files });
  const run = await call('POST', '/api/v1/runs', set.valid.student, { languageId: 'python', files, stdin: 'x\n' });
  return { courseId: juez.defaultCourseId, problemId: 'fuzz-echo', submissionId: submission.id, runId: run.id, archive };
}

/** What is wrong with the answer to one request, or undefined. */
function judgeExchange(request: FuzzRequest, exchange: RawExchange): string | undefined {
  // 100 Continue is only an interim answer.
  if (exchange.responses.every((response) => response.status < 200)) {
    return request.mayGoUnanswered ? undefined : `no final answer (${exchange.ending}, ${exchange.responses.length} interim)`;
  }
  for (const response of exchange.responses) {
    if (response.status >= 500) return `answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`;
    if (response.status < 400 || request.head) continue;
    let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      parsed = JSON.parse(response.body.toString('utf8')) as typeof parsed;
    } catch {
      return `answered ${response.status} without a JSON body: ${JSON.stringify(response.body.toString('latin1').slice(0, 200))}`;
    }
    if (typeof parsed?.error?.code !== 'string' || typeof parsed.error.message !== 'string') {
      return `answered ${response.status} without error.code and error.message: ${response.body.toString('utf8').slice(0, 200)}`;
    }
  }
  return undefined;
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

describe('the API under 10,000 malformed requests', () => {
  it('never answers 5xx, always explains errors with a code, and stays healthy', async () => {
    console.log(`api fuzz: seed ${SEED} (0x${SEED.toString(16)}), ${REQUESTS} requests — replay with JUEZ_FUZZ_SEED=${SEED}`);
    const random = new SeededRandom(SEED);
    const port = Number(new URL(system.baseUrl).port);
    const pid = system.dispatcher.pid;
    const statuses = new Map<string, number>();
    const perOperation = new Map<string, number>();
    const failures: string[] = [];
    let failureCount = 0;
    let unanswered = 0;
    let baselineRss = 0;
    let peakRss = 0;
    let next = 0;
    const started = performance.now();

    const worker = async (): Promise<void> => {
      while (next < REQUESTS) {
        const index = next;
        next += 1;
        // Generated in index order on one PRNG: request i is the same whichever worker sends it.
        const request = generateRequest(random, context);
        const operation = request.label.split('+')[0] as string;
        perOperation.set(operation, (perOperation.get(operation) ?? 0) + 1);
        const exchange = await exchangeRaw(port, request.bytes, { timeoutMs: TIMEOUT_MS, halfClose: request.halfClose, head: request.head });
        const key = exchange.responses.length === 0 ? `none/${exchange.ending}` : exchange.responses.map((r) => r.status).join(',');
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (exchange.responses.every((response) => response.status < 200)) unanswered += 1;
        const problem = judgeExchange(request, exchange);
        if (problem !== undefined) {
          failureCount += 1;
          if (failures.length < 25) {
            failures.push(`#${index} [${request.label}] ${problem}\n    request: ${JSON.stringify(request.bytes.subarray(0, 400).toString('latin1'))}`);
          }
        }
        if (index === 500) baselineRss = rssBytes(pid);
        if (index % 250 === 0) peakRss = Math.max(peakRss, rssBytes(pid));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    const finalRss = rssBytes(pid);

    const summary = [...statuses.entries()].sort((a, b) => b[1] - a[1]).map(([status, count]) => `${status}: ${count}`);
    console.log(
      `api fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s), ${unanswered} unanswered (cut short on purpose), ` +
        `RSS ${(baselineRss / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} → ${(finalRss / MiB).toFixed(0)} MiB\n  statuses: ${summary.join(', ')}`,
    );
    const rarest = Math.min(...context.routes.map((route) => perOperation.get(route.operationId) ?? 0));
    expect(rarest, 'requests to the least fuzzed operation of /openapi.json').toBeGreaterThanOrEqual(REQUESTS / context.routes.length / 3);
    expect(failures, `${failureCount} bad answers (seed ${SEED}):\n${failures.join('\n')}`).toEqual([]);

    const health = await system.request('GET', '/health');
    expect(health.status).toBe(200);
    expect((await system.request('GET', '/ready')).status).toBe(200);
    // Still answering real requests correctly, not just /health.
    const listed = await system.request('GET', `/api/v1/submissions/${context.ids.submissionId}`, { token: tokens.valid.admin.slice(7) });
    expect(listed.status).toBe(200);
    const errors = system.dispatcher.logLines().filter((line) => typeof line.level === 'number' && line.level >= 50);
    expect(errors.map((line) => JSON.stringify(line).slice(0, 500))).toEqual([]);
    expect(finalRss - baselineRss, 'RSS growth').toBeLessThan(150 * MiB);
    expect(unanswered / REQUESTS).toBeLessThan(0.1);
  }, 120_000);
});
