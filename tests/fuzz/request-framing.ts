/**
 * The last step of a fuzz request: method, target, headers and body put together as raw bytes, framed
 * honestly (Content-Length, chunked) or not (a Content-Length that lies either way, broken chunks,
 * contradictory or invalid framing headers, a body with no framing at all).
 */
import type { SeededRandom } from './seeded-random.js';

export interface FuzzRequest {
  /** What kind of breakage this is, for the tally and for failure reports. */
  label: string;
  bytes: Buffer;
  /** Half-close after sending: the request is cut short on purpose. */
  halfClose: boolean;
  /** The server may close without answering (the request never completed). */
  mayGoUnanswered: boolean;
  /** The method is HEAD: answers carry headers only. */
  head: boolean;
}

type Framing = 'length' | 'chunked' | 'length-over' | 'length-under' | 'bad-chunked' | 'bad-length' | 'none';

/** Puts method, target, headers and body together with one of several framings, honest or not. */
export function frame(method: string, target: string, headers: [string, string][], body: Buffer, random: SeededRandom, labels: string[]): FuzzRequest {
  const framing = random.weighted<Framing>([
    [80, 'length'],
    [6, 'chunked'],
    [4, 'length-over'],
    [3, 'length-under'],
    [3, 'bad-chunked'],
    [2, 'bad-length'],
    [2, 'none'],
  ]);
  if (framing !== 'length') labels.push(framing);
  let payload = body;
  let halfClose = false;
  switch (framing) {
    case 'length':
      if (body.length > 0 || method === 'POST' || method === 'PUT') headers.push(['Content-Length', String(body.length)]);
      break;
    case 'chunked':
      headers.push(['Transfer-Encoding', 'chunked']);
      payload = chunked(body, random);
      break;
    case 'length-over':
      headers.push(['Content-Length', String(body.length + random.between(1, 5000))]);
      halfClose = true;
      break;
    case 'length-under':
      headers.push(['Content-Length', String(Math.max(0, body.length - random.between(1, 50)))]);
      break;
    case 'bad-chunked':
      headers.push(['Transfer-Encoding', 'chunked']);
      payload = Buffer.concat([Buffer.from(random.pick(['zz\r\n', '-1\r\n', '5\r\nab', 'ffffffffffffffffff\r\n', '3;x=\r\nabc\r\n', '2\r\nabc\r\n0\r\n\r\n'])), body]);
      halfClose = true;
      break;
    case 'bad-length':
      headers.push(
        ...random.pick<[string, string][]>([
          [['Content-Length', 'abc']],
          [['Content-Length', '-1']],
          [['Content-Length', '1, 2']],
          [['Content-Length', '99999999999999999999999']],
          [['Content-Length', String(body.length)], ['Content-Length', String(body.length + 1)]],
          [['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']],
          [['Transfer-Encoding', 'gzip, chunked']],
          [['Transfer-Encoding', 'chunked, identity']],
        ]),
      );
      halfClose = true;
      break;
    case 'none':
      break;
  }
  const head = `${method} ${target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
  return {
    label: labels.join('+'),
    bytes: Buffer.concat([Buffer.from(head, 'latin1'), payload]),
    halfClose,
    mayGoUnanswered: halfClose,
    head: method === 'HEAD',
  };
}

function chunked(body: Buffer, random: SeededRandom): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const size = Math.min(body.length - offset, random.between(1, 4096));
    parts.push(Buffer.from(`${size.toString(16)}\r\n`), body.subarray(offset, offset + size), Buffer.from('\r\n'));
    offset += size;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

