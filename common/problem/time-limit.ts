/**
 * Time limits as the problem package format sets them. Pure: the numbers problemtools' verifyproblem
 * would use, from the package's multipliers and the reference submissions' run times.
 *
 * When a package gives no time limit, the format derives it from the slowest accepted reference
 * submission (its slowest test case, CPU time): limit = slowest × ac_to_time_limit, rounded to the format's
 * resolution. A time_limit_exceeded reference submission must then run out of time even with the
 * limit raised to the "TLE margin" (limit × time_limit_to_tle), so that it is not merely a little slow.
 */
import type { TimeMultipliers, WallOvershoot } from './problem.js';

/** Legacy problem.yaml: `limits.time_multiplier` 5 and `limits.time_safety_margin` 2; whole seconds. */
export const LEGACY_TIME_MULTIPLIERS: Readonly<TimeMultipliers> = Object.freeze({
  rule: 'legacy',
  acToTimeLimit: 5,
  timeLimitToTle: 2,
  timeResolutionMs: 1000,
});

/** 2023-07 problem.yaml: `limits.time_multipliers` {ac_to_time_limit: 2.0, time_limit_to_tle: 1.5}, `time_resolution` 1.0. */
export const MODERN_TIME_MULTIPLIERS: Readonly<TimeMultipliers> = Object.freeze({
  rule: '2023-07',
  acToTimeLimit: 2,
  timeLimitToTle: 1.5,
  timeResolutionMs: 1000,
});

/**
 * The wall-clock overshoot when the installation does not configure one: the reference judges stop a
 * program shortly after the time limit by wall clock too (DOMjudge's hard limit), so sleeping past it is TLE.
 */
export const DEFAULT_WALL_OVERSHOOT: Readonly<WallOvershoot> = Object.freeze({ minMs: 1000, ratio: 0.1 });

/** A time limit derived from reference runs. */
export interface ComputedTimeLimit {
  /** The CPU time limit per test case, ms: what the package would get. */
  timeMs: number;
  /** time_limit_exceeded submissions must run longer than this, ms (they are run with it as their limit). */
  tleMarginMs: number;
  /** slowest accepted × ac_to_time_limit, before rounding, ms (for reports). */
  exactMs: number;
}

/**
 * The wall-clock limit for a CPU limit: CPU limit + max(overshoot.minMs, overshoot.ratio × CPU limit),
 * whole ms. Above the CPU limit so that a busy machine does not turn a CPU-bound program's AC into TLE.
 */
export function wallLimitMs(cpuMs: number, overshoot: WallOvershoot): number {
  return Math.ceil(cpuMs + Math.max(overshoot.minMs, overshoot.ratio * cpuMs));
}

/**
 * The time limit problemtools sets from the slowest accepted reference submission, `slowestAcceptedMs`
 * (the largest CPU time of any of its test cases).
 *
 * - 2023-07: slowest × ac_to_time_limit rounded *up* to a multiple of time_resolution (at least one);
 *   the TLE margin is limit × time_limit_to_tle.
 * - legacy: slowest × time_multiplier rounded to the nearest whole second, at least 1 s; the TLE margin
 *   is (slowest × time_multiplier × time_safety_margin) to the nearest second, at least limit + 1 s
 *   (verifyproblem's `timelim_margin`).
 */
export function computeTimeLimit(multipliers: TimeMultipliers, slowestAcceptedMs: number): ComputedTimeLimit {
  const exactMs = Math.max(0, slowestAcceptedMs) * multipliers.acToTimeLimit;
  if (multipliers.rule === 'legacy') {
    const timeMs = Math.max(1000, roundToSecond(exactMs));
    const tleMarginMs = Math.max(timeMs + 1000, roundToSecond(exactMs * multipliers.timeLimitToTle));
    return { timeMs, tleMarginMs, exactMs };
  }
  const step = multipliers.timeResolutionMs;
  // The small epsilon keeps 2 × 0.35 s = 0.7000000000000001 s from rounding up to the next step.
  const steps = Math.max(1, Math.ceil(exactMs / step - 1e-9));
  const timeMs = roundMs(steps * step);
  return { timeMs, tleMarginMs: tleMarginOf(timeMs, multipliers), exactMs };
}

/**
 * The TLE margin of a given time limit (from problem.yaml or .timelimit): limit × time_limit_to_tle
 * (legacy: × time_safety_margin), whole ms.
 */
export function tleMarginOf(timeMs: number, multipliers: TimeMultipliers): number {
  return roundMs(timeMs * multipliers.timeLimitToTle);
}

/** Python's int(0.5 + x) on seconds, as verifyproblem rounds: half up. */
function roundToSecond(ms: number): number {
  return Math.floor(ms / 1000 + 0.5) * 1000;
}

/** Whole ms, without the float noise of products like 3 × 0.1 s. */
function roundMs(ms: number): number {
  return Math.round(ms);
}
