import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../executor/judging/compare-output.js';
import type { ComparisonFlags } from '../../common/problem/problem.js';
import { DEFAULT_COMPARISON_FLAGS, parseValidatorFlags } from '../../common/problem/validator-flags.js';

const DEFAULT: ComparisonFlags = { ...DEFAULT_COMPARISON_FLAGS };
const flags = (extra: Partial<ComparisonFlags>): ComparisonFlags => ({ ...DEFAULT, ...extra });
const TOL6 = flags({ floatAbsoluteTolerance: 1e-6, floatRelativeTolerance: 1e-6 });

const accepts = (expected: string, actual: string, f: ComparisonFlags = DEFAULT): boolean =>
  compareOutput(expected, actual, f).accepted;

/**
 * The format's default output validator, rule by rule: validator_flags as a package writes them, the
 * answer, the program's output, and whether the reference judges accept it (AC) or not (WA).
 */
const TABLE: [rule: string, validatorFlags: string, answer: string, output: string, verdict: 'AC' | 'WA'][] = [
  // Tokens and whitespace
  ['equal output', '', '1 2 3\n', '1 2 3\n', 'AC'],
  ['amount and kind of whitespace do not matter', '', '1 2\n3\n', '  1\t\t2 3', 'AC'],
  ['\\r\\n and blank lines are whitespace', '', '1 2\n', '1\r\n2\r\n\r\n', 'AC'],
  ['vertical tab and form feed are whitespace', '', 'a\n', 'a \v\f', 'AC'],
  ['empty answer, whitespace-only output', '', '', '   \n\n', 'AC'],
  ['a token that only starts like the answer', '', '12', '123', 'WA'],
  ['two tokens glued together', '', '1 2', '12', 'WA'],
  ['a missing token', '', '1 2 3', '1 2', 'WA'],
  ['an extra token', '', '1', '1 2', 'WA'],
  // Case: insensitive by default, as the format's validator
  ['case is ignored by default', '', 'Yes', 'yES', 'AC'],
  ['case is ignored by default (words)', '', 'IMPOSSIBLE', 'impossible', 'AC'],
  ['only ASCII letters fold', '', 'Ñ', 'ñ', 'WA'],
  ['[ and { are not a case pair', '', '[', '{', 'WA'],
  ['case_sensitive', 'case_sensitive', 'Yes', 'yes', 'WA'],
  ['case_sensitive, same case', 'case_sensitive', 'Yes', 'Yes', 'AC'],
  ['case_insensitive (juez, the default said aloud)', 'case_insensitive', 'Yes', 'yes', 'AC'],
  // Spacing
  ['space_change_sensitive, same whitespace', 'space_change_sensitive', '1 2\n3\n', '1 2\n3\n', 'AC'],
  ['space_change_sensitive, newline for space', 'space_change_sensitive', '1 2\n', '1\n2\n', 'WA'],
  ['space_change_sensitive, two spaces', 'space_change_sensitive', '1 2', '1  2', 'WA'],
  ['space_change_sensitive, missing final newline', 'space_change_sensitive', '1\n', '1', 'WA'],
  ['space_change_sensitive, extra final newline', 'space_change_sensitive', '1', '1\n', 'WA'],
  ['space_change_sensitive, \\r\\n for \\n', 'space_change_sensitive', '1\n', '1\r\n', 'WA'],
  ['space_change_sensitive still ignores case', 'space_change_sensitive', 'yes\n', 'YES\n', 'AC'],
  // Numbers without a tolerance are strings
  ['no tolerance: 1.0 is not 1', '', '1.0', '1', 'WA'],
  ['no tolerance: .5 is not 0.5', '', '0.5', '.5', 'WA'],
  ['no tolerance: inf and INF are the same string, ignoring case', '', 'inf', 'INF', 'AC'],
  ['no tolerance: NaN and nan, ignoring case', '', 'NaN', 'nan', 'AC'],
  ['no tolerance, case_sensitive: NaN is not nan', 'case_sensitive', 'NaN', 'nan', 'WA'],
  // float_absolute_tolerance
  ['absolute: within', 'float_absolute_tolerance 1e-6', '1.0', '1.0000009', 'AC'],
  ['absolute: within, below', 'float_absolute_tolerance 1e-6', '1.0', '0.9999991', 'AC'],
  ['absolute: beyond', 'float_absolute_tolerance 1e-6', '1.0', '1.0000011', 'WA'],
  ['absolute: exactly at the tolerance', 'float_absolute_tolerance 1e-6', '0', '1e-6', 'AC'],
  ['absolute: no relative slack for large values', 'float_absolute_tolerance 1e-6', '1000000', '1000000.1', 'WA'],
  // float_relative_tolerance
  ['relative: within', 'float_relative_tolerance 1e-6', '1000000', '1000000.9', 'AC'],
  ['relative: beyond', 'float_relative_tolerance 1e-6', '1000000', '1000001.1', 'WA'],
  ['relative: small values', 'float_relative_tolerance 1e-6', '1e-9', '1.0000005e-9', 'AC'],
  ['relative: of zero, only zero', 'float_relative_tolerance 1e-6', '0', '1e-300', 'WA'],
  ['relative: 0 and 0.0', 'float_relative_tolerance 1e-6', '0', '0.0', 'AC'],
  // float_tolerance: both, absolute OR relative
  ['float_tolerance: relative side', 'float_tolerance 1e-6', '1e9', '1000000999', 'AC'],
  ['float_tolerance: absolute side', 'float_tolerance 1e-6', '1e-9', '9e-7', 'AC'],
  ['float_tolerance: beyond both', 'float_tolerance 1e-6', '1e9', '1000002000', 'WA'],
  ['a later flag overrides float_tolerance', 'float_tolerance 1e-6 float_absolute_tolerance 0.5', '1', '1.4', 'AC'],
  // Number syntax (strtod): signs, dots, exponents
  ['exponent in the answer', 'float_tolerance 1e-6', '1.5e3', '1500', 'AC'],
  ['exponent with sign and capital E in the output', 'float_tolerance 1e-6', '1500', '1.5E+3', 'AC'],
  ['negative exponent', 'float_tolerance 1e-6', '-2.5e-3', '-0.0025', 'AC'],
  ['leading dot', 'float_tolerance 1e-6', '0.5', '.5', 'AC'],
  ['trailing dot', 'float_tolerance 1e-6', '2', '2.', 'AC'],
  ['plus sign', 'float_tolerance 1e-6', '+3', '3', 'AC'],
  ['-0 and 0', 'float_tolerance 1e-6', '0', '-0', 'AC'],
  ['an integer answer is a number too', 'float_tolerance 1e-6', '7', '7.0000001', 'AC'],
  ['output must be a number where the answer is one', 'float_tolerance 1e-6', '1.5', 'abc', 'WA'],
  ['trailing garbage is no number', 'float_tolerance 1e-6', '1.5', '1.5x', 'WA'],
  ['hexadecimal is no number', 'float_tolerance 1e-6', '1', '0x1', 'WA'],
  ['an exponent without digits is no number', 'float_tolerance 1e-6', '1', '1e', 'WA'],
  // inf / infinity / nan, any case
  ['NaN equals nan', 'float_tolerance 1e-6', 'NaN', 'nan', 'AC'],
  ['nan equals -nan', 'float_tolerance 1e-6', 'nan', '-nan', 'AC'],
  ['NAN equals NaN', 'float_absolute_tolerance 1e-6', 'NAN', 'NaN', 'AC'],
  ['Inf equals inf', 'float_tolerance 1e-6', 'Inf', 'inf', 'AC'],
  ['inf equals Infinity', 'float_relative_tolerance 1e-6', 'inf', 'Infinity', 'AC'],
  ['+inf equals INFINITY', 'float_tolerance 1e-6', '+inf', 'INFINITY', 'AC'],
  ['-inf equals -Infinity', 'float_tolerance 1e-6', '-inf', '-Infinity', 'AC'],
  ['-inf is not inf', 'float_tolerance 1e-6', '-inf', 'inf', 'WA'],
  ['inf is not nan', 'float_tolerance 1e-6', 'inf', 'nan', 'WA'],
  ['nan is not a finite number', 'float_tolerance 1e300', 'nan', '1', 'WA'],
  ['a finite answer is not matched by nan', 'float_tolerance 1e300', '1', 'NaN', 'WA'],
  ['a finite answer is not matched by inf', 'float_tolerance 1e300', '1e308', 'inf', 'WA'],
  ['inf is not matched by a huge finite number', 'float_tolerance 1e300', 'inf', '1e308', 'WA'],
  ['infinit is no number', 'float_tolerance 1e-6', 'inf', 'infinit', 'WA'],
  // Strings beside numbers
  ['a word beside numbers compares as a string', 'float_tolerance 1e-6', 'x 1.0', 'x 1.0000001', 'AC'],
  ['a word beside numbers ignores case', 'float_tolerance 1e-6', 'Yes 1', 'yes 1', 'AC'],
  ['a word beside numbers, case_sensitive', 'float_tolerance 1e-6 case_sensitive', 'Yes 1', 'yes 1', 'WA'],
  ['1e in the answer is a word', 'float_tolerance 1e-6', '1e', '1E', 'AC'],
  ['floats with space_change_sensitive', 'float_tolerance 1e-6 space_change_sensitive', '1.0 2.0\n', '1.0000001 2\n', 'AC'],
  ['floats with space_change_sensitive, two spaces', 'float_tolerance 1e-6 space_change_sensitive', '1.0 2.0\n', '1.0000001  2\n', 'WA'],
  // exact (juez): bytes
  ['exact: equal bytes', 'exact', 'a b\n', 'a b\n', 'AC'],
  ['exact: case matters', 'exact', 'a\n', 'A\n', 'WA'],
  ['exact: whitespace matters', 'exact', 'a b\n', 'a  b\n', 'WA'],
  ['exact: tolerance ignored', 'exact float_tolerance 1', '1\n', '1.5\n', 'WA'],
];

