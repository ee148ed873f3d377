/**
 * Natural name order, for test cases and groups: `2` before `10`, `test2` before `test10`. Runs of digits
 * compare by value, everything else by code unit (never by locale, so every machine agrees). Names that
 * are equal by value (`1` and `01`) fall back to plain order, so the order is total.
 */
export function compareNaturally(a: string, b: string): number {
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i] as string;
    const y = partsB[i] as string;
    if (x === y) continue;
    if (isDigits(x) && isDigits(y)) {
      // By length once leading zeros are gone, then digit by digit: exact for numbers of any size.
      const p = x.replace(/^0+/, '');
      const q = y.replace(/^0+/, '');
      if (p.length !== q.length) return p.length - q.length;
      if (p !== q) return p < q ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (partsA.length !== partsB.length) return partsA.length - partsB.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigits(text: string): boolean {
  return text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57;
}
