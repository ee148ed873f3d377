/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential backoff with full jitter,
 * uniformly random in [0, min(maxMs, baseMs · 2^(attempt − 1))]. Full jitter spreads the retries of many
 * deliveries that failed together (an LMS outage) instead of bringing them back in waves.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  return Math.floor(random() * ceiling);
}
