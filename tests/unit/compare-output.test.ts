import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../executor/judging/compare-output.js';
import type { ComparisonFlags } from '../../common/problem/problem.js';
import { DEFAULT_COMPARISON_FLAGS } from '../../common/problem/validator-flags.js';

const DEFAULT: ComparisonFlags = { ...DEFAULT_COMPARISON_FLAGS };
const flags = (extra: Partial<ComparisonFlags>): ComparisonFlags => ({ ...DEFAULT, ...extra });
const TOL6 = flags({ floatAbsoluteTolerance: 1e-6, floatRelativeTolerance: 1e-6 });
const ABS6 = flags({ floatAbsoluteTolerance: 1e-6 });
const REL6 = flags({ floatRelativeTolerance: 1e-6 });

const accepts = (expected: string, actual: string, f: ComparisonFlags = DEFAULT): boolean =>
  compareOutput(expected, actual, f).accepted;

describe('compareOutput, default token mode', () => {
  it('accepts equal output and says nothing', () => {
    expect(compareOutput('1 2 3\n', '1 2 3\n', DEFAULT)).toEqual({ accepted: true, message: '' });
  });

  it('ignores the amount and kind of whitespace, including trailing and leading whitespace', () => {
    expect(accepts('1 2\n3\n', '  1\t\t2 3')).toBe(true);
    expect(accepts('1 2\n', '1\r\n2\r\n\r\n')).toBe(true);
    expect(accepts('a\n', 'a \v\f')).toBe(true);
  });

  it('treats empty outputs and whitespace-only outputs alike', () => {
    expect(accepts('', '')).toBe(true);
    expect(accepts('\n', '')).toBe(true);
    expect(accepts('', '   \n\n')).toBe(true);
  });

  it('names the line and token of the first wrong token', () => {
    const result = compareOutput('1\n2\n3 5\n', '1\n2\n3 6\n', DEFAULT);
    expect(result).toEqual({ accepted: false, message: "line 3, token 2: expected '5', got '6'" });
  });

  it('numbers lines and tokens of the program output', () => {
    expect(compareOutput('1 2 3', '1\n\n2 4', DEFAULT).message).toBe("line 3, token 2: expected '3', got '4'");
  });

  it('says when the output ends early', () => {
    expect(compareOutput('1 2 3\n', '1 2\n', DEFAULT).message).toBe("output ended early after 2 tokens: expected '3' next");
    expect(compareOutput('7\n', '', DEFAULT).message).toBe("output ended early after 0 tokens: expected '7' next");
    expect(compareOutput('1 7\n', '1', DEFAULT).message).toBe("output ended early after 1 token: expected '7' next");
  });

  it('says when there is extra output', () => {
    expect(compareOutput('1\n', '1\n2\n', DEFAULT).message).toBe("extra output after the expected answer: '2' on line 2");
    expect(compareOutput('', 'x', DEFAULT).message).toBe("extra output after the expected answer: 'x' on line 1");
  });

  it('does not accept a token that only starts like the expected one', () => {
    expect(accepts('12', '123')).toBe(false);
    expect(accepts('123', '12')).toBe(false);
    expect(accepts('1 2', '12')).toBe(false);
  });

  it('is case-sensitive by default (a juez choice) and case-insensitive on request, ASCII only', () => {
    expect(compareOutput('Yes', 'yes', DEFAULT).message).toBe("line 1, token 1: expected 'Yes', got 'yes'");
    const insensitive = flags({ caseSensitive: false });
    expect(accepts('Yes', 'yES', insensitive)).toBe(true);
    expect(accepts('IMPOSSIBLE', 'impossible', insensitive)).toBe(true);
    expect(accepts('Ñ', 'ñ', insensitive)).toBe(false);
    expect(accepts('[', '{', insensitive)).toBe(false);
  });

  it('compares numbers as strings without a float tolerance', () => {
    expect(accepts('1.0', '1')).toBe(false);
    expect(accepts('0.5', '.5')).toBe(false);
  });

  it('truncates long tokens and escapes control characters in messages', () => {
    const long = 'a'.repeat(10_000);
    const message = compareOutput('b', long, DEFAULT).message;
    expect(message.length).toBeLessThan(150);
    expect(message).toContain(`'${'a'.repeat(40)}…' (10000 bytes)`);
    expect(compareOutput('x', '\u0001y', DEFAULT).message).toBe("line 1, token 1: expected 'x', got '\\u0001y'");
  });

  it('accepts Buffers and compares bytes, not decoded text', () => {
    expect(compareOutput(Buffer.from('héllo'), Buffer.from('héllo'), DEFAULT).accepted).toBe(true);
    const latin1 = Buffer.from([0x68, 0xe9]);
    expect(compareOutput(Buffer.from('hé'), latin1, DEFAULT).accepted).toBe(false);
  });
});

