/**
 * Authorization headers for the fuzzer: valid tokens of every role, and every way a token can be wrong —
 * forged (wrong key, alg none, HS256 signed with the RSA public key), expired, not yet valid, wrong issuer
 * or audience, bad claims, malformed, or not a Bearer token at all.
 */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface TokenKeys {
  issuer: string;
  audience: string;
  hs256Secret: string;
  rs256PrivateKey: string;
  rs256PublicKey: string;
}

/** Keys a fuzz dispatcher is configured with (both algorithms, so that both verification paths run). */
export function makeTokenKeys(): TokenKeys {
  const rsa = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    issuer: 'juez',
    audience: 'juez-api',
    hs256Secret: randomBytes(32).toString('hex'),
    rs256PrivateKey: rsa.privateKey,
    rs256PublicKey: rsa.publicKey,
  };
}

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * An HS256 JWS of any payload (an object, or JSON text for what objects cannot say, like a `__proto__`
 * key): jsonwebtoken's sign() refuses malformed claims, and the point here is to send them.
 */
function signHs256(payload: object | string, secret: string | Buffer, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export interface TokenSet {
  /** Headers a real client would send: the fuzzer needs them to get past authentication. */
  valid: { student: string; instructor: string; admin: string; service: string; outsider: string };
  /** Authorization header values that must each be refused with 401 (or 403 for valid-but-powerless ones). */
  hostile: string[];
}

/** Every token the fuzzer uses, as full `Authorization` header values. */
export function makeTokens(keys: TokenKeys, courseId: string): TokenSet {
  const now = Math.floor(Date.now() / 1000);
  const claims = (sub: string, role: string, courses: unknown = [courseId]) => ({ sub, role, courses, iss: keys.issuer, aud: keys.audience, iat: now, exp: now + 3600 });
  const hs = (payload: object | string, secret: string | Buffer = keys.hs256Secret): string => signHs256(payload, secret);
  const rs = (payload: object, privateKey = keys.rs256PrivateKey): string => jwt.sign(payload, privateKey, { algorithm: 'RS256' });
  const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const bearer = (token: string): string => `Bearer ${token}`;
  const valid = {
    student: bearer(hs(claims('fuzz-student', 'student'))),
    instructor: bearer(rs(claims('fuzz-teacher', 'instructor'))),
    admin: bearer(hs(claims('fuzz-admin', 'admin'))),
    service: bearer(hs(claims('fuzz-lms', 'service'))),
    outsider: bearer(hs(claims('fuzz-outsider', 'student', ['another-course']))),
  };
  const good = claims('fuzz-student', 'student');
  const [goodHeader, goodPayload] = hs(good).split('.') as [string, string, string];
  const hostile = [
    '',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNzd29yZA==',
    'bearer',
    `Token ${hs(good)}`,
    `Bearer ${hs(good)} extra`,
    `Bearer  ${hs(good)}${'\t'}x`,
    // forged
    bearer(hs(good, randomBytes(32).toString('hex'))),
    bearer(rs(good, otherRsa.privateKey)),
    bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`),
    bearer(`${b64({ alg: 'none' })}.${b64(good)}`),
    bearer(`${b64({ alg: 'NONE' })}.${b64({ ...good, role: 'admin' })}.`),
    bearer(jwt.sign(good, keys.hs256Secret, { algorithm: 'HS512' })),
    bearer(jwt.sign(good, keys.hs256Secret, { algorithm: 'HS384' })),
    bearer(hs(good, Buffer.from(keys.rs256PublicKey))), // alg confusion: the public key as an HMAC secret
    bearer(`${goodHeader}.${b64({ ...good, role: 'admin' })}.${hs(good).split('.')[2]}`), // payload swapped, old signature
    bearer(`${goodHeader}.${goodPayload}.`),
    bearer(`${goodHeader}.${goodPayload}.${'A'.repeat(43)}`),
    // valid signature, wrong claims or times
    bearer(hs({ ...good, exp: now - 10 })),
    bearer(hs({ ...good, exp: now - 86_400 * 365 })),
    bearer(hs({ ...good, nbf: now + 3600 })),
    bearer(hs({ ...good, iss: 'someone-else' })),
    bearer(hs({ ...good, aud: 'another-api' })),
    bearer(hs({ ...good, exp: 'tomorrow' })),
    bearer(hs({ iss: keys.issuer, aud: keys.audience, exp: now + 3600 })),
    bearer(hs({ ...good, role: 'root' })),
    bearer(hs({ ...good, role: ['admin'] })),
    bearer(hs({ ...good, sub: '' })),
    bearer(hs({ ...good, sub: '../../etc/passwd' })),
    bearer(hs({ ...good, sub: 'x'.repeat(500) })),
    bearer(hs({ ...good, courses: 'course-1' })),
    bearer(hs({ ...good, courses: [1, 2] })),
    bearer(hs({ ...good, courses: Array.from({ length: 1001 }, (_, i) => `c${i}`) })),
    bearer(hs({ ...good, sub: { $ne: null } })),
    // malformed
    bearer('a.b.c'),
    bearer('...'),
    bearer('.'),
    bearer('x'),
    bearer(`${b64('null')}.${b64(good)}.sig`),
    bearer(`${b64('"HS256"')}.${b64(good)}.sig`),
    bearer(`${b64('{"alg":')}.${b64(good)}.sig`),
    bearer(`${b64({ alg: 'HS256' })}.${b64('not json')}.sig`),
    bearer(`${b64({ alg: 'HS256' })}.${b64('[]')}.sig`),
    bearer(`${b64({ alg: 'HS256', crit: ['exp'] })}.${b64(good)}.sig`),
    bearer(`${b64({ alg: 'HS256', kid: '../../../../dev/null' })}.${b64(good)}.sig`),
    bearer(`${b64({ alg: 'RS256', jku: 'http://127.0.0.1:1/keys' })}.${b64(good)}.sig`),
    bearer(hs(`${JSON.stringify(good).slice(0, -1)},"__proto__":{"role":"admin"}}`)),
    bearer(hs(JSON.stringify(good).replace('"role":"student"', '"role":"student","role":"admin"'))),
    bearer(signHs256(good, keys.hs256Secret, { alg: 'HS256', b64: false, crit: ['b64'] })),
    bearer('A'.repeat(8000)),
    bearer(`${'eyJ'.repeat(2000)}.${'x'.repeat(2000)}.${'y'.repeat(2000)}`),
    bearer('!!!$$$%%%'),
  ];
  return { valid, hostile };
}
