import type { PackageIssue } from './problem-package-error.js';

/**
 * A problem package, read from disk (Kattis / ICPC problem package format) and validated.
 * read-problem-package.ts builds it; the judging core and judge-cli consume it.
 */

/** How the default output validator compares tokens (compareOutput); parsed from `validator_flags`. */
export interface ComparisonFlags {
  /** Byte-exact comparison (juez extension flag `exact`); all other flags are then ignored. */
  exact: boolean;
  /** Flag `case_sensitive`; default false, as in the format (juez's `case_insensitive` says so explicitly). */
  caseSensitive: boolean;
  /** Kattis flag `space_change_sensitive`: whitespace must match exactly. */
  spaceChangeSensitive: boolean;
  /**
   * Flag `float_absolute_tolerance` / `float_tolerance`. With either tolerance set, answer tokens that are
   * numbers (inf and nan included) compare as numbers; with neither, every token compares as a string.
   */
  floatAbsoluteTolerance?: number;
  /** Flag `float_relative_tolerance` / `float_tolerance`: relative to the answer's value. */
  floatRelativeTolerance?: number;
}

/** problem.yaml `languages` other than `all`: what a problem restricts submissions to (allowed-languages.ts). */
export interface AllowedLanguages {
  /** The format's codes problem.yaml lists, lower case, each once, in its order. */
  codes: string[];
  /** The ids of the installation's languages they allow, in the order of common/languages.yaml; may be empty. */
  ids: string[];
}

/** Where a package's CPU time limit came from. */
export type TimeLimitSource = 'problem.yaml' | '.timelimit' | 'default';

/**
 * How the format derives a time limit from the reference submissions when the package gives none
 * (problemtools' verifyproblem; see common/problem/time-limit.ts).
 */
export interface TimeMultipliers {
  /** Which rule of the format: legacy `time_multiplier` + `time_safety_margin`, or 2023-07 `time_multipliers`. */
  rule: 'legacy' | '2023-07';
  /** 2023-07 `ac_to_time_limit` (default 2.0), legacy `time_multiplier` (default 5): limit / slowest accepted. */
  acToTimeLimit: number;
  /**
   * 2023-07 `time_limit_to_tle` (default 1.5), legacy `time_safety_margin` (default 2): a
   * time_limit_exceeded submission must run longer than limit × this.
   */
  timeLimitToTle: number;
  /** `time_resolution`, ms (default 1000): a computed limit is a multiple of it. */
  timeResolutionMs: number;
}

/** How far past the CPU limit the wall clock may run: the larger of `minMs` and `ratio` × the CPU limit. */
export interface WallOvershoot {
  minMs: number;
  ratio: number;
}

export interface ProblemLimits {
  /** CPU time limit per test case, in ms (from problem.yaml `limits.time_limit`, `.timelimit`, or 1 s). */
  timeMs: number;
  /** Where timeMs came from: 'default' means the package gives none (verify may compute one). */
  timeSource: TimeLimitSource;
  /** How a limit is computed from reference runs, and the margin time_limit_exceeded submissions must exceed. */
  timeMultipliers: TimeMultipliers;
  /**
   * Wall-clock limit per test case, in ms: the CPU limit plus the overshoot (wallLimitMs), so that a program
   * sleeping or blocked past the time limit is TLE, as the reference judges stop it by CPU or wall clock.
   */
  wallMs: number;
  /** The overshoot wallMs was computed with; a CPU limit overridden later gets its wall limit from it. */
  wallOvershoot: WallOvershoot;
  /** Memory for the program's data, MiB (`limits.memory`, default 1024); a runtime's own overhead comes on top. */
  memoryMb: number;
  /** Output limit per test case (stdout), KiB. */
  outputKb: number;
  /** Largest submission, KiB, all files together (`limits.code`, default 128). */
  codeKb: number;
  compileTimeS: number;
  compileMemoryMb: number;
  /** Compiler output kept in the result, bytes. */
  compileOutputBytes: number;
  validatorTimeS: number;
  validatorMemoryMb: number;
  /** Multi-pass problems: most passes per test case. */
  validationPasses: number;
}

export type ValidationMode = 'default' | 'custom' | 'custom-interactive' | 'custom-multipass';

export interface TestCase {
  /** Path below data/ without extension, e.g. `sample/1`, `secret/group1/03`. */
  name: string;
  /** Group path: `sample`, `secret`, `secret/group1`. */
  group: string;
  /** Absolute paths on the host. */
  inputFile: string;
  answerFile: string;
  isSample: boolean;
  /**
   * Its group's `output_validator_flags`, when it has any: a custom validator gets problem.yaml's flags and
   * then these; the default validator compares with `comparison` instead of the problem's.
   */
  validatorFlags?: string[];
  /** Default validation with group flags: problem.yaml's and the group's flags, parsed. */
  comparison?: ComparisonFlags;
}

/**
 * How a test data group is graded: its testdata.yaml keys (legacy format; 2023-07 keys are mapped onto them),
 * each inherited from the nearest folder above that sets it, else the format's default.
 */
