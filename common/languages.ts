/**
 * The table of languages juez judges (common/languages.yaml), loaded and validated once, and the few
 * questions every service asks of it: which language is this, which file is main, what do I run.
 * Imports only node built-ins and npm packages: common/ depends on nothing else in the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type JSONSchemaType } from 'ajv';
import { parseDocument } from 'yaml';
import { LANGUAGE_FAMILIES, type Language } from './language.js';
import { isMainClassFinder, MAIN_CLASS_FINDERS, type MainClassResult } from './main-class-finders.js';

/**
 * common/languages.yaml is malformed. Nothing can be judged until it is fixed: the message lists every
 * problem, each naming the entry, so that one edit fixes them all.
 */
export class LanguagesFileError extends Error {
  override readonly name = 'LanguagesFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Values substituted into compile and run commands; see the placeholders in common/language.ts. */
export interface CommandValues {
  /** Every source file, in the order they should be passed to the compiler. */
  files: readonly string[];
  main: string;
  mainBase: string;
  /** The class to run, when the language has a `mainClassFinder` and it found one. */
  mainClass?: string;
  memoryMb: number;
}

const PLACEHOLDERS = new Set(['{files}', '{main}', '{mainBase}', '{mainClass}', '{memoryMb}']);
const PLACEHOLDER = /\{[A-Za-z]+\}/g;

const stringList = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } as const;

// Typed as JSONSchemaType<Language> so that the compiler checks the schema against the interface: a field
// added to Language and forgotten here does not compile. `nullable` is what JSONSchemaType demands of
// optional fields; explicit nulls are rejected by checkEntry.
const languageSchema: JSONSchemaType<Language> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'extensions', 'run'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9_+-]*$' },
    name: { type: 'string', minLength: 1 },
    family: { type: 'string', nullable: true, enum: [...LANGUAGE_FAMILIES] },
    extensions: { type: 'array', items: { type: 'string', pattern: '^\\.[^./\\s]+$' } },
    extensionsWhenChosen: { type: 'array', nullable: true, items: { type: 'string', pattern: '^\\.[^./\\s]+$' }, minItems: 1 },
    formatCodes: { type: 'array', nullable: true, items: { type: 'string', pattern: '^[a-z][a-z0-9]*$' }, minItems: 1, uniqueItems: true },
    mainFilePattern: { type: 'string', nullable: true, minLength: 1 },
    compile: { ...stringList, nullable: true },
    compileCheckedByRun: { type: 'boolean', nullable: true },
    mainClassFinder: { type: 'string', nullable: true, minLength: 1 },
    run: stringList,
    packageRun: { ...stringList, nullable: true },
    env: {
      type: 'object',
      nullable: true,
      required: [],
      additionalProperties: { type: 'string' },
    },
    compileTimeLimitS: { type: 'number', nullable: true, exclusiveMinimum: 0 },
    compileMemoryMb: { type: 'integer', nullable: true, minimum: 1 },
    memoryOverheadMb: { type: 'integer', nullable: true, minimum: 0 },
    outOfMemoryPattern: { type: 'string', nullable: true, minLength: 1 },
    maxOpenFiles: { type: 'integer', nullable: true, minimum: 1 },
    versionCommand: { ...stringList, nullable: true },
    versionPattern: { type: 'string', nullable: true, minLength: 1 },
  },
};

const validateLanguage = new Ajv({ allErrors: true }).compile(languageSchema);

/** Where languages.yaml lives: beside this file in the sources, two levels up from dist/common/. */
function defaultLanguagesFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'languages.yaml'), path.join(here, '..', '..', 'common', 'languages.yaml')];
  return candidates.find((file) => existsSync(file)) ?? (candidates[0] as string);
}

let cached: readonly Language[] | undefined;

/**
 * Reads and validates a languages file (default: common/languages.yaml, cached after the first call).
 * @throws LanguagesFileError listing every problem, each naming the entry.
 */
export function loadLanguages(file?: string): readonly Language[] {
  if (file === undefined && cached !== undefined) return cached;
  const source = file ?? defaultLanguagesFile();
  const languages = parseLanguages(readFileSync(source, 'utf8'), source);
  if (file === undefined) cached = languages;
  return languages;
}

