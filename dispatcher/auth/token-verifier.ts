import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { Ajv } from 'ajv';
import jwt from 'jsonwebtoken';
import { errors } from '../http/errors.js';
import type { Principal } from './principal.js';
import { TOKEN_CLAIMS_SCHEMA, type TokenClaims } from '../../common/auth-token.js';

export interface TokenVerifierConfig {
  issuer: string;
  audience: string;
  hs256Secret?: string;
  rs256PublicKey?: string;
}

const validateClaims = new Ajv({ allErrors: false }).compile<TokenClaims>(TOKEN_CLAIMS_SCHEMA);

/**
 * Tokens verified lately, by their exact text. A client sends the same token with every request, and
 * verifying it (two base64 and JSON decodes, an HMAC or an RSA check, the claims schema) was a tenth of
 * the dispatcher's CPU per submission. An entry is only ever made by a full verification of those very
 * bytes, and is used only until the token's `exp`; `nbf`, issuer, audience and keys cannot change for the
 * same text while the process runs. Least recently used entries go first past the bound.
 */
const MAX_CACHED_TOKENS = 1024;

interface VerifiedToken {
  principal: Principal;
  /** `exp` in ms (Infinity for a token without one). */
  expiresAtMs: number;
}

/**
 * Verifies Bearer tokens. The algorithm is pinned per key: the header's `alg` only selects which
 * configured key to try (HS256 → the secret, RS256 → the public key), and jsonwebtoken is told that key's
 * single algorithm, so `none`, an HS256 token signed with the RSA public key as secret, or any other
 * algorithm is refused. Issuer, audience and expiry are checked; then the juez claims.
 */
export class TokenVerifier {
  /**
   * Keys parsed once: given a string, jsonwebtoken tries createPublicKey on every call (which throws for a
   * secret) before createSecretKey — a fifth of the dispatcher's CPU under load.
   */
  private readonly hs256Key: KeyObject | undefined;
  private readonly rs256Key: KeyObject | undefined;
  /** Map order is recency order: a hit moves its entry to the end, eviction takes the first. */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly config: TokenVerifierConfig) {
    this.hs256Key = config.hs256Secret === undefined ? undefined : createSecretKey(Buffer.from(config.hs256Secret));
    this.rs256Key = config.rs256PublicKey === undefined ? undefined : createPublicKey(config.rs256PublicKey);
  }

  /**
   * The principal of an `Authorization` header value.
   * @throws HttpError 401 missing_token, invalid_token or token_expired.
   */
  verify(authorization: string): Principal {
    const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization);
    if (authorization === '') throw errors.missingToken();
    if (match === null) throw errors.invalidToken('expected "Authorization: Bearer <token>"');
    const token = match[1] as string;
    const cached = this.verified.get(token);
    if (cached !== undefined) {
      this.verified.delete(token);
      // Past exp, the full verification below refuses it with token_expired, as for a token never seen.
      if (Date.now() < cached.expiresAtMs) {
        this.verified.set(token, cached);
        return cached.principal;
      }
    }
    return this.verifyFully(token);
  }

  private verifyFully(token: string): Principal {
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') throw errors.invalidToken('malformed token');
    const alg = decoded.header.alg;
    let key: KeyObject | undefined;
    if (alg === 'HS256') key = this.hs256Key;
    else if (alg === 'RS256') key = this.rs256Key;
    if (key === undefined) throw errors.invalidToken(`algorithm ${alg} is not accepted`);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [alg as jwt.Algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw errors.tokenExpired();
      const reason = error instanceof Error ? error.message : 'verification failed';
      throw errors.invalidToken(reason);
    }
    if (typeof payload === 'string') throw errors.invalidToken('the token lacks valid sub, role and courses claims');
    const { exp } = payload;
    if (!validateClaims(payload)) throw errors.invalidToken('the token lacks valid sub, role and courses claims');
    const principal: Principal = { id: payload.sub, role: payload.role, courses: [...new Set(payload.courses)] };
    if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY });
    return principal;
  }
}
