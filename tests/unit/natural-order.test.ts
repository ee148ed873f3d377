import { describe, expect, it } from 'vitest';
import { compareNaturally } from '../../common/problem/natural-order.js';

describe('compareNaturally', () => {
  it('orders digit runs by value', () => {
    expect(['10', '9', '1', '2'].sort(compareNaturally)).toEqual(['1', '2', '9', '10']);
    expect(['test10', 'test2', 'test1b', 'test1a'].sort(compareNaturally)).toEqual(['test1a', 'test1b', 'test2', 'test10']);
    expect(['g-10-x', 'g-9-y'].sort(compareNaturally)).toEqual(['g-9-y', 'g-10-x']);
  });

  it('handles numbers longer than a double holds', () => {
    expect(compareNaturally('123456789012345678901', '123456789012345678902')).toBeLessThan(0);
  });

  it('is total: equal values with different zeros still have an order', () => {
    expect(compareNaturally('01', '1')).not.toBe(0);
    expect(compareNaturally('01', '1')).toBe(-compareNaturally('1', '01'));
    expect(compareNaturally('a', 'a')).toBe(0);
  });

  it('orders prefixes first and text by code unit', () => {
    expect(['ab', 'a', 'B'].sort(compareNaturally)).toEqual(['B', 'a', 'ab']);
    expect(['1a', '1'].sort(compareNaturally)).toEqual(['1', '1a']);
  });
});
