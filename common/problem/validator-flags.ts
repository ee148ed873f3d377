import type { ComparisonFlags } from './problem.js';

/**
 * A package's `validator_flags` / `output_validator_args` cannot be understood by the default output
 * validator. The package must be fixed; the message says which flag is wrong and why.
 */
export class InvalidValidatorFlagsError extends Error {
  override readonly name = 'InvalidValidatorFlagsError';
}

/** The format's default validator: tokens, any amount of whitespace, ASCII case ignored, no float tolerance. */
export const DEFAULT_COMPARISON_FLAGS: Readonly<ComparisonFlags> = Object.freeze({
  exact: false,
  caseSensitive: false,
  spaceChangeSensitive: false,
});

const TOLERANCE_FLAGS = ['float_tolerance', 'float_absolute_tolerance', 'float_relative_tolerance'];
const KNOWN_FLAGS = ['case_sensitive', 'case_insensitive', 'space_change_sensitive', 'exact', ...TOLERANCE_FLAGS];

/**
 * Parses the default output validator's flags: the format's `case_sensitive`, `space_change_sensitive`,
 * `float_tolerance ε` (both tolerances), `float_absolute_tolerance ε`, `float_relative_tolerance ε`, and
 * juez's `exact` (byte equality) and `case_insensitive` (the default, kept for packages written when juez
 * compared case-sensitively). A later tolerance flag overrides an earlier one, as in the format's validator.
 * @throws InvalidValidatorFlagsError for an unknown flag, a missing or bad number, or contradicting flags.
 */
export function parseValidatorFlags(flags: readonly string[]): ComparisonFlags {
  const result: ComparisonFlags = { ...DEFAULT_COMPARISON_FLAGS };
  const seen = new Set<string>();
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] as string;
    seen.add(flag);
    switch (flag) {
      case 'case_sensitive':
        result.caseSensitive = true;
        break;
      case 'case_insensitive':
        result.caseSensitive = false;
        break;
      case 'space_change_sensitive':
        result.spaceChangeSensitive = true;
        break;
      case 'exact':
        result.exact = true;
        break;
      case 'float_tolerance':
      case 'float_absolute_tolerance':
      case 'float_relative_tolerance': {
        const value = parseTolerance(flag, flags[i + 1]);
        i++;
        if (flag !== 'float_relative_tolerance') result.floatAbsoluteTolerance = value;
        if (flag !== 'float_absolute_tolerance') result.floatRelativeTolerance = value;
        break;
      }
      default:
        throw new InvalidValidatorFlagsError(
          `unknown validator flag '${flag}' (known flags: ${KNOWN_FLAGS.join(', ')})`,
        );
    }
  }
  if (seen.has('case_sensitive') && seen.has('case_insensitive')) {
    throw new InvalidValidatorFlagsError("validator flags 'case_sensitive' and 'case_insensitive' contradict each other");
  }
  return result;
}

function parseTolerance(flag: string, text: string | undefined): number {
  if (text === undefined) throw new InvalidValidatorFlagsError(`validator flag '${flag}' needs a number after it`);
  // Number() accepts '', '0x10' and ' 1 '; a tolerance is written as a plain decimal.
  const value = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new InvalidValidatorFlagsError(`validator flag '${flag}' needs a non-negative number, got '${text}'`);
  }
  return value;
}
