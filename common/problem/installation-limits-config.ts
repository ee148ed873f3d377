/**
 * The rows of a service's configuration table that set the installation's maxima (InstallationLimits).
 * The dispatcher and the executor spread them into their own tables, so that both read a package with
 * the same caps: the dispatcher to refuse an oversized submission and show the limits, the executor to judge.
 */
import { parsers, validators, type ConfigOf, type ConfigTable } from '../config-table.js';
import { DEFAULT_INSTALLATION_LIMITS, type InstallationLimits } from './installation-limits.js';

const D = DEFAULT_INSTALLATION_LIMITS;

export const INSTALLATION_LIMITS_CONFIG_TABLE = {
  maxMemoryMb: {
    name: 'JUEZ_MAX_MEMORY_MB',
    description: "Most memory a program may have for its data, MiB (a runtime's overhead comes on top); a package asking more is lowered to it, with a warning",
    default: D.maxMemoryMb,
    parse: parsers.integer,
    validate: validators.range(16, 16 * 1024),
  },
  maxOutputMb: {
    name: 'JUEZ_MAX_OUTPUT_MB',
    description: "Most output a program may write per test case, MiB; caps a package's limits.output",
    default: D.maxOutputMb,
    parse: parsers.integer,
    validate: validators.range(1, 1024),
  },
  maxCodeKb: {
    name: 'JUEZ_MAX_CODE_KB',
    description: "Largest submission, KiB, all files together; caps a package's limits.code",
    default: D.maxCodeKb,
    parse: parsers.integer,
    validate: validators.range(1, 64 * 1024),
  },
  maxTimeLimitS: {
    name: 'JUEZ_MAX_TIME_LIMIT_S',
    description: "Longest CPU time limit per test case, s; caps a package's limits.time_limit or .timelimit",
    default: D.maxTimeLimitS,
    parse: parsers.number,
    validate: validators.range(0.1, 3600),
  },
  maxCompileTimeS: {
    name: 'JUEZ_MAX_COMPILE_TIME_S',
    description: "Longest compilation, s; caps a package's limits.compilation_time",
    default: D.maxCompileTimeS,
    parse: parsers.integer,
    validate: validators.range(1, 3600),
  },
  maxCompileMemoryMb: {
    name: 'JUEZ_MAX_COMPILE_MEMORY_MB',
    description: "Most memory for a compiler, MiB; caps a package's limits.compilation_memory",
    default: D.maxCompileMemoryMb,
    parse: parsers.integer,
    validate: validators.range(64, 16 * 1024),
  },
  maxValidationTimeS: {
    name: 'JUEZ_MAX_VALIDATION_TIME_S',
    description: "Longest run of an output validator per test case, s; caps a package's limits.validation_time",
    default: D.maxValidationTimeS,
    parse: parsers.integer,
    validate: validators.range(1, 3600),
  },
  maxValidationMemoryMb: {
    name: 'JUEZ_MAX_VALIDATION_MEMORY_MB',
    description: "Most memory for an output validator, MiB; caps a package's limits.validation_memory",
    default: D.maxValidationMemoryMb,
    parse: parsers.integer,
    validate: validators.range(16, 16 * 1024),
  },
  wallOvershootMinS: {
    name: 'JUEZ_WALL_OVERSHOOT_MIN_S',
    description: 'The wall clock stops a program at its CPU time limit plus the larger of this (s) and JUEZ_WALL_OVERSHOOT_RATIO of the limit: sleeping past it is TLE',
    default: D.wallOvershoot.minMs / 1000,
    parse: parsers.number,
    validate: validators.range(0, 600),
  },
  wallOvershootRatio: {
    name: 'JUEZ_WALL_OVERSHOOT_RATIO',
    description: 'See JUEZ_WALL_OVERSHOOT_MIN_S: the overshoot as a fraction of the CPU time limit',
    default: D.wallOvershoot.ratio,
    parse: parsers.number,
    validate: validators.range(0, 10),
  },
} satisfies ConfigTable;

/** What a service's configuration holds of these rows. */
export type InstallationLimitsConfig = ConfigOf<typeof INSTALLATION_LIMITS_CONFIG_TABLE>;

/** The installation's maxima, from a configuration holding INSTALLATION_LIMITS_CONFIG_TABLE's rows. */
export function installationLimitsOf(config: InstallationLimitsConfig): InstallationLimits {
  return {
    maxMemoryMb: config.maxMemoryMb,
    maxOutputMb: config.maxOutputMb,
    maxCodeKb: config.maxCodeKb,
    maxTimeLimitS: config.maxTimeLimitS,
    maxCompileTimeS: config.maxCompileTimeS,
    maxCompileMemoryMb: config.maxCompileMemoryMb,
    maxValidationTimeS: config.maxValidationTimeS,
    maxValidationMemoryMb: config.maxValidationMemoryMb,
    wallOvershoot: { minMs: Math.round(config.wallOvershootMinS * 1000), ratio: config.wallOvershootRatio },
  };
}
