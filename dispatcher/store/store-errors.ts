/**
 * node-redis connection failures by name (no import of redis here: the HTTP layer uses this to answer
 * 503 instead of 500). The client is created with the offline queue disabled, so while Redis is down
 * commands fail at once with one of these instead of hanging.
 */
const CONNECTION_ERROR_NAMES = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'SocketClosedUnexpectedlyError',
  'ReconnectStrategyError',
  'SocketTimeoutError',
]);

/** True when `error` means Redis cannot be reached (not a bug in a command). */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (CONNECTION_ERROR_NAMES.has(error.name) || CONNECTION_ERROR_NAMES.has(error.constructor.name)) return true;
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}
