/** verify's advice for packages without a time limit: what problemtools would derive from the accepted runs. */
import { describe, expect, it } from 'vitest';
import type { ProblemLimits } from '../../common/problem/problem.js';
import { LEGACY_TIME_MULTIPLIERS, MODERN_TIME_MULTIPLIERS } from '../../common/problem/time-limit.js';
import { adviseTimeLimit } from '../../judge-cli/time-limit-advice.js';

const limits = (over: Partial<ProblemLimits>): ProblemLimits =>
  ({ timeMs: 1000, timeSource: 'default', timeMultipliers: LEGACY_TIME_MULTIPLIERS, ...over }) as ProblemLimits;
const ac = (slowestTestMs: number) => ({ verdict: 'AC' as const, expected: ['AC' as const], slowestTestMs });

describe('adviseTimeLimit', () => {
  it('says what the legacy format derives (slowest accepted × 5, to the nearest second) when it differs', () => {
    expect(adviseTimeLimit(limits({}), [ac(120), ac(300)])).toBe(
      'problem.yaml: gives no time limit; juez uses 1 s, the format would derive 2 s from the slowest accepted test (300 ms × 5): set limits.time_limit to be sure',
    );
  });

  it('is silent when the derived limit is the default, or the package sets one', () => {
    expect(adviseTimeLimit(limits({}), [ac(80)])).toBeUndefined();
    expect(adviseTimeLimit(limits({ timeSource: 'problem.yaml' } as Partial<ProblemLimits>), [ac(900)])).toBeUndefined();
  });

  it('uses the 2023-07 multiplier (× 2, rounded up) and only submissions expected and judged AC', () => {
    const modern = limits({ timeMultipliers: MODERN_TIME_MULTIPLIERS });
    expect(adviseTimeLimit(modern, [ac(700), { verdict: 'TLE', expected: ['TLE'], slowestTestMs: 5000 }])).toMatch(/derive 2 s .*\(700 ms × 2\)/);
    expect(adviseTimeLimit(modern, [{ verdict: 'AC', slowestTestMs: 3000 }])).toBeUndefined();
  });
});
