import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HS256_SECRET, RSA, startTestDispatcher, type TestDispatcher } from './dispatcher-test-kit.js';

let t: TestDispatcher;
const claims = { role: 'student', courses: ['c1'] };
const good = { issuer: 'juez', audience: 'juez-api', subject: 'alice', expiresIn: 600 } as const;

beforeAll(async () => {
  t = await startTestDispatcher({ JUEZ_RATE_LIMIT_REQUESTS: '5', JUEZ_RATE_LIMIT_SUBMISSIONS: '2', JUEZ_RATE_LIMIT_WINDOW_S: '60' });
});

afterAll(async () => {
  await t?.close();
});

const languages = (token?: string) => t.call('GET', '/api/v1/languages', token === undefined ? {} : { token });

describe('authentication', () => {
  it('accepts HS256 and RS256 tokens', async () => {
    expect((await languages(jwt.sign(claims, HS256_SECRET, { ...good, algorithm: 'HS256' }))).status).toBe(200);
    expect((await languages(jwt.sign(claims, RSA.privateKey, { ...good, subject: 'rsa-user', algorithm: 'RS256' }))).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate for missing, expired, misaddressed, forged and unsigned tokens', async () => {
    const missing = await languages();
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('missing_token');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="juez"');

    const expired = await languages(jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, HS256_SECRET, { issuer: 'juez', audience: 'juez-api', subject: 'u2' }));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const refused: Record<string, string> = {
      'wrong audience': jwt.sign(claims, HS256_SECRET, { ...good, subject: 'u3', audience: 'someone-else' }),
      'wrong issuer': jwt.sign(claims, HS256_SECRET, { ...good, subject: 'u4', issuer: 'evil' }),
      'bad signature': jwt.sign(claims, 'another-secret-that-is-also-long-enough-0000', { ...good, subject: 'u5' }),
      'alg none': jwt.sign(claims, '', { ...good, subject: 'u6', algorithm: 'none' }),
      'HS256 keyed with the RSA public key': jwt.sign(claims, RSA.publicKey, { ...good, subject: 'u7', algorithm: 'HS256' }),
      'unsupported algorithm': jwt.sign(claims, HS256_SECRET, { ...good, subject: 'u8', algorithm: 'HS512' }),
      'missing role': jwt.sign({ courses: [] }, HS256_SECRET, { ...good, subject: 'u9' }),
      'unknown role': jwt.sign({ role: 'root', courses: [] }, HS256_SECRET, { ...good, subject: 'u10' }),
      garbage: 'not.a.token',
    };
    for (const [what, token] of Object.entries(refused)) {
      const response = await languages(token);
      expect(response.status, what).toBe(401);
      expect(response.body.error.code, what).toBe('invalid_token');
    }
    const scheme = await t.call('GET', '/api/v1/languages', { headers: { authorization: 'Basic YWxpY2U6eA==' } });
    expect(scheme.status).toBe(401);
  });

  it('answers 403 for a role the route does not allow', async () => {
    const student = t.token('s1', 'student');
    expect((await t.call('GET', '/api/v1/stats', { token: student })).body.error.code).toBe('forbidden');
    expect((await t.call('GET', '/api/v1/usage', { token: student })).status).toBe(403);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-user limit, separately for submissions', async () => {
    const token = t.token('busy', 'student');
    for (let i = 0; i < 5; i += 1) expect((await languages(token)).status).toBe(200);
    const limited = await languages(token);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other users are not affected.
    expect((await languages(t.token('calm', 'student'))).status).toBe(200);

    const submitter = t.token('eager', 'student');
    const body = { json: { problemId: 'nope', languageId: 'python', files: [{ name: 'a.py', content: '' }] }, token: submitter };
    expect((await t.call('POST', '/api/v1/submissions', body)).status).toBe(404);
    expect((await t.call('POST', '/api/v1/submissions', body)).status).toBe(404);
    const third = await t.call('POST', '/api/v1/submissions', body);
    expect(third.status).toBe(429);
    expect(third.body.error.details.bucket).toBe('submissions');
    expect((await languages(submitter)).status).toBe(200);
  });
});
