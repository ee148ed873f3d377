import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** Give up after this long, ms. Default 30 s. */
  timeoutMs?: number;
  /** Pause between two checks, ms. Default 100. */
  intervalMs?: number;
  /** What is awaited, for the timeout message ("submission s1 to be final"). */
  what?: string;
  /** Extra context for the timeout message (last state seen, service logs), computed only on failure. */
  explain?: () => string | Promise<string>;
}

/**
 * Calls `check` until it returns something other than undefined / false, and resolves with it. A check
 * that throws counts as "not yet" (services being restarted refuse connections); its last error is part
 * of the timeout message.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, options: PollOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      const context = options.explain === undefined ? '' : `\n${await options.explain()}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${cause}${context}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}
