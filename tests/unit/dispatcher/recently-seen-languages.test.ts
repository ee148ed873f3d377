/** The languages-seen hash read back: which languages some executor advertised within the grace period. */
import { describe, expect, it } from 'vitest';
import { recentlySeen } from '../../../dispatcher/store/redis-language-advertisements.js';

describe('recentlySeen', () => {
  it('keeps the languages seen since the bound, with their version', () => {
    expect(recentlySeen(['python', '1000 3.11.2', 'c', '400 12.2.0', 'kotlin', '1000 1.3-SNAPSHOT'], 500)).toEqual({
      python: '3.11.2',
      kotlin: '1.3-SNAPSHOT',
    });
  });

  it('keeps a version with spaces whole, and skips what is not `<ms> <version>`', () => {
    expect(recentlySeen(['r', '900 4.2.2 Patched', 'bad', 'soon 1.0', 'bare', '900'], 0)).toEqual({ r: '4.2.2 Patched', bare: '' });
  });

  it('is empty for an empty hash', () => {
    expect(recentlySeen([], 0)).toEqual({});
  });
});
