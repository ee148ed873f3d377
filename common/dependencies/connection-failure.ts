/**
 * Errno codes of a connection that could not be made or was lost: nobody answers (yet) at the address.
 * ENOTFOUND is among them on purpose: in Docker Compose and Kubernetes a service's name resolves only once
 * the service exists, so a name that does not resolve yet is a dependency that is not up yet.
 */
const CONNECTION_FAILURE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * True when `error`, an error in its `cause` chain or one of an AggregateError's errors (Node tries IPv6
 * and IPv4 at once) is a failure to reach the other end at all. ENOENT counts only from connect() (a unix
 * socket that does not exist yet), not from opening some file.
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 8) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string' && (CONNECTION_FAILURE_CODES.has(code) || (code === 'ENOENT' && syscall === 'connect'))) return true;
  if (error instanceof AggregateError && error.errors.some((each) => isConnectionFailure(each, depth + 1))) return true;
  return isConnectionFailure(error.cause, depth + 1);
}
