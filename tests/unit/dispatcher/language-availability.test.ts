import { describe, expect, it } from 'vitest';
import type { LanguageVersions } from '../../../common/language-versions.js';
import { LanguageAvailability, mergeAdvertisements } from '../../../dispatcher/languages/language-availability.js';

/** A source whose answers the test sets, counting reads; `fail` makes the next reads reject. */
class FakeAdvertisements {
  reads = 0;
  answer: LanguageVersions[] = [];
  fail: Error | undefined;
  async read(): Promise<LanguageVersions[]> {
    this.reads++;
    await Promise.resolve();
    if (this.fail !== undefined) throw this.fail;
    return this.answer;
  }
}

describe('mergeAdvertisements', () => {
  it('serves every language any executor serves, with the version most of them report', () => {
    const merged = mergeAdvertisements([{ python: '3.11.2', c: '12.2.0' }, { python: '3.11.2' }, { python: '3.12.1', java: '17.0.19' }]);
    expect(Object.fromEntries(merged)).toEqual({ python: '3.11.2', c: '12.2.0', java: '17.0.19' });
  });

  it('breaks a tie towards the greater version string', () => {
    expect(mergeAdvertisements([{ go: '1.19.8' }, { go: '1.21.0' }]).get('go')).toBe('1.21.0');
    expect(mergeAdvertisements([{ go: '1.21.0' }, { go: '1.19.8' }]).get('go')).toBe('1.21.0');
  });

  it('is empty without executors', () => {
    expect(mergeAdvertisements([]).size).toBe(0);
  });
});

describe('LanguageAvailability', () => {
  it('reads at most once per period however many ask, concurrent questions sharing one read', async () => {
    const source = new FakeAdvertisements();
    source.answer = [{ python: '3.11.2' }];
    let now = 1_000;
    const availability = new LanguageAvailability(source, { maxAgeMs: 1000, now: () => now });
    const answers = await Promise.all(Array.from({ length: 50 }, () => availability.served()));
    expect(source.reads).toBe(1);
    expect(answers.every((answer) => answer.get('python') === '3.11.2')).toBe(true);
    source.answer = [{ python: '3.11.2' }, { c: '12.2.0' }];
    now += 999;
    for (let i = 0; i < 100; i++) expect((await availability.served()).has('c')).toBe(false);
    expect(source.reads).toBe(1);
    now += 1;
    expect((await availability.served()).get('c')).toBe('12.2.0');
    expect(source.reads).toBe(2);
  });

  it('keeps the last snapshot when a read fails, and asks again only the next period', async () => {
    const source = new FakeAdvertisements();
    source.answer = [{ python: '3.11.2' }];
    let now = 0;
    const stale: unknown[] = [];
    const availability = new LanguageAvailability(source, { now: () => now, onStale: (error) => stale.push(error) });
    await availability.served();
    source.fail = new Error('redis down');
    now += 1000;
    expect((await availability.served()).get('python')).toBe('3.11.2');
    expect((await availability.served()).get('python')).toBe('3.11.2');
    expect(source.reads).toBe(2);
    expect(stale).toEqual([source.fail]);
  });

  it('with nothing read yet, a failed read rejects and the next question reads again', async () => {
    const source = new FakeAdvertisements();
    source.fail = new Error('redis down');
    const availability = new LanguageAvailability(source, { now: () => 0 });
    await expect(availability.served()).rejects.toThrow('redis down');
    source.fail = undefined;
    source.answer = [{ c: '12.2.0' }];
    expect((await availability.served()).get('c')).toBe('12.2.0');
    expect(source.reads).toBe(2);
  });
});
