/**
 * problem.yaml, in the legacy Kattis format and in the 2023-07 ICPC format, turned into juez settings.
 * Both formats are read by one function: they differ in a handful of keys, told apart below.
 */
import { parseDocument } from 'yaml';
import type { TimeMultipliers, ValidationMode } from './problem.js';
import { readLimits, type YamlLimits } from './read-limits.js';

/** What problem.yaml says, before the rest of the package is known. */
export interface ProblemSettings {
  format: 'legacy' | '2023-07';
  name?: string;
  type: 'pass-fail' | 'scoring';
  /**
   * Undefined: custom iff the package has an output validator. That is the 2023-07 rule for a problem
   * neither interactive nor multi-pass, and the fallback after a bad legacy `validation` was reported.
   */
  validation?: ValidationMode;
  validatorFlags: string[];
  /** `limits.time_limit`, seconds. */
  timeLimitS?: number;
  /** The format's multipliers (legacy or 2023-07 keys, defaults of the package's format). */
  timeMultipliers: TimeMultipliers;
  limits: YamlLimits;
  /**
   * Legacy problem.yaml `grading` keys that problemtools still applies to every test data group, over what
   * testdata.yaml says (deprecated there, still found in published packages): testdata.yaml keys and values,
   * `on_reject: first_error` / `grade` already turned into `break` / `continue`. Empty when there are none.
   */
  groupGradingOverrides: Record<string, unknown>;
  /**
   * `languages`: the format's language codes the problem allows (lower case, each once, in the order given);
   * undefined for `all`, the default. Which of juez's languages they are is readAllowedLanguages' business.
   */
  languages?: string[];
}

type Report = (message: string) => void;

/**
 * Reads problem.yaml. Every problem is passed to `report` (a message without the file name) and a usable
 * default is taken in its place, so that one reading lists all problems. An empty file is all defaults.
 * What the author should fix but that does not stop judging goes to `warn`. Limits: see readLimits.
 */
export function parseProblemYaml(text: string, report: Report, warn: Report = () => {}): ProblemSettings {
  const data = parseYamlMapping(text, report) ?? {};
  const format = readFormat(data['problem_format_version'], report);
  const settings: ProblemSettings = { format, type: 'pass-fail', validatorFlags: [], groupGradingOverrides: {}, ...readLimits(data['limits'], format, report, warn) };
  settings.name = readName(data['name'], report);
  const kinds = readTypes(data['type'], format, report);
  settings.type = kinds.has('scoring') ? 'scoring' : 'pass-fail';
  if (format === 'legacy') settings.validation = readLegacyValidation(data['validation'], report);
  else if (kinds.has('interactive')) settings.validation = 'custom-interactive';
  else if (kinds.has('multi-pass')) settings.validation = 'custom-multipass';
  settings.validatorFlags = readValidatorFlags(data, report);
  settings.groupGradingOverrides = readGradingOverrides(data['grading'], report, warn);
  const languages = readLanguageCodes(data['languages'], format, report, warn);
  if (languages !== undefined) settings.languages = languages;
  warnUnknownKeys(data, warn);
  return settings;
}

/**
 * Top-level keys of problem.yaml in the legacy and 2023-07 formats (and the draft between them). Most are
 * metadata juez has no use for; all are accepted, since packages carry them as published.
 */
const KNOWN_KEYS = new Set([
  'problem_format_version', 'type', 'name', 'uuid', 'version', 'author', 'credits', 'source', 'source_url',
  'license', 'rights_owner', 'embargo_until', 'limits', 'validation', 'validator_flags', 'output_validator_args',
  'input_validator_args', 'keywords', 'languages', 'allow_file_writing', 'constants', 'grading', 'scoring',
  'show_test_data_groups',
]);

/** problem.yaml `grading` keys that mean something to the judge, and what problemtools makes of them. */
const GRADING_OVERRIDES = new Set(['accept_score', 'reject_score', 'range', 'on_reject']);
/** `grading` keys about presentation (and the 2023-07 draft's), accepted and without effect on a verdict. */
const GRADING_OTHER_KEYS = new Set(['objective', 'show_test_data_groups', 'custom_scoring']);

/**
 * Legacy `grading` in problem.yaml: accept_score, reject_score and range are copied to every group, and
 * on_reject is `first_error` (break) or `grade` (continue), as problemtools' TestCaseGroup does.
 */
function readGradingOverrides(value: unknown, report: Report, warn: Report): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(`grading must be a mapping, got ${show(value)}`);
    return {};
  }
  const overrides: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'on_reject') {
      if (item === 'first_error' || item === 'break') overrides[key] = 'break';
      else if (item === 'grade' || item === 'continue') overrides[key] = 'continue';
      else report(`grading.on_reject must be 'first_error' or 'grade', got ${show(item)}`);
    } else if (GRADING_OVERRIDES.has(key)) overrides[key] = item;
    else if (!GRADING_OTHER_KEYS.has(key)) warn(`grading.${key} is not a key of grading: ignored`);
  }
  return overrides;
}

/** An unknown key is a warning, not a failure: the format is tolerant, and a typo is still worth a word. */
function warnUnknownKeys(data: Record<string, unknown>, warn: Report): void {
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) warn(`${key} is not a key of the format: ignored`);
  }
}

/** YAML text that must be a mapping (or empty), or undefined after reporting why it is not. */
export function parseYamlMapping(text: string, report: Report): Record<string, unknown> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) report(`invalid YAML: ${(error.message.split('\n')[0] ?? '').replace(/:$/, '')}`);
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    // yaml refuses alias bombs and the like while building values.
    report('invalid YAML: too many aliases or an unresolvable alias');
    return undefined;
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    report('must be a mapping of keys to values');
    return undefined;
  }
  return data as Record<string, unknown>;
}

