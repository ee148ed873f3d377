import path from 'node:path';
import type { Language } from '../language.js';
import { loadLanguages } from '../languages.js';
import { readAllowedLanguages, skipDisallowedSubmissions } from './allowed-languages.js';
import { PackageFiles } from './package-files.js';
import { PackageIssues } from './problem-package-error.js';
import { parseProblemYaml, type ProblemSettings } from './problem-yaml.js';
import type { ComparisonFlags, ProblemLimits, ProblemPackage, TimeLimitSource, ValidationMode } from './problem.js';
import { readOutputValidator } from './read-package-program.js';
import { readReferenceSubmissions } from './read-reference-submissions.js';
import { readGrader } from './read-grader.js';
import { readInputValidators } from './read-input-validators.js';
import { readTestData } from './read-test-data.js';
import { capLimits, DEFAULT_INSTALLATION_LIMITS, type InstallationLimits } from './installation-limits.js';
import { DEFAULT_COMPARISON_FLAGS, InvalidValidatorFlagsError, parseValidatorFlags } from './validator-flags.js';

/** CPU time limit when neither problem.yaml nor .timelimit gives one, seconds. */
export const DEFAULT_TIME_LIMIT_S = 1;

/**
 * Reads and validates a Kattis / ICPC problem package (legacy or 2023-07 problem.yaml).
 *
 * - Time limit: problem.yaml `limits.time_limit`, else the legacy `.timelimit` file, else 1 s (all in
 *   seconds; `limits.timeSource` says which). The wall-clock limit is the CPU limit plus the installation's
 *   overshoot (by default the larger of 1 s and 10 %), so that a program sleeping or blocked on input is TLE.
 * - Other limits: the format's defaults where problem.yaml is silent (readLimits); anything above the
 *   installation's maxima (`options.installation`, default DEFAULT_INSTALLATION_LIMITS) is lowered to
 *   them with a warning.
 * - Test data: see readTestData (nested groups, testdata.yaml, natural name order); a custom grader in
 *   graders/ for groups with `grading: custom` (readGrader). For interactive
 *   problems a `.ans` may be missing: the test's answer file is then an empty file (/dev/null).
 * - Output validator in output_validators/<name>/ (legacy) or output_validator/ (2023-07); input validators
 *   for `judge-cli verify` (readInputValidators); reference submissions in submissions/<category>/<file or folder>.
 * - `languages`: the juez languages its codes allow (readAllowedLanguages); reference submissions in other
 *   languages are skipped, as the reference tools skip them.
 * - Every file is confined to the package: symbolic links that leave it, FIFOs and devices are refused.
 *
 * @throws ProblemPackageError listing every problem found, each as `<file>: <what is wrong>`.
 * @throws LanguagesFileError when common/languages.yaml itself is broken (not the package's fault).
 */
