/**
 * What an installation allows at most, whatever a package asks: the services' configuration (JUEZ_MAX_*)
 * and judge-cli's options set it. A package asking more is lowered to it, with a warning for its author.
 */
import type { ProblemLimits, WallOvershoot } from './problem.js';
import { DEFAULT_WALL_OVERSHOOT, wallLimitMs } from './time-limit.js';

export interface InstallationLimits {
  /** Most memory a program gets for its data, MiB (a runtime's own overhead comes on top). */
  maxMemoryMb: number;
  /** Most stdout per test case, MiB. */
  maxOutputMb: number;
  /** Largest submission accepted, KiB. */
  maxCodeKb: number;
  /** Longest CPU time limit per test case, s. */
  maxTimeLimitS: number;
  maxCompileTimeS: number;
  maxCompileMemoryMb: number;
  maxValidationTimeS: number;
  maxValidationMemoryMb: number;
  /** How far the wall clock may run past the CPU limit. */
  wallOvershoot: WallOvershoot;
}

/**
 * The maxima when nothing is configured: the format's defaults, so that a package silent about its limits
 * gets them, and one asking more (DOMjudge's default of 2048 MiB) is lowered to them. Time: a minute.
 */
export const DEFAULT_INSTALLATION_LIMITS: Readonly<InstallationLimits> = Object.freeze({
  maxMemoryMb: 1024,
  maxOutputMb: 8,
  maxCodeKb: 128,
  maxTimeLimitS: 60,
  maxCompileTimeS: 60,
  maxCompileMemoryMb: 1024,
  maxValidationTimeS: 60,
  maxValidationMemoryMb: 1024,
  wallOvershoot: DEFAULT_WALL_OVERSHOOT,
});

/** One capped limit: the ProblemLimits field, its problem.yaml key, the maximum in the field's unit, the unit. */
type Cap = [field: keyof ProblemLimits, key: string, max: number, unit: string];

/**
 * `limits` lowered to the installation's maxima, each lowering passed to `warn` with the package file that
 * asked it; the wall limit recomputed from the (capped) CPU limit with the installation's overshoot. Pure.
 */
export function capLimits(
  limits: ProblemLimits,
  installation: InstallationLimits,
  warn: (file: string, message: string) => void,
): ProblemLimits {
  const caps: Cap[] = [
    ['timeMs', 'limits.time_limit', installation.maxTimeLimitS * 1000, 'ms'],
    ['memoryMb', 'limits.memory', installation.maxMemoryMb, 'MiB'],
    ['outputKb', 'limits.output', installation.maxOutputMb * 1024, 'KiB'],
    ['codeKb', 'limits.code', installation.maxCodeKb, 'KiB'],
    ['compileTimeS', 'limits.compilation_time', installation.maxCompileTimeS, 's'],
    ['compileMemoryMb', 'limits.compilation_memory', installation.maxCompileMemoryMb, 'MiB'],
    ['validatorTimeS', 'limits.validation_time', installation.maxValidationTimeS, 's'],
    ['validatorMemoryMb', 'limits.validation_memory', installation.maxValidationMemoryMb, 'MiB'],
  ];
  const capped: ProblemLimits = { ...limits, wallOvershoot: { ...installation.wallOvershoot } };
  for (const [field, key, max, unit] of caps) {
    const asked = limits[field] as number;
    if (asked <= max) continue;
    (capped[field] as number) = max;
    const [file, what] = field === 'timeMs' && limits.timeSource === '.timelimit' ? ['.timelimit', 'asks'] : ['problem.yaml', `${key} asks`];
    warn(file, `${what} ${asked} ${unit}, more than this installation allows: lowered to ${max} ${unit}`);
  }
  capped.wallMs = wallLimitMs(capped.timeMs, capped.wallOvershoot);
  return capped;
}