describe('compareOutput, space_change_sensitive', () => {
  const sensitive = flags({ spaceChangeSensitive: true });

  it('accepts identical whitespace', () => {
    expect(accepts('1 2\n3\n', '1 2\n3\n', sensitive)).toBe(true);
    expect(accepts('', '', sensitive)).toBe(true);
  });

  it('rejects a different whitespace character', () => {
    expect(compareOutput('1 2\n', '1\n2\n', sensitive).message).toBe('line 1: expected a space, got a newline');
    expect(compareOutput('1\t2', '1 2', sensitive).message).toBe('line 1: expected a tab, got a space');
  });

  it('rejects extra whitespace anywhere, including a trailing newline the answer lacks', () => {
    expect(compareOutput('1 2', '1  2', sensitive).message).toBe('line 1: unexpected a space where the answer has none');
    expect(compareOutput('1\n', '1\n\n', sensitive).message).toBe('line 2: unexpected a newline where the answer has none');
    expect(accepts('1', '1\n', sensitive)).toBe(false);
    expect(accepts('1', ' 1', sensitive)).toBe(false);
  });

  it('rejects a missing trailing newline', () => {
    expect(compareOutput('1\n', '1', sensitive).message).toBe('line 1: expected a newline, got end of output');
  });

  it('treats \\r\\n and \\n as different', () => {
    expect(compareOutput('1\n', '1\r\n', sensitive).message).toBe('line 1: expected a newline, got a carriage return');
  });

  it('still compares tokens', () => {
    expect(compareOutput('1 2\n', '1 3\n', sensitive).message).toBe("line 1, token 2: expected '2', got '3'");
    expect(compareOutput(' 1', '1', sensitive).message).toBe("line 1: expected a space, got '1'");
  });
});

describe('compareOutput, float tolerance', () => {
  it('accepts within the absolute tolerance and rejects beyond it', () => {
    expect(accepts('1.0', '1.0000009', ABS6)).toBe(true);
    expect(accepts('1.0', '0.9999991', ABS6)).toBe(true);
    expect(accepts('1.0', '1.0000011', ABS6)).toBe(false);
    expect(accepts('0', '1e-6', ABS6)).toBe(true);
    expect(accepts('0', '1.1e-6', ABS6)).toBe(false);
  });

  it('accepts within the relative tolerance and rejects beyond it', () => {
    expect(accepts('1000000', '1000000.9', REL6)).toBe(true);
    expect(accepts('1000000', '1000001.1', REL6)).toBe(false);
    expect(accepts('1e-9', '1.0000005e-9', REL6)).toBe(true);
    // Relative tolerance of zero expected: only an exact zero matches.
    expect(accepts('0', '1e-300', REL6)).toBe(false);
    expect(accepts('0', '0.0', REL6)).toBe(true);
  });

  it('accepts when within either tolerance (Kattis: absolute OR relative)', () => {
    expect(accepts('1e9', '1000000999', TOL6)).toBe(true); // relative
    expect(accepts('1e-9', '9e-7', TOL6)).toBe(true); // absolute
    expect(accepts('1e9', '1000002000', TOL6)).toBe(false);
  });

  it('reads exponents, signs, leading and trailing dots', () => {
    expect(accepts('1.5e3', '1500', TOL6)).toBe(true);
    expect(accepts('1500', '1.5E+3', TOL6)).toBe(true);
    expect(accepts('0.5', '.5', TOL6)).toBe(true);
    expect(accepts('2', '2.', TOL6)).toBe(true);
    expect(accepts('+3', '3', TOL6)).toBe(true);
    expect(accepts('-2.5e-3', '-0.0025', TOL6)).toBe(true);
  });

  it('treats -0 and 0 as equal', () => {
    expect(accepts('0', '-0', TOL6)).toBe(true);
    expect(accepts('-0', '0.000', TOL6)).toBe(true);
  });

  it('never accepts NaN output, whatever the tolerance', () => {
    expect(accepts('1', 'nan', TOL6)).toBe(false);
    expect(accepts('1', 'NaN', flags({ floatAbsoluteTolerance: 1e300 }))).toBe(false);
  });

  it('applies the Kattis formula literally to inf and nan answers: they match nothing', () => {
    const result = compareOutput('inf', 'inf', TOL6);
    expect(result.accepted).toBe(false);
    expect(result.message).toBe("line 1, token 1: expected 'inf', got 'inf' (infinite and NaN values never match)");
    expect(accepts('nan', 'nan', TOL6)).toBe(false);
    expect(accepts('-inf', '-Infinity', TOL6)).toBe(false);
    expect(accepts('1', 'inf', TOL6)).toBe(false);
  });

  it('compares inf and nan as strings when there is no tolerance', () => {
    expect(accepts('inf', 'inf')).toBe(true);
    expect(accepts('nan', 'nan')).toBe(true);
  });

  it('requires a number where the answer has one', () => {
    expect(compareOutput('1.5', 'abc', TOL6).message).toBe("line 1, token 1: expected a number like '1.5', got 'abc'");
    expect(accepts('1.5', '1.5x', TOL6)).toBe(false);
    expect(accepts('1', '0x1', TOL6)).toBe(false);
    expect(accepts('1', '1e', TOL6)).toBe(false);
  });

  it('compares non-number answer tokens as strings, with the case rule', () => {
    expect(accepts('x 1.0', 'x 1.0000001', TOL6)).toBe(true);
    expect(accepts('Yes 1', 'yes 1', TOL6)).toBe(false);
    expect(accepts('Yes 1', 'yes 1', { ...TOL6, caseSensitive: false })).toBe(true);
    // '1e' is not a number in strtod syntax: a string token.
    expect(accepts('1e', '1e', TOL6)).toBe(true);
  });

  it('says how large the difference was', () => {
    expect(compareOutput('1', '1.1', TOL6).message).toBe(
      "line 1, token 1: expected '1', got '1.1' (difference 1.000e-1 exceeds tolerance absolute 0.000001 and relative 0.000001)",
    );
  });

  it('works with space_change_sensitive', () => {
    const f = { ...TOL6, spaceChangeSensitive: true };
    expect(accepts('1.0 2.0\n', '1.0000001 2\n', f)).toBe(true);
    expect(accepts('1.0 2.0\n', '1.0000001  2\n', f)).toBe(false);
  });
});

