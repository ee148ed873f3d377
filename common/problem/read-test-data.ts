import { compareNaturally } from './natural-order.js';
import type { PackageEntry, PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import { parseYamlMapping } from './problem-yaml.js';
import type { GroupGrading, TestCase, TestGroup } from './problem.js';
import { DEFAULT_GROUP_GRADING, readGroupGrading } from './read-group-grading.js';
import { InvalidValidatorFlagsError, parseValidatorFlags } from './validator-flags.js';

/**
 * Where an interactive test case without a `.ans` file gets its answer from: an empty file that exists on
 * every host, so readers of `answerFile` need no special case (the interactor gets an empty answer file).
 */
export const EMPTY_ANSWER_FILE = '/dev/null';

/** Names of a folder's grading settings: the legacy format's, and 2023-07's (drafts call it test_group.yaml). */
const SETTINGS_FILES = ['testdata.yaml', 'test_group.yaml'];

export interface TestDataOptions {
  /** Interactive problems: an `.in` without `.ans` gets EMPTY_ANSWER_FILE. */
  answersOptional: boolean;
  /**
   * Default validation: problem.yaml's validator flags, to which a group's `output_validator_flags` are
   * added and parsed (a bad flag is the package's error). Undefined for a custom validator, which parses
   * its flags itself.
   */
  defaultValidatorFlags?: readonly string[];
  /** problem.yaml's legacy `grading` keys, applied to every group over its testdata.yaml (ProblemSettings). */
  groupGradingOverrides?: Record<string, unknown>;
}

/** The test data tree: data/'s own grading settings and its two groups. */
export interface TestData {
  grading: GroupGrading;
  sample: TestGroup;
  secret: TestGroup;
}

/**
 * Reads data/sample and data/secret with their nested groups.
 *
 * Grading settings (testdata.yaml, see readGroupGrading) are inherited per key from the nearest folder
 * above that sets them, starting from data/testdata.yaml, else the format's defaults (accept 1, reject 0,
 * break, default grading). data/sample is a group like any other: as in the format, its test cases earn
 * accept_score unless data/sample/testdata.yaml (or `grader_flags: ignore_sample` in data/) says otherwise.
 * Test data with samples only is judged on them, with a warning; no test case at all is an error.
 */
export async function readTestData(files: PackageFiles, issues: PackageIssues, options: TestDataOptions): Promise<TestData> {
  const reader = new TestDataReader(files, issues, options);
  const data = await files.at('data');
  if (data === undefined || data.kind !== 'dir') {
    issues.add('data', 'is missing: test cases go in data/sample and data/secret');
    const grading = { ...DEFAULT_GROUP_GRADING };
    return { grading, sample: emptyGroup('sample', grading), secret: emptyGroup('secret', grading) };
  }
  const top = await files.list(data);
  const grading = await reader.settingsOf(top, DEFAULT_GROUP_GRADING);
  const sampleDir = top.find((e) => e.name === 'sample');
  const secretDir = top.find((e) => e.name === 'secret');
  const sample = sampleDir?.kind === 'dir' ? await reader.readGroup(sampleDir, 'sample', grading) : emptyGroup('sample', grading);
  const secret = secretDir?.kind === 'dir' ? await reader.readGroup(secretDir, 'secret', grading) : emptyGroup('secret', grading);
  const secretTests = countTests(secret);
  if (secretTests === 0 && countTests(sample) > 0) {
    // DOMjudge judges such a problem on its samples; so does juez, but the author should know.
    issues.warn('data/secret', secretDir?.kind === 'dir' ? 'holds no test cases: judged on the sample tests only' : 'is missing: judged on the sample tests only');
  } else if (secretTests === 0) {
    issues.add('data', 'holds no test cases (pairs of NAME.in and NAME.ans in data/sample and data/secret)');
  }
  return { grading, sample, secret };
}

function emptyGroup(name: string, settings: GroupGrading): TestGroup {
  return { name, ...settings, tests: [], groups: [] };
}

function countTests(group: TestGroup): number {
  return group.tests.length + group.groups.reduce((sum, sub) => sum + countTests(sub), 0);
}

class TestDataReader {
  private readonly reportedOverrides = new Set<string>();

  constructor(
    private readonly files: PackageFiles,
    private readonly issues: PackageIssues,
    private readonly options: TestDataOptions,
  ) {}

  async readGroup(dir: PackageEntry, name: string, inherited: GroupGrading): Promise<TestGroup> {
    const entries = await this.files.list(dir);
    const settings = await this.settingsOf(entries, inherited);
    const inputs = new Map<string, PackageEntry>();
    const answers = new Map<string, PackageEntry>();
    for (const entry of entries) {
      if (entry.kind !== 'file') continue;
      if (entry.name.endsWith('.in')) inputs.set(entry.name.slice(0, -3), entry);
      else if (entry.name.endsWith('.ans')) answers.set(entry.name.slice(0, -4), entry);
    }
    const validation = this.validationOf(settings, dir);
    const tests: TestCase[] = [];
    for (const [base, input] of inputs) {
      const answer = answers.get(base);
      if (answer === undefined && !this.options.answersOptional) {
        this.issues.add(input.path, `has no matching ${base}.ans`);
        continue;
      }
      tests.push({
        name: `${name}/${base}`,
        group: name,
        inputFile: input.realPath,
        answerFile: answer?.realPath ?? EMPTY_ANSWER_FILE,
        isSample: name === 'sample' || name.startsWith('sample/'),
        ...validation,
      });
    }
    for (const [base, answer] of answers) {
      if (!inputs.has(base)) this.issues.add(answer.path, `has no matching ${base}.in`);
    }
    const groups: TestGroup[] = [];
    for (const sub of entries.filter((e) => e.kind === 'dir').sort((a, b) => compareNaturally(a.name, b.name))) {
      groups.push(await this.readGroup(sub, `${name}/${sub.name}`, settings));
    }
    tests.sort((a, b) => compareNaturally(a.name, b.name));
    return { name, ...settings, tests, groups };
  }

  /** The settings of a folder: its testdata.yaml (or test_group.yaml) over what it inherits. */
  async settingsOf(entries: readonly PackageEntry[], inherited: GroupGrading): Promise<GroupGrading> {
    // In SETTINGS_FILES order, whatever order the folder lists them in: testdata.yaml wins.
    const found = SETTINGS_FILES.flatMap((name) => entries.filter((e) => e.name === name && e.kind === 'file'));
    const [file, other] = found;
    if (file === undefined) return this.withOverrides(inherited);
    if (other !== undefined) this.issues.warn(other.path, `and ${file.name} both exist: ${file.name} is read, ${other.name} ignored`);
    const text = await this.files.readText(file);
    const report = (message: string): void => this.issues.add(file.path, message);
    const data = text === undefined ? undefined : parseYamlMapping(text, report);
    if (data === undefined) return this.withOverrides(inherited);
    return this.withOverrides(readGroupGrading(data, inherited, { error: report, warn: (message) => this.issues.warn(file.path, message) }));
  }

  /** problem.yaml's legacy `grading` keys win over testdata.yaml, in every group (problemtools). */
  private withOverrides(settings: GroupGrading): GroupGrading {
    const overrides = this.options.groupGradingOverrides ?? {};
    if (Object.keys(overrides).length === 0) return settings;
    // Every group reads the same keys: a bad value is reported once, by the first group.
    const report = (message: string): void => {
      if (this.reportedOverrides.has(message)) return;
      this.reportedOverrides.add(message);
      this.issues.add('problem.yaml', `grading: ${message}`);
    };
    return readGroupGrading(overrides, settings, { error: report, warn: report });
  }

  /**
   * What a group's `output_validator_flags` change for its test cases: the flags (for a custom validator),
   * and for the default validator the comparison they make with problem.yaml's flags.
   */
  private validationOf(settings: GroupGrading, dir: PackageEntry): Pick<TestCase, 'validatorFlags' | 'comparison'> {
    if (settings.outputValidatorFlags.length === 0) return {};
    const validatorFlags = [...settings.outputValidatorFlags];
    const problemFlags = this.options.defaultValidatorFlags;
    if (problemFlags === undefined) return { validatorFlags };
    try {
      return { validatorFlags, comparison: parseValidatorFlags([...problemFlags, ...validatorFlags]) };
    } catch (error) {
      if (!(error instanceof InvalidValidatorFlagsError)) throw error;
      this.issues.add(dir.path, `output_validator_flags: ${error.message}`);
      return { validatorFlags };
    }
  }
}
