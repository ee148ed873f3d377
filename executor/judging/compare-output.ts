/**
 * The default output validator: Kattis' default_validator semantics, as a pure function over bytes.
 * Outputs can be many megabytes, so both sides are walked with cursors over Buffers: no token arrays, no
 * decoding of the whole output, and text is only made for the few bytes a message quotes.
 */
import type { ComparisonFlags } from '../../common/problem/problem.js';
import { parseFloatToken } from './parse-float-token.js';

export { parseValidatorFlags } from '../../common/problem/validator-flags.js';

/** What the default validator concluded. `message` is empty when accepted. */
export interface ComparisonResult {
  accepted: boolean;
  /** For people: the first difference, with line and token numbers of the program's output. */
  message: string;
}

/** Longest piece of output a message quotes, in bytes. */
const QUOTE_BYTES = 40;

/**
 * Compares a program's output with the expected answer.
 *
 * - `exact`: byte equality; every other flag is ignored.
 * - Otherwise the answer and the output are split into tokens at whitespace (C `isspace`: space, \t, \n,
 *   \v, \f, \r) and compared token by token. Amounts of whitespace do not matter, unless
 *   `spaceChangeSensitive`: then every whitespace byte of the answer must be matched by the same byte
 *   in the output, and the output may have no whitespace of its own (so a missing or extra final
 *   newline is wrong, exactly as in Kattis).
 * - Tokens compare ignoring ASCII case (C `strcasecmp`), as the format's default validator does, unless
 *   `caseSensitive` (flag `case_sensitive`).
 * - With a float tolerance, an answer token that is a number in C `strtod` syntax (`1`, `-0`, `+.5`,
 *   `1e-6`, `inf`, `-Infinity`, `NaN`, any case; hexadecimal floats are not recognised) is compared as a
 *   number: the output token must be a number too, else WA. NaN equals NaN; an infinity equals an infinity
 *   of the same sign; finite values are accepted when |expected − actual| ≤ absolute tolerance OR
 *   ≤ relative tolerance × |expected| (a tolerance not given holds only for a difference of zero); an
 *   infinity or NaN never matches a finite value. Other answer tokens compare as strings.
 */
export function compareOutput(
  expected: Buffer | string,
  actual: Buffer | string,
  flags: ComparisonFlags,
): ComparisonResult {
  const answer = typeof expected === 'string' ? Buffer.from(expected) : expected;
  const output = typeof actual === 'string' ? Buffer.from(actual) : actual;
  return flags.exact ? compareExactly(answer, output) : compareTokens(answer, output, flags);
}

const ACCEPTED: ComparisonResult = { accepted: true, message: '' };

function rejected(message: string): ComparisonResult {
  return { accepted: false, message };
}

/** C isspace in the C locale. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function compareTokens(answer: Buffer, output: Buffer, flags: ComparisonFlags): ComparisonResult {
  const useFloats = flags.floatAbsoluteTolerance !== undefined || flags.floatRelativeTolerance !== undefined;
  // Kattis' "no tolerance" value: with −1 its side of the OR only holds for a difference of zero.
  const absTol = flags.floatAbsoluteTolerance ?? -1;
  const relTol = flags.floatRelativeTolerance ?? -1;
  let a = 0; // cursor in the answer
  let o = 0; // cursor in the output
  let line = 1; // line of the output, for messages
  let tokenInLine = 0;
  let tokens = 0;
  for (;;) {
    while (a < answer.length && isSpace(answer[a] as number)) {
      const want = answer[a++] as number;
      if (flags.spaceChangeSensitive) {
        const got = output[o];
        if (got !== want) {
          return rejected(`line ${line}: expected ${describeByte(want)}, got ${describeByte(got)}`);
        }
        o++;
        if (got === 0x0a) {
          line++;
          tokenInLine = 0;
        }
      }
    }
    while (o < output.length && isSpace(output[o] as number)) {
      if (flags.spaceChangeSensitive) {
        return rejected(`line ${line}: unexpected ${describeByte(output[o])} where the answer has none`);
      }
      if (output[o++] === 0x0a) {
        line++;
        tokenInLine = 0;
      }
    }
    if (a >= answer.length) break;
    const aStart = a;
    while (a < answer.length && !isSpace(answer[a] as number)) a++;
    if (o >= output.length) {
      return rejected(
        `output ended early after ${plural(tokens, 'token')}: expected ${quote(answer, aStart, a)} next`,
      );
    }
    const oStart = o;
    while (o < output.length && !isSpace(output[o] as number)) o++;
    tokenInLine++;
    const expectedValue = useFloats ? parseFloatToken(answer, aStart, a) : undefined;
    if (expectedValue !== undefined) {
      const actualValue = parseFloatToken(output, oStart, o);
      if (actualValue === undefined) {
        const got = quote(output, oStart, o);
        return rejected(`${atToken(line, tokenInLine)}: expected a number like ${quote(answer, aStart, a)}, got ${got}`);
      }
      if (!floatsMatch(expectedValue, actualValue, absTol, relTol)) {
        return rejected(
          `${atToken(line, tokenInLine)}: expected ${quote(answer, aStart, a)}, got ${quote(output, oStart, o)}` +
            describeTolerance(expectedValue, actualValue, flags),
        );
      }
    } else if (!tokensEqual(answer, aStart, a, output, oStart, o, flags.caseSensitive)) {
      const got = quote(output, oStart, o);
      return rejected(`${atToken(line, tokenInLine)}: expected ${quote(answer, aStart, a)}, got ${got}`);
    }
    tokens++;
  }
  if (o < output.length) {
    const oStart = o;
    while (o < output.length && !isSpace(output[o] as number)) o++;
    return rejected(`extra output after the expected answer: ${quote(output, oStart, o)} on line ${line}`);
  }
  return ACCEPTED;
}

/**
 * The format's float rule. Its formula alone would reject NaN against NaN and inf against inf (NaN and
 * inf − inf compare false), which the reference judges accept: those are decided first.
 */