describe('compareOutput, exact', () => {
  const exact = flags({ exact: true, caseSensitive: false, floatAbsoluteTolerance: 1 });

  it('requires byte equality and ignores the other flags', () => {
    expect(accepts('a b\n', 'a b\n', exact)).toBe(true);
    expect(accepts('a\n', 'A\n', exact)).toBe(false);
    expect(accepts('1\n', '1.5\n', exact)).toBe(false);
    expect(accepts('', '', exact)).toBe(true);
  });

  it('names line and column of the first difference', () => {
    expect(compareOutput('ab\ncd\n', 'ab\ncx\n', exact).message).toBe("line 2, column 2: expected 'd\\n', got 'x\\n'");
  });

  it('says when the output ends early or goes on', () => {
    expect(compareOutput('1\n', '1', exact).message).toBe("output ended early at line 1, column 2: expected '\\n' next");
    expect(compareOutput('1\n', '1\n\n', exact).message).toBe("extra output after the expected answer at line 2, column 1: '\\n'");
  });

  it('finds a difference deep in a large output', () => {
    const answer = Buffer.alloc(3_000_000, 'x');
    const output = Buffer.from(answer);
    output[2_500_001] = 'y'.charCodeAt(0);
    expect(compareOutput(answer, output, exact).message).toMatch(/^line 1, column 2500002: expected 'x{20}', got 'yx{19}'$/);
  });
});

describe('compareOutput on large outputs', () => {
  // Not a timed assertion (machines differ): the durations are printed so that a regression shows.
  it('compares ~10 MB of integers and of floats', () => {
    const numbers = Array.from({ length: 1_100_000 }, (_, i) => String(i * 7919 % 1_000_003));
    const text = `${numbers.join(' ')}\n`;
    const answer = Buffer.from(text);
    expect(answer.length).toBeGreaterThan(7_000_000);

    const reformatted = Buffer.from(text.replaceAll(' ', '\n'));
    let start = performance.now();
    expect(compareOutput(answer, reformatted, DEFAULT).accepted).toBe(true);
    const tokensMs = performance.now() - start;

    start = performance.now();
    expect(compareOutput(answer, answer, flags({ caseSensitive: false })).accepted).toBe(true);
    const caseMs = performance.now() - start;

    const floats = `${Array.from({ length: 900_000 }, (_, i) => (i / 7).toFixed(6)).join('\n')}\n`;
    start = performance.now();
    expect(compareOutput(floats, floats, TOL6).accepted).toBe(true);
    const floatMs = performance.now() - start;

    const big = Buffer.alloc(10_000_000, 'ab\n');
    start = performance.now();
    expect(compareOutput(big, Buffer.from(big), flags({ exact: true })).accepted).toBe(true);
    const exactMs = performance.now() - start;

    console.log(
      `compareOutput: tokens ${(answer.length / 1e6).toFixed(1)} MB ${tokensMs.toFixed(0)} ms, ` +
        `case-insensitive ${caseMs.toFixed(0)} ms, floats ${(floats.length / 1e6).toFixed(1)} MB ${floatMs.toFixed(0)} ms, ` +
        `exact 10 MB ${exactMs.toFixed(0)} ms`,
    );
  });

  it('handles one huge token', () => {
    const token = Buffer.alloc(10_000_000, 'z');
    expect(compareOutput(token, token, DEFAULT).accepted).toBe(true);
    expect(compareOutput(token, token, TOL6).accepted).toBe(true);
    const message = compareOutput('z', token, DEFAULT).message;
    expect(message).toContain('(10000000 bytes)');
    expect(message.length).toBeLessThan(150);
  });
});
