import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../common/config-table.js';
import { capLimits, DEFAULT_INSTALLATION_LIMITS } from '../../common/problem/installation-limits.js';
import { INSTALLATION_LIMITS_CONFIG_TABLE, installationLimitsOf } from '../../common/problem/installation-limits-config.js';
import type { ProblemLimits } from '../../common/problem/problem.js';
import { DEFAULT_LIMITS } from '../../common/problem/read-limits.js';
import { MODERN_TIME_MULTIPLIERS } from '../../common/problem/time-limit.js';
import { checkCodeSize } from '../../executor/judging/check-code-size.js';
import { InvalidSubmissionError } from '../../executor/judging/invalid-submission-error.js';
import { sandboxMemoryCeilingBytes } from '../../executor/sandbox/sandbox-memory-ceiling.js';

const asked = (extra: Partial<ProblemLimits> = {}): ProblemLimits => ({
  ...DEFAULT_LIMITS,
  timeMs: 1000,
  timeSource: 'problem.yaml',
  timeMultipliers: { ...MODERN_TIME_MULTIPLIERS },
  wallMs: 0,
  wallOvershoot: { minMs: 0, ratio: 0 },
  ...extra,
});

function cap(limits: ProblemLimits, installation = DEFAULT_INSTALLATION_LIMITS): { limits: ProblemLimits; warnings: string[] } {
  const warnings: string[] = [];
  return { limits: capLimits(limits, installation, (file, message) => warnings.push(`${file}: ${message}`)), warnings };
}

describe('the format\'s defaults where a package is silent', () => {
  it('are 1024 MiB memory, 8 MiB output, 128 KiB code, 60 s and 1024 MiB to compile and to validate', () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      memoryMb: 1024,
      outputKb: 8192,
      codeKb: 128,
      compileTimeS: 60,
      compileMemoryMb: 1024,
      validatorTimeS: 60,
      validatorMemoryMb: 1024,
    });
  });

  it('fit the default installation: nothing is lowered, nothing said', () => {
    const { limits, warnings } = cap(asked());
    expect(warnings).toEqual([]);
    expect(limits).toMatchObject({ memoryMb: 1024, outputKb: 8192, codeKb: 128, timeMs: 1000, wallMs: 2000 });
  });
});

describe('capLimits: the installation maxima', () => {
  it("lowers DOMjudge's 2048 MiB to the installation's 1024 MiB, with a warning", () => {
    const { limits, warnings } = cap(asked({ memoryMb: 2048 }));
    expect(limits.memoryMb).toBe(1024);
    expect(warnings).toEqual(['problem.yaml: limits.memory asks 2048 MiB, more than this installation allows: lowered to 1024 MiB']);
  });

  it('lowers each limit to its own maximum', () => {
    const installation = { ...DEFAULT_INSTALLATION_LIMITS, maxMemoryMb: 256, maxOutputMb: 1, maxCodeKb: 64, maxCompileTimeS: 10, maxValidationMemoryMb: 512 };
    const { limits, warnings } = cap(asked({ memoryMb: 512, outputKb: 4096, codeKb: 100, compileTimeS: 30, validatorMemoryMb: 1024 }), installation);
    expect(limits).toMatchObject({ memoryMb: 256, outputKb: 1024, codeKb: 64, compileTimeS: 10, validatorMemoryMb: 512 });
    expect(warnings).toHaveLength(5);
  });

  it('keeps a limit below the maximum as asked', () => {
    const { limits } = cap(asked({ memoryMb: 128, outputKb: 1024 }));
    expect(limits).toMatchObject({ memoryMb: 128, outputKb: 1024 });
  });

  it('caps the time limit, naming the file it came from, and takes the wall limit from the capped one', () => {
    const installation = { ...DEFAULT_INSTALLATION_LIMITS, maxTimeLimitS: 5 };
    const fromFile = cap(asked({ timeMs: 20_000, timeSource: '.timelimit' }), installation);
    expect(fromFile.limits).toMatchObject({ timeMs: 5000, wallMs: 6000 });
    expect(fromFile.warnings).toEqual(['.timelimit: asks 20000 ms, more than this installation allows: lowered to 5000 ms']);
    expect(cap(asked({ timeMs: 20_000 }), installation).warnings[0]).toMatch(/^problem\.yaml: limits\.time_limit asks 20000 ms/);
  });

  it("computes the wall limit with the installation's overshoot", () => {
    const installation = { ...DEFAULT_INSTALLATION_LIMITS, wallOvershoot: { minMs: 200, ratio: 0.5 } };
    expect(cap(asked({ timeMs: 4000 }), installation).limits).toMatchObject({ wallMs: 6000, wallOvershoot: { minMs: 200, ratio: 0.5 } });
    expect(cap(asked({ timeMs: 5000 })).limits.wallMs).toBe(6000);
    expect(cap(asked({ timeMs: 20_000 })).limits.wallMs).toBe(22_000);
  });
});

