/**
 * The other side of the fuzz dispatcher's high limits: with low ones, a user over the limit gets 429
 * `rate_limited` with Retry-After and the bucket named, per user and per bucket, and public endpoints
 * are never limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDispatcher, type TestDispatcher } from '../integration/dispatcher/dispatcher-test-kit.js';

let t: TestDispatcher;
beforeAll(async () => {
  t = await startTestDispatcher({ JUEZ_RATE_LIMIT_REQUESTS: '3', JUEZ_RATE_LIMIT_SUBMISSIONS: '2', JUEZ_RATE_LIMIT_WINDOW_S: '60' });
});
afterAll(async () => {
  await t?.close();
});

describe('rate limits', () => {
  it('answers 429 rate_limited with Retry-After once a user passes the request limit', async () => {
    const token = t.token('busy', 'student');
    for (let i = 0; i < 3; i += 1) expect((await t.call('GET', '/api/v1/languages', { token })).status).toBe(200);
    const limited = await t.call('GET', '/api/v1/languages', { token });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { bucket: 'requests' } });
    expect(limited.body.error.message).toMatch(/^Too many requests; retry in \d+ s\.$/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 61).toBe(true);
    expect(limited.body.error.details.retryAfterS).toBe(retryAfter);
  });

  it('counts submissions in their own bucket, and each user apart', async () => {
    const token = t.token('eager', 'student');
    const submit = () => t.call('POST', '/api/v1/runs', { token, json: { languageId: 'python', files: [{ name: 'a.py', content: 'print(1)\n' }] } });
    expect((await submit()).status).toBe(202);
    expect((await submit()).status).toBe(202);
    const limited = await submit();
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { bucket: 'submissions' } });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Reading is another bucket, and another user is not affected.
    expect((await t.call('GET', '/api/v1/languages', { token })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/languages', { token: t.token('calm', 'student') })).status).toBe(200);
  });

  it('checks the token before counting: refused tokens neither pass nor use up the quota', async () => {
    for (let i = 0; i < 5; i += 1) expect((await t.call('GET', '/api/v1/languages', { token: 'not-a-token' })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/languages', { token: t.token('fresh', 'student') })).status).toBe(200);
  });

  it('never limits the public health endpoints', async () => {
    for (let i = 0; i < 10; i += 1) expect((await t.call('GET', '/health')).status).toBe(200);
  });
});