describe('compareOutput: the default validator table', () => {
  it.each(TABLE)('%s [%s]', (_rule, validatorFlags, answer, output, verdict) => {
    const comparison = parseValidatorFlags(validatorFlags.split(' ').filter((f) => f !== ''));
    expect(compareOutput(answer, output, comparison).accepted ? 'AC' : 'WA').toBe(verdict);
  });
});

describe('compareOutput messages', () => {
  it('says nothing when accepted', () => {
    expect(compareOutput('1 2 3\n', '1 2 3\n', DEFAULT)).toEqual({ accepted: true, message: '' });
  });

  it('names the line and token of the first wrong token, counted in the program output', () => {
    expect(compareOutput('1\n2\n3 5\n', '1\n2\n3 6\n', DEFAULT).message).toBe("line 3, token 2: expected '5', got '6'");
    expect(compareOutput('1 2 3', '1\n\n2 4', DEFAULT).message).toBe("line 3, token 2: expected '3', got '4'");
    expect(compareOutput('Yes', 'yes', flags({ caseSensitive: true })).message).toBe("line 1, token 1: expected 'Yes', got 'yes'");
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

  it('names the whitespace that differs with space_change_sensitive', () => {
    const sensitive = flags({ spaceChangeSensitive: true });
    expect(compareOutput('1 2\n', '1\n2\n', sensitive).message).toBe('line 1: expected a space, got a newline');
    expect(compareOutput('1\t2', '1 2', sensitive).message).toBe('line 1: expected a tab, got a space');
    expect(compareOutput('1 2', '1  2', sensitive).message).toBe('line 1: unexpected a space where the answer has none');
    expect(compareOutput('1\n', '1\n\n', sensitive).message).toBe('line 2: unexpected a newline where the answer has none');
    expect(compareOutput('1\n', '1', sensitive).message).toBe('line 1: expected a newline, got end of output');
    expect(compareOutput('1\n', '1\r\n', sensitive).message).toBe('line 1: expected a newline, got a carriage return');
    expect(compareOutput('1 2\n', '1 3\n', sensitive).message).toBe("line 1, token 2: expected '2', got '3'");
    expect(compareOutput(' 1', '1', sensitive).message).toBe("line 1: expected a space, got '1'");
  });

  it('says a number was expected, and how large the difference was', () => {
    expect(compareOutput('1.5', 'abc', TOL6).message).toBe("line 1, token 1: expected a number like '1.5', got 'abc'");
    expect(compareOutput('1', '1.1', TOL6).message).toBe(
      "line 1, token 1: expected '1', got '1.1' (difference 1.000e-1 exceeds tolerance absolute 0.000001 and relative 0.000001)",
    );
    expect(compareOutput('inf', '-inf', TOL6).message).toBe(
      "line 1, token 1: expected 'inf', got '-inf' (an infinity or NaN matches only itself)",
    );
    expect(compareOutput('1', 'nan', TOL6).message).toBe("line 1, token 1: expected '1', got 'nan' (an infinity or NaN matches only itself)");
  });

  it('truncates long tokens and escapes control characters', () => {
    const long = 'a'.repeat(10_000);
    const message = compareOutput('b', long, DEFAULT).message;
    expect(message.length).toBeLessThan(150);
    expect(message).toContain(`'${'a'.repeat(40)}…' (10000 bytes)`);
    expect(compareOutput('x', '\u0001y', DEFAULT).message).toBe("line 1, token 1: expected 'x', got '\\u0001y'");
  });

  it('compares bytes, not decoded text', () => {
    expect(compareOutput(Buffer.from('héllo'), Buffer.from('héllo'), DEFAULT).accepted).toBe(true);
    expect(compareOutput(Buffer.from('hé'), Buffer.from([0x68, 0xe9]), DEFAULT).accepted).toBe(false);
  });

  it('compares long tokens case-insensitively past the native fast path', () => {
    const upper = 'A'.repeat(100);
    expect(accepts(upper, upper.toLowerCase())).toBe(true);
    expect(accepts(upper, upper.toLowerCase(), flags({ caseSensitive: true }))).toBe(false);
  });
});

describe('compareOutput, exact', () => {
  const exact = flags({ exact: true, floatAbsoluteTolerance: 1 });

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
    expect(compareOutput(answer, answer, flags({ caseSensitive: true })).accepted).toBe(true);
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
        `case-sensitive ${caseMs.toFixed(0)} ms, floats ${(floats.length / 1e6).toFixed(1)} MB ${floatMs.toFixed(0)} ms, ` +
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
