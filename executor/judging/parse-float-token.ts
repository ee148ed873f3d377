/**
 * Numbers in output tokens, for the default validator's float tolerance. Parsed straight from the bytes:
 * making a string of every token of a multi-megabyte output costs more than the comparison itself.
 */

/** Exact powers of ten: dividing an exact integer mantissa by one of them rounds correctly. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The token's value if it is a float in C strtod syntax (the whole token: sign, digits with an optional
 * dot, optional exponent; or inf / infinity / nan in any case), else undefined. Hexadecimal floats,
 * which strtod also reads, are not recognised: no answer file writes them.
 */
export function parseFloatToken(buffer: Buffer, start: number, end: number): number | undefined {
  let i = start;
  const sign = buffer[i] === 0x2d ? -1 : 1;
  if (buffer[i] === 0x2b || buffer[i] === 0x2d) i++;
  if (i < end && ((buffer[i] as number) | 0x20) >= 0x61) return parseSpecialFloat(buffer, i, end, sign);
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end && isDigit(buffer[i] as number); i++, digits++) mantissa = mantissa * 10 + (buffer[i] as number) - 0x30;
  if (i < end && buffer[i] === 0x2e) {
    for (i++; i < end && isDigit(buffer[i] as number); i++, digits++, fractionDigits++) {
      mantissa = mantissa * 10 + (buffer[i] as number) - 0x30;
    }
  }
  if (digits === 0) return undefined;
  let exponent = false;
  if (i < end && (buffer[i] === 0x65 || buffer[i] === 0x45)) {
    exponent = true;
    i++;
    if (buffer[i] === 0x2b || buffer[i] === 0x2d) i++;
    const exponentStart = i;
    while (i < end && isDigit(buffer[i] as number)) i++;
    if (i === exponentStart) return undefined;
  }
  if (i !== end) return undefined;
  // Clinger's fast path: up to 15 digits are an exact integer, so one division rounds correctly.
  if (!exponent && digits <= 15 && fractionDigits < POWERS_OF_TEN.length) {
    return sign * (mantissa / (POWERS_OF_TEN[fractionDigits] as number));
  }
  return Number(buffer.toString('latin1', start, end));
}

function parseSpecialFloat(buffer: Buffer, start: number, end: number, sign: number): number | undefined {
  if (end - start > 8) return undefined;
  const word = buffer.toString('latin1', start, end).toLowerCase();
  if (word === 'nan') return Number.NaN;
  if (word === 'inf' || word === 'infinity') return sign * Number.POSITIVE_INFINITY;
  return undefined;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}
