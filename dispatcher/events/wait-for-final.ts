import { parseRunEvent, parseSubmissionEvent } from '../../common/submission-events.js';
import type { RedisEventSubscriber } from '../store/redis-event-subscriber.js';

/**
 * Waits until `isFinal()` holds, at most `timeoutMs` (or until `signal` aborts: shutdown). Subscribes
 * first, then checks, so that a final event published between the check and the subscription cannot be
 * missed; any `final` event on the channel triggers a re-check (the record is the truth, not the event).
 */
export async function waitForFinal(
  events: RedisEventSubscriber,
  channel: string,
  kind: 'submission' | 'run',
  isFinal: () => Promise<boolean>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  if (timeoutMs <= 0 || signal?.aborted === true) return isFinal();
  // `nudged` covers an event that arrives while isFinal() is running: the loop checks again at once.
  let nudged = false;
  let wake: () => void = () => undefined;
  const nudge = (): void => {
    nudged = true;
    wake();
  };
  const unsubscribe = await events.subscribe(channel, (message) => {
    const event = kind === 'submission' ? parseSubmissionEvent(message) : parseRunEvent(message);
    if (event?.type === 'final') nudge();
  });
  signal?.addEventListener('abort', nudge);
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      nudged = false;
      if (await isFinal()) return true;
      const left = deadline - Date.now();
      if (left <= 0 || isAborted(signal)) return false;
      if (nudged) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      wake = () => undefined;
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', nudge);
    await unsubscribe();
  }
}

// A function, so that TypeScript does not keep the narrowing of `signal.aborted` across the awaits above.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
