import { describe, expect, it } from 'vitest';
import { parseFloatToken } from '../../executor/judging/parse-float-token.js';

const parse = (text: string): number | undefined => parseFloatToken(Buffer.from(` ${text} `), 1, text.length + 1);

describe('parseFloatToken', () => {
  it('reads strtod decimal syntax', () => {
    expect(parse('0')).toBe(0);
    expect(parse('-0')).toBe(-0);
    expect(parse('+12')).toBe(12);
    expect(parse('1.')).toBe(1);
    expect(parse('.25')).toBe(0.25);
    expect(parse('-1.5e-3')).toBe(-0.0015);
    expect(parse('2E+2')).toBe(200);
    expect(parse('123456789012345678901234567890')).toBe(1.2345678901234568e29);
  });

  it('reads inf, infinity and nan in any case', () => {
    expect(parse('inf')).toBe(Infinity);
    expect(parse('-INF')).toBe(-Infinity);
    expect(parse('Infinity')).toBe(Infinity);
    expect(parse('NaN')).toBeNaN();
    expect(parse('-nan')).toBeNaN();
  });

  it('refuses everything else', () => {
    for (const text of ['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1,5', '0x10', 'abc', 'in', 'nanx', '1f', '--1', '١']) {
      expect(parse(text), text).toBeUndefined();
    }
  });

  it('agrees with Number() to the last bit on random decimals (the fast path rounds correctly)', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const integer = String(random(10 ** (1 + random(8))));
      const fraction = String(random(10 ** (1 + random(8)))).padStart(1 + random(9), '0');
      const text = `${random(2) === 0 ? '-' : ''}${integer}.${fraction}`;
      expect(parse(text), text).toBe(Number(text));
    }
  });
});
