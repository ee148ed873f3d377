import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signToken } from '../../../common/auth-token.js';
import { TokenVerifier } from '../../../dispatcher/auth/token-verifier.js';
import { HttpError } from '../../../dispatcher/http/http-error.js';

const secret = 'unit-test-secret-unit-test-secret-0123';
const rsa = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const verifier = new TokenVerifier({ issuer: 'juez', audience: 'juez-api', hs256Secret: secret, rs256PublicKey: rsa.publicKey });
const claims = { sub: 'alice', role: 'student' as const, courses: ['c1', 'c1', 'c2'] };

function codeOf(header: string): string {
  let error: unknown;
  try {
    verifier.verify(header);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(401);
  return (error as HttpError).code;
}

describe('TokenVerifier', () => {
  it('accepts tokens from signToken, HS256 and RS256', () => {
    const hs = signToken(claims, { issuer: 'juez', audience: 'juez-api', hs256Secret: secret });
    expect(verifier.verify(`Bearer ${hs}`)).toEqual({ id: 'alice', role: 'student', courses: ['c1', 'c2'] });
    const rs = signToken({ ...claims, role: 'admin' }, { issuer: 'juez', audience: 'juez-api', rs256PrivateKey: rsa.privateKey });
    expect(verifier.verify(`bearer ${rs}`).role).toBe('admin');
  });

  it('refuses what it must, with the right code', () => {
    const options = { issuer: 'juez', audience: 'juez-api', subject: 'alice' };
    const payload = { role: 'student', courses: [] };
    expect(codeOf('')).toBe('missing_token');
    expect(codeOf('Token abc')).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign({ ...payload, exp: 1 }, secret, { issuer: 'juez', audience: 'juez-api', subject: 'a' })}`)).toBe('token_expired');
    expect(codeOf(`Bearer ${jwt.sign(payload, secret, { ...options, audience: 'x' })}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign(payload, secret, { ...options, issuer: 'x' })}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign(payload, `${secret}!`, options)}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign(payload, '', { ...options, algorithm: 'none' })}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign(payload, rsa.publicKey, { ...options, algorithm: 'HS256' })}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${jwt.sign({ courses: 'c1' }, secret, options)}`)).toBe('invalid_token');
  });

  it('does not accept RS256 when only a secret is configured', () => {
    const hsOnly = new TokenVerifier({ issuer: 'juez', audience: 'juez-api', hs256Secret: secret });
    const rs = signToken(claims, { issuer: 'juez', audience: 'juez-api', rs256PrivateKey: rsa.privateKey });
    expect(() => hsOnly.verify(`Bearer ${rs}`)).toThrow(/RS256 is not accepted/);
  });

  describe('remembering verified tokens', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('answers token_expired once a remembered token passes its exp', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const remembering = new TokenVerifier({ issuer: 'juez', audience: 'juez-api', hs256Secret: secret });
      const token = jwt.sign({ role: 'student', courses: ['c1'] }, secret, { issuer: 'juez', audience: 'juez-api', subject: 'bob', expiresIn: 60 });
      expect(remembering.verify(`Bearer ${token}`).id).toBe('bob');
      vi.setSystemTime(new Date('2030-01-01T00:00:59Z'));
      expect(remembering.verify(`Bearer ${token}`).id).toBe('bob');
      vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
      expect(() => remembering.verify(`Bearer ${token}`)).toThrow(expect.objectContaining({ code: 'token_expired' }));
    });

    it('remembers the exact text only: a token altered after one was accepted is refused', () => {
      const remembering = new TokenVerifier({ issuer: 'juez', audience: 'juez-api', hs256Secret: secret });
      const token = signToken(claims, { issuer: 'juez', audience: 'juez-api', hs256Secret: secret });
      expect(remembering.verify(`Bearer ${token}`).id).toBe('alice');
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const admin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url');
      expect(() => remembering.verify(`Bearer ${header}.${admin}.${signature}`)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expect(() => remembering.verify(`Bearer ${header}.${payload}.${flipped}`)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
      expect(remembering.verify(`Bearer ${token}`).role).toBe('student');
    });
  });
});
