/**
 * One testdata.yaml (or 2023-07 test_group.yaml) read over the settings its folder inherits.
 */
import { KNOWN_GRADER_FLAGS, parseGraderFlags, SCORE_MODES } from './grader-flags.js';
import { show } from './problem-yaml.js';
import type { GroupGrading, InputValidatorFlags } from './problem.js';

/** The format's defaults: what data/ has when data/testdata.yaml says nothing. */
export const DEFAULT_GROUP_GRADING: Readonly<GroupGrading> = Object.freeze({
  acceptScore: 1,
  rejectScore: 0,
  onReject: 'break',
  grading: 'default',
  graderFlags: [],
  range: { min: -Infinity, max: Infinity },
  outputValidatorFlags: [],
});

/**
 * Keys with no effect on judging, accepted silently: visualizers are not run, `full_feedback` and
 * `static_validation` concern what contestants see and package checks.
 */
const IGNORED_KEYS = new Set(['test_case_visualizer_args', 'output_visualizer_args', 'full_feedback', 'static_validation']);

export interface GradingReport {
  /** Something that makes the package unjudgeable. */
  error(message: string): void;
  /** Something the author should fix, which does not stop judging. */
  warn(message: string): void;
}

/**
 * `inherited` with the keys that `data` (a parsed testdata.yaml) sets. A key it does not set keeps the
 * inherited value: problemtools inherits testdata.yaml per key from the parent group, and so does juez.
 *
 * Legacy keys: `on_reject`, `grading`, `grader_flags`, `output_validator_flags`, `accept_score`,
 * `reject_score`, `range`, `input_validator_flags` (for `judge-cli verify`'s input validators only). 2023-07
 * keys: `output_validator_args` (a list, or a string) as output_validator_flags, `input_validator_args` as
 * input_validator_flags, and `scoring` with `score` (the accept score) and `aggregation` (`sum` or `min`: the
 * score mode of the default grader). Unknown keys warn.
 */
export function readGroupGrading(data: Record<string, unknown>, inherited: GroupGrading, report: GradingReport): GroupGrading {
  const settings: GroupGrading = { ...inherited };
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'accept_score':
      case 'reject_score': {
        const score = readNumber(value);
        if (score === undefined) report.error(`${key} must be a number, got ${show(value)}`);
        else settings[key === 'accept_score' ? 'acceptScore' : 'rejectScore'] = score;
        break;
      }
      case 'on_reject':
        if (value === 'break' || value === 'continue') settings.onReject = value;
        else report.error(`on_reject must be 'break' or 'continue', got ${show(value)}`);
        break;
      case 'grading':
        if (value === 'default' || value === 'custom') settings.grading = value;
        else report.error(`grading must be 'default' or 'custom', got ${show(value)}`);
        break;
      case 'grader_flags':
        settings.graderFlags = readFlags(key, value, report) ?? settings.graderFlags;
        break;
      case 'output_validator_flags':
      case 'output_validator_args':
        settings.outputValidatorFlags = readFlags(key, value, report) ?? settings.outputValidatorFlags;
        break;
      case 'input_validator_flags':
      case 'input_validator_args':
        settings.inputValidatorFlags = readInputValidatorFlags(key, value, report) ?? settings.inputValidatorFlags;
        break;
      case 'range': {
        const range = readRange(value);
        if (range === undefined) report.error(`range must be two numbers "min max" (inf, -inf, +inf allowed), got ${show(value)}`);
        else settings.range = range;
        break;
      }
      case 'scoring':
        readScoring(value, settings, report);
        break;
      default:
        if (!IGNORED_KEYS.has(key)) report.warn(`${key} is not a key of testdata.yaml: ignored`);
    }
  }
  if (settings.grading === 'default' && 'grader_flags' in data) {
    const { unknown } = parseGraderFlags(settings.graderFlags);
    if (unknown.length > 0) {
      report.warn(`grader_flags ${unknown.join(' ')}: not a flag of the default grader, ignored (known: ${KNOWN_GRADER_FLAGS.join(' ')})`);
    }
  }
  return settings;
}

/** 2023-07 `scoring: { score, aggregation }`. */
function readScoring(value: unknown, settings: GroupGrading, report: GradingReport): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report.error(`scoring must be a mapping (score, aggregation), got ${show(value)}`);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'score') {
      const score = readNumber(item);
      if (score === undefined) report.error(`scoring.score must be a number, got ${show(item)}`);
      else settings.acceptScore = score;
    } else if (key === 'aggregation') {
      if (item === 'sum' || item === 'min') {
        // Replaces an inherited score mode, keeps the other flags.
        const others = settings.graderFlags.filter((flag) => !SCORE_MODES.includes(flag));
        settings.graderFlags = [...others, item];
      } else report.error(`scoring.aggregation must be 'sum' or 'min', got ${show(item)}`);
    } else report.warn(`scoring.${key} is not a key of scoring: ignored`);
  }
}

/** A score: a YAML number, or a string holding one (the legacy format types these keys as strings). */
function readNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Flags as a string (split at whitespace) or a list of strings. */
function readFlags(key: string, value: unknown, report: GradingReport): string[] | undefined {
  const flags = flagList(value);
  if (flags === undefined) report.error(`${key} must be a string of flags, got ${show(value)}`);
  return flags;
}

/**
 * Input validator flags: flags for every validator (as output_validator_flags), or a mapping from a validator's
 * name to its own flags (2023-07). A bad value only warns: judging never runs input validators.
 */
function readInputValidatorFlags(key: string, value: unknown, report: GradingReport): InputValidatorFlags | undefined {
  const ignore = (): undefined => {
    report.warn(`${key} must be a string or list of flags, or a mapping from validator name to flags, got ${show(value)}: ignored`);
    return undefined;
  };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const byValidator: Record<string, string[]> = {};
    for (const [name, flags] of Object.entries(value as Record<string, unknown>)) {
      const list = flagList(flags);
      if (list === undefined) return ignore();
      byValidator[name] = list;
    }
    return { byValidator };
  }
  const all = flagList(value);
  return all === undefined ? ignore() : { all };
}

/** Flags as a string (split at whitespace) or a list of strings; undefined for anything else. */
function flagList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\s+/).filter((flag) => flag !== '');
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.every((flag) => typeof flag === 'string' || typeof flag === 'number')) return value.map(String);
  if (value === null) return [];
  return undefined;
}

function readRange(value: unknown): { min: number; max: number } | undefined {
  const parts = typeof value === 'string' ? value.trim().split(/\s+/) : Array.isArray(value) ? value.map(String) : [];
  if (parts.length !== 2) return undefined;
  const [min, max] = parts.map(readBound);
  if (min === undefined || max === undefined || Number.isNaN(min) || Number.isNaN(max) || min > max) return undefined;
  return { min, max };
}

function readBound(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return text.trim() === '' ? Number.NaN : Number(text);
}