function readFormat(value: unknown, report: Report): ProblemSettings['format'] {
  if (value === undefined || value === 'legacy' || value === 'legacy-icpc') return 'legacy';
  if (value === '2023-07' || value === '2023-07-draft' || value === 'draft') return '2023-07';
  report(`problem_format_version must be 'legacy' or '2023-07', got ${show(value)}`);
  return 'legacy';
}

function readName(value: unknown, report: Report): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  // 2023-07: one name per language, `name: { en: Hello }`; English first, else the first given.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const names = value as Record<string, unknown>;
    const name = names['en'] ?? Object.values(names)[0];
    if (typeof name === 'string' && name.trim() !== '') return name.trim();
  }
  report('name must be a text, or a mapping from language code to text');
  return undefined;
}

const TYPES = ['pass-fail', 'scoring', 'interactive', 'multi-pass'];

function readTypes(value: unknown, format: ProblemSettings['format'], report: Report): Set<string> {
  if (value === undefined) return new Set(['pass-fail']);
  if (format === 'legacy') {
    if (value === 'pass-fail' || value === 'scoring') return new Set([value]);
    report(`type must be 'pass-fail' or 'scoring', got ${show(value)}`);
    return new Set(['pass-fail']);
  }
  const list = typeof value === 'string' ? value.split(/\s+/) : value;
  if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || !TYPES.includes(t))) {
    const unsupported = Array.isArray(list) || typeof value === 'string' ? ` (${show(value)})` : '';
    report(`type must be one or more of ${TYPES.join(', ')}${unsupported}`);
    return new Set(['pass-fail']);
  }
  const kinds = new Set(list as string[]);
  if (kinds.has('pass-fail') && kinds.has('scoring')) report("type cannot be both 'pass-fail' and 'scoring'");
  if (kinds.has('interactive') && kinds.has('multi-pass')) report('interactive multi-pass problems are not supported by juez');
  return kinds;
}

/**
 * Legacy `validation`: `default`, or `custom` with optional `interactive` / `multi-pass` (`multipass`;
 * a bare `multi-pass` means `custom multi-pass`). Undefined after a report: then whether the package
 * has a validator decides, which avoids a second, confusing report about it.
 */
function readLegacyValidation(value: unknown, report: Report): ValidationMode | undefined {
  if (value === undefined || value === 'default') return 'default';
  const expected = "validation must be 'default', 'custom', 'custom interactive' or 'custom multi-pass'";
  const words = typeof value === 'string' ? value.trim().split(/\s+/).map((w) => (w === 'multipass' ? 'multi-pass' : w)) : [];
  if (words[0] === 'custom') words.shift();
  else if (!(words.length === 1 && words[0] === 'multi-pass')) {
    report(`${expected}, got ${show(value)}`);
    return undefined;
  }
  const modifiers = new Set(words);
  if (modifiers.has('score')) {
    report('validation with score (scores reported by the validator) is not supported by juez');
  } else if (words.some((w) => w !== 'interactive' && w !== 'multi-pass') || words.length !== modifiers.size) {
    report(`${expected}, got ${show(value)}`);
  } else if (modifiers.size === 2) {
    report('interactive multi-pass problems are not supported by juez');
  } else {
    return modifiers.has('interactive') ? 'custom-interactive' : modifiers.has('multi-pass') ? 'custom-multipass' : 'custom';
  }
  return undefined;
}

/**
 * `languages`: `all` or language codes, a space-separated text (legacy) or a list (2023-07). Either shape is
 * read in either format, as published packages mix them. A list that names nothing is an error: no
 * submission could ever be judged.
 */
function readLanguageCodes(value: unknown, format: ProblemSettings['format'], report: Report, warn: Report): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (items === undefined || items.some((item) => typeof item !== 'string')) {
    const shape = format === 'legacy' ? 'a text of space-separated language codes' : 'a list of language codes';
    report(`languages must be 'all' or ${shape}, got ${show(value)}`);
    return undefined;
  }
  const codes = [...new Set((items as string[]).flatMap((item) => item.toLowerCase().split(/\s+/)).filter((code) => code !== ''))];
  if (codes.length === 0) {
    report("languages names no language: give 'all' or at least one language code");
    return undefined;
  }
  if (!codes.includes('all')) return codes;
  if (codes.length > 1) warn(`languages gives 'all' with other codes (${codes.filter((c) => c !== 'all').join(' ')}): every language is allowed`);
  return undefined;
}

/** Legacy `validator_flags` (a string) or 2023-07 `output_validator_args` (a string or a list). */
function readValidatorFlags(data: Record<string, unknown>, report: Report): string[] {
  const legacy = data['validator_flags'];
  const modern = data['output_validator_args'];
  if (legacy !== undefined && modern !== undefined) {
    report('validator_flags and output_validator_args are the same setting: give only one');
  }
  const [key, value] = legacy !== undefined ? ['validator_flags', legacy] : ['output_validator_args', modern];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter((flag) => flag !== '');
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  report(`${key} must be a text of space-separated flags${key === 'output_validator_args' ? ' or a list of them' : ''}`);
  return [];
}

/** A value quoted for a message, cut short. */
export function show(value: unknown): string {
  // JSON.stringify turns .inf and .nan into `null`, which is not what the author wrote.
  const text =
    typeof value === 'string' ? `'${value}'` : typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
