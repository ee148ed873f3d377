/**
 * Breaking request bodies, two ways: the JSON value (wrong types, missing and unknown keys, huge and
 * hostile strings, too many files) and its bytes (truncation, flipped bytes, invalid UTF-8, JSON that is
 * not quite JSON, deep nesting, bodies over the size limit).
 */
import type { SeededRandom } from './seeded-random.js';

/** Strings that have broken some parser, path join, shell or template somewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '..',
  '../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e',
  '\ufeff',
  'ñandú',
  '🙂'.repeat(50),
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://127.0.0.1:1/x}',
  '{{7*7}}',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'null',
  'undefined',
  '-1',
  '1e400',
  '0x10',
  'true',
  '*',
  'juez:*',
  '\r\nSet-Cookie: a=b',
];

/** JSON values of every type and shape, for replacing a field. */
export function hostileValue(random: SeededRandom): unknown {
  return random.weighted<() => unknown>([
    [3, () => random.pick(HOSTILE_STRINGS)],
    [2, () => random.pick([null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 4294967297])],
    [1, () => []],
    [1, () => ({})],
    [1, () => [random.pick(HOSTILE_STRINGS)]],
    [1, () => ({ [random.pick(HOSTILE_STRINGS)]: random.pick(HOSTILE_STRINGS) })],
    [1, () => 'x'.repeat(random.pick([101, 1000, 70_000]))],
    [1, () => nested(random.between(10, 200))],
  ])();
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A mutated copy of `value`: one to three edits at random places. */
export function mutateValue(value: unknown, random: SeededRandom): unknown {
  let result = structuredClone(value);
  const edits = random.between(1, 3);
  for (let i = 0; i < edits; i += 1) result = editSomewhere(result, random);
  return result;
}

function editSomewhere(value: unknown, random: SeededRandom): unknown {
  const isContainer = typeof value === 'object' && value !== null;
  if (!isContainer || random.chance(0.15)) {
    return random.weighted<() => unknown>([
      [4, () => hostileValue(random)],
      [1, () => [value]],
      [1, () => ({ value })],
    ])();
  }
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = random.int(Math.max(1, copy.length));
    random.weighted<() => void>([
      [3, () => copy.length > 0 && (copy[index] = editSomewhere(copy[index], random))],
      [1, () => copy.splice(0)],
      [1, () => copy.push(...Array.from({ length: random.pick([17, 100, 1000]) }, (_, i) => ({ name: `f${i}.py`, content: 'x' })))],
      [1, () => copy.push(hostileValue(random))],
    ])();
    return copy;
  }
  const object = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(object);
  random.weighted<() => void>([
    [4, () => keys.length > 0 && ((key) => (object[key] = editSomewhere(object[key], random)))(random.pick(keys))],
    [2, () => keys.length > 0 && delete object[random.pick(keys)]],
    [1, () => (object[random.pick(['extra', '__proto__', 'constructor', 'wait', 'userId', 'callbackUrl', 'externalId', ''])] = hostileValue(random))],
    [1, () => (object['content'] = 'y'.repeat(random.pick([8193, 20_000])))],
  ])();
  return object;
}

/** Bytes that claim to be JSON: usually close to it, sometimes not at all. */
export function serializeBody(value: unknown, random: SeededRandom, maxJsonBytes: number): Buffer {
  const json = JSON.stringify(value) ?? 'null';
  const text = Buffer.from(json, 'utf8');
  return random.weighted<() => Buffer>([
    [10, () => text],
    [2, () => text.subarray(0, random.int(text.length))],
    [2, () => flipBytes(text, random)],
    [2, () => withInvalidUtf8(json, random)],
    [1, () => Buffer.from(`\ufeff${json}`)],
    [1, () => Buffer.from(`${json}${random.pick([' x', ',', '}', ']', '\u0000', '{}'])}`)],
    [1, () => Buffer.from(random.pick(NOT_QUITE_JSON))],
    [1, () => Buffer.from(duplicateKeys(json))],
    [1, () => Buffer.from(`${'['.repeat(random.pick([1000, 100_000]))}${']'.repeat(random.pick([0, 1000, 100_000]))}`)],
    [1, () => Buffer.from(`{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}`)],
    [1, () => Buffer.from(`{"pad":"${'x'.repeat(maxJsonBytes + random.between(1, 4096))}"}`)],
    [1, () => random.bytes(random.between(1, 300))],
    [1, () => Buffer.alloc(0)],
  ])();
}

const NOT_QUITE_JSON = [
  ' ',
  'null',
  '[]',
  '""',
  '0',
  '-',
  '{',
  '}',
  "{'problemId': 'hello'}",
  '{problemId: "hello"}',
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": undefined}',
  '{"a": 1,}',
  '/* c */ {}',
  '{"a": "\\x41"}',
  '{"a": "\\u00"}',
  '{"a": "\\ud800"}',
  '{"a": 01}',
  '{"a": 1e999999}',
  '{"a":"b"}{"c":"d"}',
  '\u0000{}',
];

function flipBytes(data: Buffer, random: SeededRandom): Buffer {
  const copy = Buffer.from(data);
  if (copy.length === 0) return copy;
  for (let i = random.between(1, 5); i > 0; i -= 1) copy[random.int(copy.length)] = random.int(256);
  return copy;
}

const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]];

/** The JSON text with an invalid UTF-8 sequence inside a string (or anywhere). */
function withInvalidUtf8(json: string, random: SeededRandom): Buffer {
  const data = Buffer.from(json, 'utf8');
  const quote = data.indexOf('"', random.int(Math.max(1, data.length)));
  const at = quote < 0 ? random.int(data.length + 1) : quote + 1;
  return Buffer.concat([data.subarray(0, at), Buffer.from(random.pick(INVALID_UTF8)), data.subarray(at)]);
}

/** `{"k": …, "k": …}`: the last one wins in JSON.parse; it must still be validated. */
function duplicateKeys(json: string): string {
  if (!json.startsWith('{') || json === '{}') return `{"a":1,"a":{"b":[]}}`;
  return `${json.slice(0, -1)},${json.slice(1)}`;
}