describe('the configuration rows (JUEZ_MAX_*)', () => {
  it('default to the format defaults', () => {
    expect(installationLimitsOf(loadConfig(INSTALLATION_LIMITS_CONFIG_TABLE, {}))).toEqual(DEFAULT_INSTALLATION_LIMITS);
  });

  it('read the maxima and the overshoot', () => {
    const env = { JUEZ_MAX_MEMORY_MB: '512', JUEZ_MAX_CODE_KB: '64', JUEZ_WALL_OVERSHOOT_MIN_S: '0.5', JUEZ_WALL_OVERSHOOT_RATIO: '0.2' };
    expect(installationLimitsOf(loadConfig(INSTALLATION_LIMITS_CONFIG_TABLE, env))).toMatchObject({
      maxMemoryMb: 512,
      maxCodeKb: 64,
      wallOvershoot: { minMs: 500, ratio: 0.2 },
    });
  });

  it('refuse nonsense', () => {
    expect(() => loadConfig(INSTALLATION_LIMITS_CONFIG_TABLE, { JUEZ_MAX_MEMORY_MB: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig(INSTALLATION_LIMITS_CONFIG_TABLE, { JUEZ_MAX_MEMORY_MB: '1' })).toThrow(/JUEZ_MAX_MEMORY_MB/);
  });
});

describe('sandboxMemoryCeilingBytes', () => {
  const java = { memoryOverheadMb: 96 } as never;
  const c = {} as never;

  it("leaves room for the largest program plus a JVM's overhead plus the tmpfs and supervisor", () => {
    expect(sandboxMemoryCeilingBytes(DEFAULT_INSTALLATION_LIMITS, [c, java]) / 2 ** 20).toBe(1024 + 96 + 512);
  });

  it('follows a configured maximum, and a compiler or validator allowed more than programs', () => {
    expect(sandboxMemoryCeilingBytes({ ...DEFAULT_INSTALLATION_LIMITS, maxMemoryMb: 2048 }, [java]) / 2 ** 20).toBe(2048 + 96 + 512);
    const small = { ...DEFAULT_INSTALLATION_LIMITS, maxMemoryMb: 256, maxCompileMemoryMb: 1024, maxValidationMemoryMb: 512 };
    expect(sandboxMemoryCeilingBytes(small, [c]) / 2 ** 20).toBe(1024 + 512);
  });
});

describe('checkCodeSize: limits.code', () => {
  it('accepts a submission of exactly the limit, all files together', () => {
    expect(() => checkCodeSize([{ name: 'a.py', content: 'x'.repeat(1024) }, { name: 'b.py', content: Buffer.alloc(1024) }], 2)).not.toThrow();
  });

  it('refuses one byte more, naming size and limit', () => {
    const files = [{ name: 'a.py', content: 'x'.repeat(2049) }];
    expect(() => checkCodeSize(files, 2)).toThrow(InvalidSubmissionError);
    expect(() => checkCodeSize(files, 2)).toThrow("the submission is 2049 bytes, more than the problem's code size limit of 2 KiB (2048 bytes, limits.code)");
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(() => checkCodeSize([{ name: 'a.py', content: 'é'.repeat(600) }], 1)).toThrow(/1200 bytes/);
  });
});
