import { describe, expect, it } from 'vitest';
import {
  computeTimeLimit,
  DEFAULT_WALL_OVERSHOOT,
  LEGACY_TIME_MULTIPLIERS,
  MODERN_TIME_MULTIPLIERS,
  tleMarginOf,
  wallLimitMs,
} from '../../common/problem/time-limit.js';

describe('wallLimitMs: the CPU limit plus the larger of 1 s and 10 %', () => {
  it.each([
    [1000, 2000],
    [5000, 6000],
    [10_000, 11_000],
    [20_000, 22_000],
    [500, 1500],
  ])('%i ms CPU → %i ms wall', (cpuMs, wallMs) => {
    expect(wallLimitMs(cpuMs, DEFAULT_WALL_OVERSHOOT)).toBe(wallMs);
  });

  it('uses a configured overshoot', () => {
    expect(wallLimitMs(4000, { minMs: 250, ratio: 0.5 })).toBe(6000);
    expect(wallLimitMs(100, { minMs: 250, ratio: 0.5 })).toBe(350);
  });
});

describe('computeTimeLimit, 2023-07: ac_to_time_limit, rounded up to time_resolution', () => {
  it.each([
    // slowest accepted, multipliers, limit, TLE margin
    [300, MODERN_TIME_MULTIPLIERS, 1000, 1500],
    [600, MODERN_TIME_MULTIPLIERS, 2000, 3000],
    [1000, MODERN_TIME_MULTIPLIERS, 2000, 3000],
    [1001, MODERN_TIME_MULTIPLIERS, 3000, 4500],
    [0, MODERN_TIME_MULTIPLIERS, 1000, 1500],
    [350, { ...MODERN_TIME_MULTIPLIERS, timeResolutionMs: 100 }, 700, 1050],
    [350, { ...MODERN_TIME_MULTIPLIERS, timeResolutionMs: 250 }, 750, 1125],
    [400, { ...MODERN_TIME_MULTIPLIERS, acToTimeLimit: 3, timeLimitToTle: 2 }, 2000, 4000],
  ])('slowest %i ms → limit and margin', (slowest, multipliers, timeMs, tleMarginMs) => {
    expect(computeTimeLimit(multipliers, slowest)).toMatchObject({ timeMs, tleMarginMs });
  });

  it('reports the exact product before rounding', () => {
    expect(computeTimeLimit(MODERN_TIME_MULTIPLIERS, 450).exactMs).toBe(900);
  });
});

describe('computeTimeLimit, legacy: time_multiplier to the nearest second, time_safety_margin', () => {
  it.each([
    // slowest accepted, limit, TLE margin (verifyproblem's timelim and timelim_margin)
    [100, 1000, 2000], // 0.5 s exact rounds to 1 s (at least 1 s), margin at least limit + 1 s
    [250, 1000, 3000], // 1.25 s → 1 s; 1.25 × 2 = 2.5 s → 3 s
    [300, 2000, 3000], // 1.5 s → 2 s; 3 s
    [1000, 5000, 10_000],
    [1100, 6000, 11_000], // 5.5 s → 6 s
  ])('slowest %i ms → %i ms, margin %i ms', (slowest, timeMs, tleMarginMs) => {
    expect(computeTimeLimit(LEGACY_TIME_MULTIPLIERS, slowest)).toMatchObject({ timeMs, tleMarginMs });
  });

  it('uses the package time_multiplier and time_safety_margin', () => {
    const multipliers = { ...LEGACY_TIME_MULTIPLIERS, acToTimeLimit: 2, timeLimitToTle: 3 };
    expect(computeTimeLimit(multipliers, 1200)).toMatchObject({ timeMs: 2000, tleMarginMs: 7000 });
  });
});

describe('tleMarginOf a given limit', () => {
  it('is limit × time_limit_to_tle (2023-07) or × time_safety_margin (legacy)', () => {
    expect(tleMarginOf(2000, MODERN_TIME_MULTIPLIERS)).toBe(3000);
    expect(tleMarginOf(2000, LEGACY_TIME_MULTIPLIERS)).toBe(4000);
    expect(tleMarginOf(300, { ...MODERN_TIME_MULTIPLIERS, timeLimitToTle: 1.1 })).toBe(330);
  });
});
