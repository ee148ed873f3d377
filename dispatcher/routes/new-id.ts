import { randomBytes } from 'node:crypto';

/**
 * A new random id with a one-letter kind prefix (`s` submission, `r` run): 16 random bytes, base64url.
 * Unguessable, so knowing an id grants nothing, and within the task message id pattern.
 */
export function newId(kind: 's' | 'r'): string {
  return `${kind}${randomBytes(16).toString('base64url')}`;
}