export async function readProblemPackage(
  dir: string,
  options: { languages?: readonly Language[]; installation?: InstallationLimits } = {},
): Promise<ProblemPackage> {
  const languages = options.languages ?? loadLanguages();
  const issues = new PackageIssues(path.resolve(dir));
  const files = await PackageFiles.open(dir, issues);
  if (files === undefined) throw issues.toError();

  const settings = await readSettings(files, issues);
  const allowedLanguages = readAllowedLanguages(settings.languages, languages, (message) => issues.warn('problem.yaml', message));
  const time = await readTimeLimit(settings, files, issues);
  const validator = await readOutputValidator(files, languages, issues);
  const validation = settings.validation ?? (validator.present ? 'custom' : 'default');
  checkValidatorPresence(validation, validator.present, issues);
  const interactive = validation === 'custom-interactive';
  const testData = await readTestData(files, issues, {
    answersOptional: interactive,
    groupGradingOverrides: settings.groupGradingOverrides,
    ...(validation === 'default' && { defaultValidatorFlags: settings.validatorFlags }),
  });
  const grader = await readGrader(files, testData, languages, issues);
  const inputValidators = await readInputValidators(files, languages, issues);
  const { submissions, unjudged } = skipDisallowedSubmissions(await readReferenceSubmissions(files, languages, issues), allowedLanguages);
  // Flags of a custom validator are its own business: they are passed to it, not parsed here.
  const comparison =
    validation === 'default' ? readComparison(settings.validatorFlags, issues) : { ...DEFAULT_COMPARISON_FLAGS };
  issues.throwIfAny();

  const asked: ProblemLimits = {
    ...settings.limits,
    timeMs: Math.round(time.seconds * 1000),
    timeSource: time.source,
    timeMultipliers: settings.timeMultipliers,
    wallMs: 0, // capLimits computes it from the capped CPU limit
    wallOvershoot: { minMs: 0, ratio: 0 },
  };
  const installation = options.installation ?? DEFAULT_INSTALLATION_LIMITS;
  const limits = capLimits(asked, installation, (file, message) => issues.warn(file, message));
  const shortName = path.basename(files.dir);
  return {
    dir: files.dir,
    shortName,
    name: settings.name ?? shortName,
    type: settings.type,
    validation,
    validatorFlags: settings.validatorFlags,
    comparison,
    ...(allowedLanguages && { allowedLanguages }),
    limits,
    ...testData,
    ...(validator.program && { outputValidator: validator.program }),
    ...(grader && { grader }),
    inputValidators,
    submissions,
    unjudged,
    warnings: issues.warnings,
  };
}

async function readSettings(files: PackageFiles, issues: PackageIssues): Promise<ProblemSettings> {
  const entry = await files.at('problem.yaml');
  const report = (message: string): void => issues.add('problem.yaml', message);
  const warn = (message: string): void => issues.warn('problem.yaml', message);
  if (entry === undefined) {
    report('is missing: every package needs one (it may be empty)');
    return parseProblemYaml('', report, warn);
  }
  if (entry.kind !== 'file') report('must be a file');
  const text = entry.kind === 'file' ? await files.readText(entry) : undefined;
  return parseProblemYaml(text ?? '', report, warn);
}

/** The CPU time limit in seconds, and where it came from: problem.yaml, else `.timelimit`, else the default. */
async function readTimeLimit(
  settings: ProblemSettings,
  files: PackageFiles,
  issues: PackageIssues,
): Promise<{ seconds: number; source: TimeLimitSource }> {
  if (settings.timeLimitS !== undefined) return { seconds: settings.timeLimitS, source: 'problem.yaml' };
  const fromFile = await readTimelimitFile(files, issues);
  return fromFile === undefined ? { seconds: DEFAULT_TIME_LIMIT_S, source: 'default' } : { seconds: fromFile, source: '.timelimit' };
}

/** The legacy `.timelimit` file: one number of seconds. */
async function readTimelimitFile(files: PackageFiles, issues: PackageIssues): Promise<number | undefined> {
  const entry = await files.at('.timelimit');
  if (entry === undefined) return undefined;
  const text = entry.kind === 'file' ? await files.readText(entry) : undefined;
  const value = text !== undefined && /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (value > 0) return value;
  issues.add(entry.path, `must hold a positive number of seconds, got ${JSON.stringify((text ?? '').trim().slice(0, 40))}`);
  return undefined;
}

function checkValidatorPresence(validation: ValidationMode, present: boolean, issues: PackageIssues): void {
  if (validation !== 'default' && !present) {
    const where = 'output_validators/NAME/ or output_validator/';
    issues.add('problem.yaml', `says validation is ${validation}, but the package has no output validator (${where})`);
  }
  if (validation === 'default' && present) {
    const fix = "set 'validation: custom' or remove it";
    issues.add('problem.yaml', `says validation: default, but the package has an output validator: ${fix}`);
  }
}

function readComparison(flags: readonly string[], issues: PackageIssues): ComparisonFlags {
  try {
    return parseValidatorFlags(flags);
  } catch (error) {
    if (!(error instanceof InvalidValidatorFlagsError)) throw error;
    issues.add('problem.yaml', error.message);
    return { ...DEFAULT_COMPARISON_FLAGS };
  }
}
