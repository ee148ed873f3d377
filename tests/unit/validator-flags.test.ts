import { describe, expect, it } from 'vitest';
import { parseValidatorFlags as fromCompareOutput } from '../../executor/judging/compare-output.js';
import {
  DEFAULT_COMPARISON_FLAGS,
  InvalidValidatorFlagsError,
  parseValidatorFlags,
} from '../../common/problem/validator-flags.js';

describe('parseValidatorFlags', () => {
  it("defaults to the format's validator: tokens, case ignored, no tolerance", () => {
    expect(parseValidatorFlags([])).toEqual({ exact: false, caseSensitive: false, spaceChangeSensitive: false });
    expect(DEFAULT_COMPARISON_FLAGS.caseSensitive).toBe(false);
  });

  it('is also exported by compare-output', () => {
    expect(fromCompareOutput).toBe(parseValidatorFlags);
  });

  it('reads the Kattis flags', () => {
    expect(parseValidatorFlags(['case_sensitive', 'space_change_sensitive'])).toEqual({
      exact: false,
      caseSensitive: true,
      spaceChangeSensitive: true,
    });
    expect(parseValidatorFlags(['float_tolerance', '1e-6'])).toMatchObject({
      floatAbsoluteTolerance: 1e-6,
      floatRelativeTolerance: 1e-6,
    });
    expect(parseValidatorFlags(['float_absolute_tolerance', '0.001'])).toEqual({
      ...DEFAULT_COMPARISON_FLAGS,
      floatAbsoluteTolerance: 0.001,
    });
    expect(parseValidatorFlags(['float_relative_tolerance', '.5'])).toEqual({
      ...DEFAULT_COMPARISON_FLAGS,
      floatRelativeTolerance: 0.5,
    });
  });

  it('lets a later tolerance override an earlier one', () => {
    expect(parseValidatorFlags(['float_tolerance', '1e-6', 'float_relative_tolerance', '1e-3'])).toMatchObject({
      floatAbsoluteTolerance: 1e-6,
      floatRelativeTolerance: 1e-3,
    });
  });

  it('reads the juez flags', () => {
    expect(parseValidatorFlags(['exact']).exact).toBe(true);
    expect(parseValidatorFlags(['case_insensitive']).caseSensitive).toBe(false);
    expect(parseValidatorFlags(['case_sensitive']).caseSensitive).toBe(true);
  });

  it('refuses unknown flags, naming them', () => {
    expect(() => parseValidatorFlags(['case_sensitiv'])).toThrow(InvalidValidatorFlagsError);
    expect(() => parseValidatorFlags(['case_sensitiv'])).toThrow(/unknown validator flag 'case_sensitiv' \(known flags: /);
  });

  it('refuses a missing or bad tolerance', () => {
    expect(() => parseValidatorFlags(['float_tolerance'])).toThrow("validator flag 'float_tolerance' needs a number after it");
    for (const bad of ['abc', '-1', 'nan', 'inf', '', '0x10', '1e-6x']) {
      expect(() => parseValidatorFlags(['float_absolute_tolerance', bad]), bad).toThrow(
        `validator flag 'float_absolute_tolerance' needs a non-negative number, got '${bad}'`,
      );
    }
  });

  it('refuses contradicting case flags', () => {
    expect(() => parseValidatorFlags(['case_sensitive', 'case_insensitive'])).toThrow(/contradict/);
  });
});
