/**
 * problem.yaml's `limits`, legacy and 2023-07, as the format defines them. The installation's maxima are
 * applied later (capLimits), where the package's warnings are kept.
 */
import type { ProblemLimits, TimeMultipliers } from './problem.js';
import { show } from './problem-yaml.js';
import { LEGACY_TIME_MULTIPLIERS, MODERN_TIME_MULTIPLIERS } from './time-limit.js';

/** The limits problem.yaml sets directly; the time limit's fields are decided with the rest of the package. */
export type YamlLimits = Omit<ProblemLimits, 'timeMs' | 'timeSource' | 'timeMultipliers' | 'wallMs' | 'wallOvershoot'>;

/** Limits a package gets when problem.yaml does not set them: the format's defaults (problemtools). */
export const DEFAULT_LIMITS: Readonly<YamlLimits> = Object.freeze({
  memoryMb: 1024,
  outputKb: 8 * 1024,
  codeKb: 128,
  compileTimeS: 60,
  compileMemoryMb: 1024,
  compileOutputBytes: 64 * 1024,
  validatorTimeS: 60,
  validatorMemoryMb: 1024,
  validationPasses: 2,
});

/** What `limits` says. */
export interface LimitSettings {
  /** `limits.time_limit`, seconds. */
  timeLimitS?: number;
  timeMultipliers: TimeMultipliers;
  limits: YamlLimits;
}

type Report = (message: string) => void;

/** `limits` keys that set a field: key, the field, and how a MiB / seconds value becomes that field. */
const FIELD_LIMITS: readonly { key: string; field: keyof YamlLimits | 'timeLimitS'; scale: number }[] = [
  { key: 'time_limit', field: 'timeLimitS', scale: 1 },
  { key: 'memory', field: 'memoryMb', scale: 1 },
  { key: 'output', field: 'outputKb', scale: 1024 },
  { key: 'code', field: 'codeKb', scale: 1 }, // the format gives code size in KiB, unlike memory and output
  { key: 'compilation_time', field: 'compileTimeS', scale: 1 },
  { key: 'compilation_memory', field: 'compileMemoryMb', scale: 1 },
  { key: 'validation_time', field: 'validatorTimeS', scale: 1 },
  { key: 'validation_memory', field: 'validatorMemoryMb', scale: 1 },
  { key: 'validation_passes', field: 'validationPasses', scale: 1 },
];

/** Keys of the time-limit multipliers, by the format that defines them. */
const LEGACY_KEYS = ['time_multiplier', 'time_safety_margin'];
const MODERN_KEYS = ['time_multipliers', 'time_resolution'];
/** Accepted and checked, not used: juez limits a validator's output by its own scratch space. */
const UNUSED_KEYS = ['validation_output'];

const KNOWN_KEYS = [...FIELD_LIMITS.map((l) => l.key), ...LEGACY_KEYS, ...MODERN_KEYS, ...UNUSED_KEYS];

/**
 * Reads `limits`. A malformed value is passed to `report` and its default taken; an unknown key, or a
 * multiplier key of the other format version (ignored: the package's format decides the rule), to `warn`.
 * Memory, time and sizes are taken as asked: the installation's maxima lower them later, with a warning.
 */
export function readLimits(value: unknown, format: 'legacy' | '2023-07', report: Report, warn: Report): LimitSettings {
  const multipliers = { ...(format === 'legacy' ? LEGACY_TIME_MULTIPLIERS : MODERN_TIME_MULTIPLIERS) };
  const settings: LimitSettings = { timeMultipliers: multipliers, limits: { ...DEFAULT_LIMITS } };
  if (value === undefined || value === null) return settings;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('limits must be a mapping');
    return settings;
  }
  const limits = value as Record<string, unknown>;
  for (const key of Object.keys(limits)) {
    if (!KNOWN_KEYS.includes(key)) warn(`limits.${key} is not a limit of the format: ignored (known: ${KNOWN_KEYS.join(', ')})`);
  }
  for (const { key, field, scale } of FIELD_LIMITS) {
    const integer = key === 'validation_passes';
    const raw = positive(limits, key, report, integer);
    if (raw === undefined) continue;
    if (field === 'timeLimitS') settings.timeLimitS = raw;
    else settings.limits[field] = integer ? raw : Math.round(raw * scale);
  }
  positive(limits, 'validation_output', report);
  const [own, other] = format === 'legacy' ? [LEGACY_KEYS, MODERN_KEYS] : [MODERN_KEYS, LEGACY_KEYS];
  for (const key of other) {
    if (limits[key] !== undefined) warn(`limits.${key} belongs to the ${format === 'legacy' ? '2023-07' : 'legacy'} format: ignored`);
  }
  if (own === LEGACY_KEYS) {
    multipliers.acToTimeLimit = positive(limits, 'time_multiplier', report) ?? multipliers.acToTimeLimit;
    multipliers.timeLimitToTle = positive(limits, 'time_safety_margin', report) ?? multipliers.timeLimitToTle;
  } else {
    readTimeMultipliers(limits['time_multipliers'], multipliers, report, warn);
    const resolution = positive(limits, 'time_resolution', report);
    if (resolution !== undefined) multipliers.timeResolutionMs = Math.round(resolution * 1000);
  }
  return settings;
}

/** 2023-07 `limits.time_multipliers`: a mapping of `ac_to_time_limit` and `time_limit_to_tle`. */
function readTimeMultipliers(value: unknown, multipliers: TimeMultipliers, report: Report, warn: Report): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('limits.time_multipliers must be a mapping with ac_to_time_limit and time_limit_to_tle');
    return;
  }
  const mapping = value as Record<string, unknown>;
  for (const key of Object.keys(mapping)) {
    if (key !== 'ac_to_time_limit' && key !== 'time_limit_to_tle') warn(`limits.time_multipliers.${key} is not a multiplier of the format: ignored`);
  }
  const acToTimeLimit = positive(mapping, 'ac_to_time_limit', report, false, 'limits.time_multipliers.');
  const timeLimitToTle = positive(mapping, 'time_limit_to_tle', report, false, 'limits.time_multipliers.');
  if (acToTimeLimit !== undefined) multipliers.acToTimeLimit = acToTimeLimit;
  if (timeLimitToTle !== undefined) multipliers.timeLimitToTle = timeLimitToTle;
}

/** `mapping[key]` when it is a positive (whole) number; undefined when absent, or after reporting it. */
function positive(
  mapping: Record<string, unknown>,
  key: string,
  report: Report,
  integer = false,
  prefix = 'limits.',
): number | undefined {
  const raw = mapping[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0 || (integer && !Number.isInteger(raw))) {
    report(`${prefix}${key} must be a positive ${integer ? 'whole number' : 'number'}, got ${show(raw)}`);
    return undefined;
  }
  return raw;
}
