import { describe, expect, it } from 'vitest';
import { retryWhileUnavailable } from '../../../executor/service/retry-while-unavailable.js';
import { StoreUnavailableError } from '../../../executor/service/store-unavailable-error.js';

describe('retryWhileUnavailable', () => {
  it('retries while the store is unavailable, then returns', async () => {
    let calls = 0;
    const result = retryWhileUnavailable(async () => {
      if (++calls < 3) throw new StoreUnavailableError('down');
      return 'ok';
    }, { maxMs: 5_000, initialDelayMs: 1 });
    await expect(result).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up with the last error after maxMs', async () => {
    await expect(retryWhileUnavailable(async () => Promise.reject(new StoreUnavailableError('down')), { maxMs: 30, initialDelayMs: 5 })).rejects.toThrow(
      StoreUnavailableError,
    );
  });

  it('never retries other errors', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('bug');
    };
    await expect(retryWhileUnavailable(failing, { maxMs: 5_000 })).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('stops early when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const retrying = retryWhileUnavailable(async () => Promise.reject(new StoreUnavailableError('down')), { maxMs: 60_000, initialDelayMs: 10_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await expect(retrying).rejects.toThrow(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