/**
 * Validates the text of a languages file. `fileName` only appears in error messages.
 * @throws LanguagesFileError listing every problem found.
 */
export function parseLanguages(text: string, fileName = 'languages.yaml'): readonly Language[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new LanguagesFileError(
      fileName,
      doc.errors.map((e) => `invalid YAML: ${e.message.split('\n')[0] ?? ''}`),
    );
  }
  const data: unknown = doc.toJS();
  if (!Array.isArray(data) || data.length === 0) {
    throw new LanguagesFileError(fileName, ['the file must be a non-empty list of languages']);
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const extensionOwner = new Map<string, string>();
  data.forEach((entry: unknown, index) => {
    const label = describeEntry(entry, index);
    for (const problem of checkEntry(entry)) problems.push(`${label}: ${problem}`);
    if (!validateLanguage(entry)) return;
    if (ids.has(entry.id)) problems.push(`${label}: id '${entry.id}' is used by an earlier entry`);
    ids.add(entry.id);
    for (const extension of entry.extensions) {
      const owner = extensionOwner.get(extension);
      if (owner !== undefined) problems.push(`${label}: extension '${extension}' already belongs to '${owner}'`);
      else extensionOwner.set(extension, entry.id);
    }
  });
  data.forEach((entry: unknown, index) => {
    if (!validateLanguage(entry)) return;
    for (const extension of entry.extensionsWhenChosen ?? []) {
      const owner = extensionOwner.get(extension);
      // An extension no entry owns would make the language's files unrecognisable by name for no reason.
      if (owner === undefined) problems.push(`${describeEntry(entry, index)}: extensionsWhenChosen '${extension}' belongs to no entry: list it in extensions`);
      else if (owner === entry.id) problems.push(`${describeEntry(entry, index)}: extensionsWhenChosen '${extension}' is in its own extensions already`);
    }
  });
  if (problems.length > 0) throw new LanguagesFileError(fileName, problems);
  return Object.freeze(data as Language[]);
}

function describeEntry(entry: unknown, index: number): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `entry ${index + 1} (${id})` : `entry ${index + 1}`;
}

/** Every problem of one entry: schema violations first, then what a schema cannot say. */
function checkEntry(entry: unknown): string[] {
  if (!validateLanguage(entry)) {
    return (validateLanguage.errors ?? []).map((e) => {
      const where = e.instancePath === '' ? '' : `${e.instancePath.slice(1).replaceAll('/', '.')} `;
      const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
      return `${where}${e.message ?? 'is invalid'}${extra}`;
    });
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (value === null) problems.push(`${key} must not be null (leave it out instead)`);
  }
  for (const key of ['mainFilePattern', 'outOfMemoryPattern', 'versionPattern'] as const) {
    const pattern = entry[key];
    if (typeof pattern === 'string' && !isRegExp(pattern)) problems.push(`${key} is not a valid regular expression`);
  }
  if (entry.compileCheckedByRun === true && entry.compile === undefined) problems.push('compileCheckedByRun needs a compile command');
  if (entry.extensions.length === 0 && entry.extensionsWhenChosen === undefined) problems.push('needs extensions, or extensionsWhenChosen');
  if (entry.mainClassFinder !== undefined && !isMainClassFinder(entry.mainClassFinder)) {
    problems.push(`mainClassFinder '${entry.mainClassFinder}' is none of juez's (${Object.keys(MAIN_CLASS_FINDERS).join(', ')})`);
  }
  for (const key of ['compile', 'run', 'packageRun'] as const) {
    for (const arg of entry[key] ?? []) {
      for (const placeholder of arg.match(PLACEHOLDER) ?? []) {
        if (!PLACEHOLDERS.has(placeholder)) problems.push(`${key} uses unknown placeholder ${placeholder}`);
        if (placeholder === '{mainClass}' && entry.mainClassFinder === undefined) problems.push(`${key} uses {mainClass} but no mainClassFinder says how to find it`);
      }
      // {files} becomes several arguments, so it cannot be glued to other text.
      if (arg.includes('{files}') && arg !== '{files}') problems.push(`${key}: {files} must be an argument on its own`);
    }
  }
  return problems;
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The language with this id, or undefined. */
export function findLanguage(id: string, languages: readonly Language[] = loadLanguages()): Language | undefined {
  return languages.find((language) => language.id === id);
}

/**
 * The language a file belongs to by its extension (case-insensitive: `Main.JAVA` is Java), or undefined.
 * Only `extensions` count, each owned by one entry: `.pl` is Prolog and `.py` CPython whatever the order of
 * the entries; Perl and PyPy take them only when chosen (`extensionsWhenChosen`).
 */
export function languageForFile(
  fileName: string,
  languages: readonly Language[] = loadLanguages(),
): Language | undefined {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === '') return undefined;
  return languages.find((language) => language.extensions.includes(extension));
}

