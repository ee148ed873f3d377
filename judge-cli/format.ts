import pc from 'picocolors';
import type { Verdict } from '../common/verdict.js';

/** Colour functions: real ones on a terminal, identity when output goes to a file or a pipe. */
export type Colors = ReturnType<typeof pc.createColors>;

/** Colours for `stream`: on only for a terminal, and never when NO_COLOR is set (no-color.org). */
export function colorsFor(stream: NodeJS.WriteStream): Colors {
  return pc.createColors(stream.isTTY === true && process.env['NO_COLOR'] === undefined);
}

/** A verdict code, green when accepted, red when the student failed, magenta when the judge did. */
export function paintVerdict(colors: Colors, verdict: Verdict): string {
  if (verdict === 'AC') return colors.green(verdict);
  if (verdict === 'IE') return colors.magenta(verdict);
  return colors.red(verdict);
}

/** `12 ms`, `1.50 s`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** `548 KiB`, `33.1 MiB`. */
export function formatKb(kb: number): string {
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MiB` : `${Math.round(kb)} KiB`;
}

/** First line of `text`, cut to `max` characters: table cells stay one line high. */
export function oneLine(text: string | undefined, max = 70): string {
  const line = (text ?? '').split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** cli-table3 style without its own colours (they would ignore our TTY check). */
export const PLAIN_TABLE_STYLE = { head: [], border: [] };