function floatsMatch(expected: number, actual: number, absTol: number, relTol: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return expected === actual;
  const difference = Math.abs(expected - actual);
  return difference <= absTol || difference <= relTol * Math.abs(expected);
}

function atToken(line: number, token: number): string {
  return `line ${line}, token ${token}`;
}

function tokensEqual(
  x: Buffer,
  xStart: number,
  xEnd: number,
  y: Buffer,
  yStart: number,
  yEnd: number,
  caseSensitive: boolean,
): boolean {
  const length = xEnd - xStart;
  if (length !== yEnd - yStart) return false;
  // A native compare costs a call into C++; most tokens are a few bytes, cheaper to loop over here.
  if (caseSensitive && length > 32) return x.compare(y, yStart, yEnd, xStart, xEnd) === 0;
  for (let i = 0; i < length; i++) {
    let p = x[xStart + i] as number;
    let q = y[yStart + i] as number;
    if (p === q) continue;
    if (caseSensitive) return false;
    // ASCII only, like strcasecmp in the C locale.
    if (p >= 0x41 && p <= 0x5a) p += 0x20;
    if (q >= 0x41 && q <= 0x5a) q += 0x20;
    if (p !== q) return false;
  }
  return true;
}

function describeTolerance(expected: number, actual: number, flags: ComparisonFlags): string {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return ' (an infinity or NaN matches only itself)';
  const tolerances = [
    flags.floatAbsoluteTolerance !== undefined ? `absolute ${flags.floatAbsoluteTolerance}` : undefined,
    flags.floatRelativeTolerance !== undefined ? `relative ${flags.floatRelativeTolerance}` : undefined,
  ].filter((t) => t !== undefined);
  return ` (difference ${Math.abs(expected - actual).toExponential(3)} exceeds tolerance ${tolerances.join(' and ')})`;
}

function compareExactly(answer: Buffer, output: Buffer): ComparisonResult {
  if (answer.equals(output)) return ACCEPTED;
  const at = firstDifference(answer, output);
  const { line, column } = position(output, at);
  const where = `line ${line}, column ${column}`;
  if (at >= output.length) return rejected(`output ended early at ${where}: expected ${quoteFrom(answer, at)} next`);
  if (at >= answer.length) return rejected(`extra output after the expected answer at ${where}: ${quoteFrom(output, at)}`);
  return rejected(`${where}: expected ${quoteFrom(answer, at)}, got ${quoteFrom(output, at)}`);
}

/** Index of the first differing byte (or the shorter length). Compares natively in chunks first. */
function firstDifference(x: Buffer, y: Buffer): number {
  const length = Math.min(x.length, y.length);
  const chunk = 64 * 1024;
  let start = 0;
  while (start + chunk <= length && x.compare(y, start, start + chunk, start, start + chunk) === 0) start += chunk;
  while (start < length && x[start] === y[start]) start++;
  return start;
}

function position(buffer: Buffer, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = buffer.indexOf(0x0a); nl !== -1 && nl < at; nl = buffer.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** A few bytes starting at `at`, for exact-mode messages (the rest of the line at most). */
function quoteFrom(buffer: Buffer, at: number): string {
  return quote(buffer, at, Math.min(buffer.length, at + 20));
}

/** `'text'` for a message: at most QUOTE_BYTES bytes, control characters escaped, long text cut. */
function quote(buffer: Buffer, start: number, end: number): string {
  const cut = end - start > QUOTE_BYTES;
  const text = buffer
    .toString('utf8', start, cut ? start + QUOTE_BYTES : end)
    .replace(/[\x00-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return cut ? `'${text}…' (${end - start} bytes)` : `'${text}'`;
}

function describeByte(byte: number | undefined): string {
  switch (byte) {
    case undefined:
      return 'end of output';
    case 0x20:
      return 'a space';
    case 0x0a:
      return 'a newline';
    case 0x09:
      return 'a tab';
    case 0x0d:
      return 'a carriage return';
    default:
      if (byte > 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
      return `${isSpace(byte) ? 'whitespace ' : ''}byte 0x${byte.toString(16).padStart(2, '0')}`;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