/**
 * Substitutes the placeholders of a compile or run command. `{files}` (a whole argument) becomes one
 * argument per file; the others are replaced wherever they appear (`-Xmx{memoryMb}m`).
 */
export function expandCommand(argv: readonly string[], values: CommandValues): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (arg === '{files}') {
      out.push(...values.files);
      continue;
    }
    out.push(
      arg.replace(PLACEHOLDER, (placeholder) => {
        switch (placeholder) {
          case '{main}':
            return values.main;
          case '{mainBase}':
            return values.mainBase;
          case '{mainClass}':
            // Absent only when the finder found no class to run: such a program gets CE and never runs.
            return values.mainClass ?? placeholder;
          case '{memoryMb}':
            return String(values.memoryMb);
          default:
            // loadLanguages rejects unknown placeholders; text such as `{x}` in a hand-made argv is kept.
            return placeholder;
        }
      }),
    );
  }
  return out;
}

/** Whether `fileName` is a source file of `language`: its extensions, and those it takes when chosen. */
export function isSourceOf(language: Language, fileName: string): boolean {
  const extension = path.extname(fileName).toLowerCase();
  return language.extensions.includes(extension) || (language.extensionsWhenChosen?.includes(extension) ?? false);
}

/** `{mainBase}` of a main file: its name without directory and extension (`src/Main.java` → `Main`). */
export function mainBaseOf(main: string): string {
  const base = path.posix.basename(main);
  return base.slice(0, base.length - path.posix.extname(base).length);
}

/**
 * Picks the main file of a submission: among the files with one of the language's extensions (all files
 * if none has one), the first in name order whose content matches `mainFilePattern`, else the first in
 * name order. Name order is plain code-unit order, the same on every machine.
 * @throws RangeError when `files` is empty (a submission without files must be refused before this).
 */
export function chooseMainFile(
  language: Language,
  files: readonly { name: string; content: Buffer | string }[],
): string {
  const sources = files.filter((f) => isSourceOf(language, f.name));
  const candidates = [...(sources.length > 0 ? sources : files)].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const first = candidates[0];
  if (first === undefined) throw new RangeError('chooseMainFile needs at least one file');
  if (language.mainFilePattern !== undefined) {
    const pattern = new RegExp(language.mainFilePattern);
    const main = candidates.find((f) => pattern.test(f.content.toString()));
    if (main !== undefined) return main.name;
  }
  return first.name;
}

/**
 * The class a program in `language` runs as (`{mainClass}`), found by the language's `mainClassFinder` in
 * its sources; undefined when the language has no finder.
 */
export function findMainClass(
  language: Language,
  files: readonly { name: string; content: Buffer | string }[],
): MainClassResult | undefined {
  if (language.mainClassFinder === undefined) return undefined;
  const finder = MAIN_CLASS_FINDERS[language.mainClassFinder];
  if (finder === undefined) throw new TypeError(`${language.id}: unknown mainClassFinder '${language.mainClassFinder}'`);
  // As for the compiler's {files}: all files when none has one of the extensions (a language chosen explicitly).
  const sources = files.filter((f) => isSourceOf(language, f.name));
  return finder((sources.length > 0 ? sources : files).map((f) => ({ name: f.name, content: f.content.toString() })));
}
