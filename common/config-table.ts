/**
 * Configuration as a table (after Piston's config.js): every setting is one row with the environment
 * variable that sets it, a description, a default, a parser and an optional validator. `loadConfig` reads
 * the whole table at once and throws one ConfigError listing every problem, so an operator fixes them all
 * in one go instead of restarting once per mistake.
 *
 * Usage:
 *   const table = {
 *     port: { name: 'JUEZ_HTTP_PORT', description: 'HTTP port', default: 8080, parse: parsers.integer,
 *             validate: validators.range(1, 65535) },
 *     secret: { name: 'JUEZ_SECRET', description: 'shared secret (required)', parse: parsers.string,
 *               secret: true },
 *   } satisfies ConfigTable;
 *   const config = loadConfig(table, process.env); // { port: number; secret: string }
 *
 * Only a service's main.ts / config.ts passes `process.env` in; everything else receives the typed object.
 */

/** One setting. */
export interface ConfigEntry<T> {
  /** Environment variable, e.g. `JUEZ_HTTP_PORT`. */
  name: string;
  /** One line for people: what it does, its unit. */
  description: string;
  /**
   * Value when the variable is unset or empty. Leave it out to make the variable required; give
   * `default: undefined` (with T including undefined) for an optional setting without a value.
   */
  default?: T;
  /** Turns the raw text into a value; throws an Error whose message says what is wrong. */
  parse: (raw: string) => T;
  /** Checks a parsed (or default) value; returns what is wrong, or undefined when it is fine. */
  validate?: (value: T) => string | undefined;
  /** Never echo the raw value in error messages or descriptions. */
  secret?: boolean;
}

// `any` here lets a table mix entries of different value types; ConfigOf recovers each one's type.
export type ConfigTable = Record<string, ConfigEntry<any>>;

/** The typed configuration object a table produces. */
export type ConfigOf<T extends ConfigTable> = { readonly [K in keyof T]: T[K] extends ConfigEntry<infer V> ? V : never };

/** The configuration is invalid. `problems` has one line per problem, each naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads every entry of `table` from `env`, then, when every entry was valid, runs `check` (cross-field
 * rules, e.g. "one of A or B") on the result.
 * @throws ConfigError listing every problem found.
 */
export function loadConfig<T extends ConfigTable>(
  table: T,
  env: Readonly<Record<string, string | undefined>>,
  check?: (config: ConfigOf<T>) => string[],
): ConfigOf<T> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(table)) {
    const raw = env[entry.name];
    let value: unknown;
    if (raw === undefined || raw.trim() === '') {
      if (!('default' in entry)) {
        problems.push(`${entry.name} is required (${entry.description})`);
        continue;
      }
      value = entry.default;
    } else {
      try {
        value = entry.parse(raw.trim());
      } catch (error) {
        const shown = entry.secret === true ? '' : ` (got ${JSON.stringify(raw)})`;
        problems.push(`${entry.name}: ${error instanceof Error ? error.message : String(error)}${shown}`);
        continue;
      }
    }
    const problem = value === undefined ? undefined : entry.validate?.(value);
    if (problem !== undefined) {
      problems.push(`${entry.name}: ${problem}`);
      continue;
    }
    config[key] = value;
  }
  if (problems.length === 0 && check !== undefined) problems.push(...check(config as ConfigOf<T>));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config) as ConfigOf<T>;
}

/** A Markdown table of the settings (for READMEs and `--help`); secret defaults are not shown. */
export function describeConfig(table: ConfigTable): string {
  const rows = Object.values(table).map((entry) => {
    const fallback = !('default' in entry)
      ? '(required)'
      : entry.default === undefined
        ? '(unset)'
        : entry.secret === true
          ? '(hidden)'
          : `\`${JSON.stringify(entry.default)}\``;
    return `| \`${entry.name}\` | ${entry.description} | ${fallback} |`;
  });
  return ['| variable | description | default |', '|---|---|---|', ...rows].join('\n');
}

/** Parsers for the usual kinds of values. Each throws an Error saying what it expected. */
export const parsers = {
  string: (raw: string): string => raw,
  integer: (raw: string): number => {
    if (!/^-?\d+$/.test(raw)) throw new Error('expected an integer');
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw new Error('integer out of range');
    return value;
  },
  number: (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error('expected a number');
    return value;
  },
  boolean: (raw: string): boolean => {
    const lower = raw.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    throw new Error('expected true or false');
  },
  /** A URL; the protocols allowed are checked, e.g. parsers.url(['redis:', 'rediss:']). */
  url:
    (protocols: readonly string[]) =>
    (raw: string): string => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error('expected a URL');
      }
      if (!protocols.includes(url.protocol)) throw new Error(`expected a ${protocols.join(' or ')} URL`);
      return raw;
    },
  /** Comma-separated list, items trimmed, empty items dropped. */
  list: (raw: string): string[] =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  /** One of a fixed set of words. */
  oneOf:
    <const W extends string>(words: readonly W[]) =>
    (raw: string): W => {
      if (!(words as readonly string[]).includes(raw)) throw new Error(`expected one of ${words.join(', ')}`);
      return raw as W;
    },
  /** `key=value` pairs separated by commas, e.g. `lms=https://lms.example/hook,moodle=https://…`. */
  keyValues: (raw: string): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const pair of parsers.list(raw)) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`expected key=value pairs, got ${JSON.stringify(pair)}`);
      result[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return result;
  },
};

/** Validators for parsed values. Each returns what is wrong, or undefined. */
export const validators = {
  range:
    (min: number, max = Number.POSITIVE_INFINITY) =>
    (value: number): string | undefined =>
      value < min || value > max
        ? `must be ${max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`}`
        : undefined,
  nonEmpty: (value: string | readonly unknown[]): string | undefined =>
    value.length === 0 ? 'must not be empty' : undefined,
};
