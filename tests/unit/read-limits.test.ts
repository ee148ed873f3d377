import { describe, expect, it } from 'vitest';
import { parseProblemYaml } from '../../common/problem/problem-yaml.js';
import type { ProblemLimits } from '../../common/problem/problem.js';
import { DEFAULT_LIMITS } from '../../common/problem/read-limits.js';
import { DEFAULT_WALL_OVERSHOOT, LEGACY_TIME_MULTIPLIERS, MODERN_TIME_MULTIPLIERS } from '../../common/problem/time-limit.js';
import { decideProgramLimits } from '../../executor/judging/test-run.js';

/** problem.yaml text → settings, with what was reported and warned. */
function parse(yaml: string): { settings: ReturnType<typeof parseProblemYaml>; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const settings = parseProblemYaml(yaml, (m) => problems.push(m), (m) => warnings.push(m));
  return { settings, problems, warnings };
}
const MODERN = 'problem_format_version: 2023-07\n';

describe('problem.yaml limits', () => {
  it('takes the format defaults when silent', () => {
    const { settings, problems } = parse('');
    expect(problems).toEqual([]);
    expect(settings.limits).toEqual(DEFAULT_LIMITS);
    expect(settings.timeLimitS).toBeUndefined();
  });

  it('reads memory and output in MiB, code in KiB, the rest in seconds', () => {
    const yaml = 'limits:\n  time_limit: 2.5\n  memory: 2048\n  output: 16\n  code: 64\n  compilation_time: 90\n  compilation_memory: 1536\n  validation_time: 30\n  validation_memory: 512\n  validation_passes: 3\n';
    const { settings, problems } = parse(yaml);
    expect(problems).toEqual([]);
    expect(settings.timeLimitS).toBe(2.5);
    // Asked as written: the installation's maxima lower them later (capLimits), with a warning.
    expect(settings.limits).toMatchObject({
      memoryMb: 2048,
      outputKb: 16 * 1024,
      codeKb: 64,
      compileTimeS: 90,
      compileMemoryMb: 1536,
      validatorTimeS: 30,
      validatorMemoryMb: 512,
      validationPasses: 3,
    });
  });

  it('reports a value that is no positive number, and takes the default', () => {
    const { settings, problems } = parse('limits:\n  memory: 0\n  code: big\n  validation_passes: 1.5\n');
    expect(problems).toEqual([
      'limits.memory must be a positive number, got 0',
      "limits.code must be a positive number, got 'big'",
      'limits.validation_passes must be a positive whole number, got 1.5',
    ]);
    expect(settings.limits).toMatchObject({ memoryMb: 1024, codeKb: 128, validationPasses: 2 });
  });

  it('warns about an unknown limit and ignores it', () => {
    const { problems, warnings } = parse('limits:\n  memroy: 1\n');
    expect(problems).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^limits\.memroy is not a limit of the format: ignored/);
  });
});

describe('time multipliers', () => {
  it('legacy: time_multiplier 5 and time_safety_margin 2 by default', () => {
    expect(parse('').settings.timeMultipliers).toEqual(LEGACY_TIME_MULTIPLIERS);
    expect(LEGACY_TIME_MULTIPLIERS).toMatchObject({ rule: 'legacy', acToTimeLimit: 5, timeLimitToTle: 2 });
  });

  it('legacy: reads time_multiplier and time_safety_margin', () => {
    const { settings } = parse('limits:\n  time_multiplier: 3\n  time_safety_margin: 1.5\n');
    expect(settings.timeMultipliers).toEqual({ ...LEGACY_TIME_MULTIPLIERS, acToTimeLimit: 3, timeLimitToTle: 1.5 });
  });

  it('2023-07: ac_to_time_limit 2.0, time_limit_to_tle 1.5, time_resolution 1.0 by default', () => {
    expect(parse(MODERN).settings.timeMultipliers).toEqual(MODERN_TIME_MULTIPLIERS);
    expect(MODERN_TIME_MULTIPLIERS).toMatchObject({ rule: '2023-07', acToTimeLimit: 2, timeLimitToTle: 1.5, timeResolutionMs: 1000 });
  });

  it('2023-07: reads time_multipliers and time_resolution', () => {
    const { settings, problems } = parse(`${MODERN}limits:\n  time_multipliers:\n    ac_to_time_limit: 3\n    time_limit_to_tle: 2\n  time_resolution: 0.1\n`);
    expect(problems).toEqual([]);
    expect(settings.timeMultipliers).toEqual({ rule: '2023-07', acToTimeLimit: 3, timeLimitToTle: 2, timeResolutionMs: 100 });
  });

  it("warns about, and ignores, the other format's multiplier keys", () => {
    const legacy = parse('limits:\n  time_multipliers: { ac_to_time_limit: 3 }\n');
    expect(legacy.settings.timeMultipliers).toEqual(LEGACY_TIME_MULTIPLIERS);
    expect(legacy.warnings).toEqual(['limits.time_multipliers belongs to the 2023-07 format: ignored']);
    const modern = parse(`${MODERN}limits:\n  time_multiplier: 9\n`);
    expect(modern.settings.timeMultipliers).toEqual(MODERN_TIME_MULTIPLIERS);
    expect(modern.warnings).toEqual(['limits.time_multiplier belongs to the legacy format: ignored']);
  });

  it('reports a time_multipliers that is no mapping, and warns about an unknown multiplier', () => {
    expect(parse(`${MODERN}limits:\n  time_multipliers: 2\n`).problems).toEqual([
      'limits.time_multipliers must be a mapping with ac_to_time_limit and time_limit_to_tle',
    ]);
    expect(parse(`${MODERN}limits:\n  time_multipliers: { ac_to_tle: 2 }\n`).warnings).toEqual([
      'limits.time_multipliers.ac_to_tle is not a multiplier of the format: ignored',
    ]);
  });
});

describe('decideProgramLimits', () => {
  const limits: ProblemLimits = {
    ...DEFAULT_LIMITS,
    timeMs: 5000,
    timeSource: 'problem.yaml',
    timeMultipliers: { ...MODERN_TIME_MULTIPLIERS },
    wallMs: 6000,
    wallOvershoot: { ...DEFAULT_WALL_OVERSHOOT },
  };
  const java = { memoryOverheadMb: 96 } as never;
  const c = {} as never;

  it("runs with the package's CPU and wall limits, and the language's overhead on top of the memory", () => {
    expect(decideProgramLimits(limits, java, {})).toEqual({ cpuMs: 5000, wallMs: 6000, memoryKb: (1024 + 96) * 1024, outputKb: 8192 });
    expect(decideProgramLimits(limits, c, {}).memoryKb).toBe(1024 * 1024);
  });

  it('gives an overridden CPU limit its wall limit with the same overshoot', () => {
    expect(decideProgramLimits(limits, c, { timeLimitMs: 300 })).toMatchObject({ cpuMs: 300, wallMs: 1300 });
    expect(decideProgramLimits(limits, c, { timeLimitMs: 20_000 })).toMatchObject({ cpuMs: 20_000, wallMs: 22_000 });
    expect(decideProgramLimits(limits, c, { memoryMb: 64 }).memoryKb).toBe(64 * 1024);
  });
});