export interface GroupGrading {
  /** Score of an accepted test case directly in the group (`accept_score`, default 1). */
  acceptScore: number;
  /** Score of a rejected one (`reject_score`, default 0). */
  rejectScore: number;
  /**
   * `on_reject`. `break` (default): the group's grader gets its children up to and including the first
   * rejected one, and the rest is not judged; `continue`: every child is judged and graded.
   */
  onReject: 'break' | 'continue';
  /** `grading`: the default grader, or the package's own grader from graders/ (`custom`). */
  grading: 'default' | 'custom';
  /** `grader_flags`, split at whitespace: the default grader's modes, or the custom grader's arguments. */
  graderFlags: string[];
  /** `range` ("min max", default -inf +inf): a group whose grade falls outside it is the package's error (IE). */
  range: { min: number; max: number };
  /**
   * `output_validator_flags` (2023-07 `output_validator_args`), split at whitespace: given to the output
   * validator of this group's test cases after problem.yaml's `validator_flags`, as problemtools does.
   */
  outputValidatorFlags: string[];
  /**
   * `input_validator_flags` (2023-07 `input_validator_args`): the arguments `judge-cli verify` gives the input
   * validators on this group's inputs. Never used when judging. Absent when no folder sets it (no arguments).
   */
  inputValidatorFlags?: InputValidatorFlags;
}

/**
 * A group's input validator arguments: one list for every input validator, or (2023-07) a list per
 * validator, keyed by its name (`validate`, or its file name `validate.py`). See inputValidatorArguments.
 */
export type InputValidatorFlags = { all: string[] } | { byValidator: Record<string, string[]> };

/** A test data group (a folder below data/), with its testdata.yaml settings. */
export interface TestGroup extends GroupGrading {
  /** `sample`, `secret`, `secret/group1`, ... */
  name: string;
  /** Test cases directly in this folder, in name order. */
  tests: TestCase[];
  /** Sub-folders, in name order. */
  groups: TestGroup[];
}

/** A program shipped with the package (output validator, or a reference submission). */
export interface PackageProgram {
  /** Absolute directory or file on the host. */
  path: string;
  /** Source files (absolute paths), in name order: what the compile command's `{files}` becomes. */
  files: string[];
  /**
   * Other files of a program directory (absolute paths, in name order), e.g. a validator's `validate.h`:
   * copied beside the sources, but never passed to the compiler. Absent or empty for most programs.
   */
  extraFiles?: string[];
  /** Language id from common/languages.yaml, inferred from the extensions; `build-run` for `scripts`. */
  languageId: string;
  /**
   * A folder with a `build` and/or a `run` script, as the format allows for validators and graders: `build`
   * (when there is one) builds the program, then `run` is the program. `files` holds every file of the
   * folder then, and no language applies.
   */
  scripts?: { build: boolean };
}

/**
 * An input validator (legacy `input_validators/<name>` or `input_format_validators/<name>`, 2023-07
 * `input_validators/<name>` or the draft's single `input_validator/`): reads a test input on stdin and exits
 * 42 when it is well-formed, 43 when it is not. Only `judge-cli verify` runs them, never judging.
 */
export interface InputValidator extends PackageProgram {
  /** Path below the package, for reports: `input_validators/validate.py`. */
  name: string;
}

export interface ReferenceSubmission extends PackageProgram {
  /** Directory below submissions/, e.g. `accepted`. */
  category: string;
  /** Path relative to the package root, for reports. */
  name: string;
}

/**
 * Something under submissions/ that is not judged: a reference submission in a language this installation
 * lacks (`skipped`), or a file that is no source at all (`ignored`: notes, data, `.gitkeep`). Never an error.
 */
export interface UnjudgedSubmission {
  /** Path relative to the package root, e.g. `submissions/accepted/sol.kt`. */
  name: string;
  category: string;
  kind: 'skipped' | 'ignored';
  /** For people: why it is not judged, e.g. `Kotlin (.kt) is not a language of this installation`. */
  reason: string;
}

export interface ProblemPackage {
  /** Absolute path of the package directory. */
  dir: string;
  /** Directory name: the problem's short name. */
  shortName: string;
  /** Display name from problem.yaml (`name`), defaulting to shortName. */
  name: string;
  type: 'pass-fail' | 'scoring';
  validation: ValidationMode;
  /** Arguments for the validator (`validator_flags`). */
  validatorFlags: string[];
  comparison: ComparisonFlags;
  /**
   * problem.yaml `languages`: the languages submissions may be in. Absent for `all` (the default). Judging
   * does not look at it: the dispatcher and `judge-cli judge` refuse a submission in another language, and
   * `verify` skips reference submissions in one (they are among `unjudged`, not `submissions`).
   */
  allowedLanguages?: AllowedLanguages;
  limits: ProblemLimits;
  /**
   * data/testdata.yaml: how the root of the test data tree is graded. Its children are data/sample and
   * data/secret (in that order); its grade is the submission's verdict and score (scoring problems).
   */
  grading: GroupGrading;
  sample: TestGroup;
  secret: TestGroup;
  outputValidator?: PackageProgram;
  /** The custom grader (graders/), for groups with `grading: custom`. */
  grader?: PackageProgram;
  /** The input validators `judge-cli verify` runs on every test input; empty when the package has none. */
  inputValidators: InputValidator[];
  submissions: ReferenceSubmission[];
  /** What under submissions/ is not judged, and why. */
  unjudged: UnjudgedSubmission[];
  /** What the author should fix but that does not stop judging (PackageIssues.warn), in reading order. */
  warnings: PackageIssue[];
}
