import jwt from 'jsonwebtoken';
import type { TokenClaims } from './token-claims.js';

/** How to sign: HS256 with the shared secret, or RS256 with a private key. */
export interface TokenSigningConfig {
  issuer: string;
  audience: string;
  /** Lifetime, seconds (default one hour). */
  expiresInS?: number;
  /** HS256 shared secret (the dispatcher's JUEZ_JWT_HS256_SECRET). */
  hs256Secret?: string;
  /** RS256 private key (PEM), whose public half the dispatcher has. Used when no hs256Secret is given. */
  rs256PrivateKey?: string;
}

/**
 * A token the dispatcher accepts, for judge-cli's `token` command and for tests.
 * @throws Error when neither a secret nor a private key is given.
 */
export function signToken(claims: TokenClaims, config: TokenSigningConfig): string {
  const options: jwt.SignOptions = {
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: config.expiresInS ?? 3600,
  };
  const payload = { role: claims.role, courses: claims.courses };
  if (config.hs256Secret !== undefined) {
    return jwt.sign(payload, config.hs256Secret, { ...options, algorithm: 'HS256', subject: claims.sub });
  }
  if (config.rs256PrivateKey !== undefined) {
    return jwt.sign(payload, config.rs256PrivateKey, { ...options, algorithm: 'RS256', subject: claims.sub });
  }
  throw new Error('signToken needs hs256Secret or rs256PrivateKey');
}
