/**
 * The token contract: who may call juez and how tokens are signed. The dispatcher verifies tokens;
 * judge-cli (`token`) and the tests sign them — both with these definitions, so they cannot drift apart.
 */
import jwt from 'jsonwebtoken';
import { parsers, type ConfigTable } from './config-table.js';

/** Roles a token may carry. */
export const ROLES = ['student', 'instructor', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The claims juez reads from a token (besides iss, aud, exp, which jsonwebtoken checks). */
export interface TokenClaims {
  /** User id, or service client id. */
  sub: string;
  role: Role;
  /** Course ids the token is scoped to. */
  courses: string[];
}

/** JSON schema of the claims (checked after the signature). */
export const TOKEN_CLAIMS_SCHEMA = {
  type: 'object',
  required: ['sub', 'role', 'courses'],
  properties: {
    sub: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.@:-]+$' },
    role: { enum: ROLES },
    courses: { type: 'array', maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } },
  },
} as const;

/**
 * Configuration rows of the signing side, shared by the dispatcher's configuration table and judge-cli's
 * `token`: same variables, same defaults, same checks (a short secret is refused alike).
 */
export const TOKEN_SIGNING_CONFIG_ROWS = {
  jwtHs256Secret: {
    name: 'JUEZ_JWT_HS256_SECRET',
    description: 'shared secret for HS256 tokens (at least 32 characters)',
    default: undefined as string | undefined,
    parse: parsers.string,
    validate: (value: string | undefined) => (value !== undefined && value.length < 32 ? 'must be at least 32 characters' : undefined),
    secret: true,
  },
  jwtIssuer: { name: 'JUEZ_JWT_ISSUER', description: 'required `iss` of tokens', default: 'juez', parse: parsers.string },
  jwtAudience: { name: 'JUEZ_JWT_AUDIENCE', description: 'required `aud` of tokens', default: 'juez-api', parse: parsers.string },
} satisfies ConfigTable;

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
