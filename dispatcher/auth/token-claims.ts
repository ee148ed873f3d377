import type { Role } from './principal.js';

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
    role: { enum: ['student', 'instructor', 'admin', 'service'] },
    courses: { type: 'array', maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } },
  },
} as const;
