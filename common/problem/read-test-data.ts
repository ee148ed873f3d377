import { compareNaturally } from './natural-order.js';
import type { PackageEntry, PackageFiles } from './package-files.js';
import type { PackageIssues } from './problem-package-error.js';
import { parseYamlMapping, show } from './problem-yaml.js';
import type { TestCase, TestGroup } from './problem.js';

/**
 * Where an interactive test case without a `.ans` file gets its answer from: an empty file that exists on
 * every host, so readers of `answerFile` need no special case (the interactor gets an empty answer file).
 */
export const EMPTY_ANSWER_FILE = '/dev/null';

type GroupSettings = Pick<TestGroup, 'acceptScore' | 'rejectScore' | 'onReject'>;

const ROOT_SETTINGS: GroupSettings = { acceptScore: 1, rejectScore: 0, onReject: 'break' };

/** Kattis grader flags that describe what juez does anyway; any other is refused. */
const SUPPORTED_GRADER_FLAGS = new Set(['sum', 'first_error', 'ignore_sample']);

/**
 * Reads data/sample and data/secret with their nested groups.
 *
 * Group settings (testdata.yaml `accept_score`, `reject_score`, `on_reject`) are inherited from the
 * nearest folder above that sets them, starting from data/testdata.yaml, then accept 1, reject 0, break.
 * Samples are worth nothing unless data/sample (or below) says otherwise: their accept score starts at 0.
 * `answersOptional` (interactive problems): an `.in` without `.ans` gets EMPTY_ANSWER_FILE.
 */
export async function readTestData(
  files: PackageFiles,
  issues: PackageIssues,
  options: { answersOptional: boolean },
): Promise<{ sample: TestGroup; secret: TestGroup }> {
  const reader = new TestDataReader(files, issues, options.answersOptional);
  const data = await files.at('data');
  if (data === undefined || data.kind !== 'dir') {
    issues.add('data', 'is missing: test cases go in data/sample and data/secret');
    return { sample: emptyGroup('sample', ROOT_SETTINGS), secret: emptyGroup('secret', ROOT_SETTINGS) };
  }
  const top = await files.list(data);
  const rootSettings = await reader.settingsOf(top, ROOT_SETTINGS);
  const sampleDir = top.find((e) => e.name === 'sample');
  const secretDir = top.find((e) => e.name === 'secret');
  const sampleSettings = { ...rootSettings, acceptScore: 0, rejectScore: 0 };
  const sample =
    sampleDir?.kind === 'dir'
      ? await reader.readGroup(sampleDir, 'sample', sampleSettings)
      : emptyGroup('sample', sampleSettings);
  const secret =
    secretDir?.kind === 'dir' ? await reader.readGroup(secretDir, 'secret', rootSettings) : emptyGroup('secret', rootSettings);
  if (secretDir?.kind !== 'dir') issues.add('data/secret', 'is missing: the secret test cases go there');
  else if (countTests(secret) === 0) issues.add('data/secret', 'holds no test cases (pairs of NAME.in and NAME.ans)');
  return { sample, secret };
}

function emptyGroup(name: string, settings: GroupSettings): TestGroup {
  return { name, ...settings, tests: [], groups: [] };
}

function countTests(group: TestGroup): number {
  return group.tests.length + group.groups.reduce((sum, sub) => sum + countTests(sub), 0);
}

class TestDataReader {
  constructor(
    private readonly files: PackageFiles,
    private readonly issues: PackageIssues,
    private readonly answersOptional: boolean,
  ) {}

  async readGroup(dir: PackageEntry, name: string, inherited: GroupSettings): Promise<TestGroup> {
    const entries = await this.files.list(dir);
    const settings = await this.settingsOf(entries, inherited);
    const inputs = new Map<string, PackageEntry>();
    const answers = new Map<string, PackageEntry>();
    for (const entry of entries) {
      if (entry.kind !== 'file') continue;
      if (entry.name.endsWith('.in')) inputs.set(entry.name.slice(0, -3), entry);
      else if (entry.name.endsWith('.ans')) answers.set(entry.name.slice(0, -4), entry);
    }
    const tests: TestCase[] = [];
    for (const [base, input] of inputs) {
      const answer = answers.get(base);
      if (answer === undefined && !this.answersOptional) {
        this.issues.add(input.path, `has no matching ${base}.ans`);
        continue;
      }
      tests.push({
        name: `${name}/${base}`,
        group: name,
        inputFile: input.realPath,
        answerFile: answer?.realPath ?? EMPTY_ANSWER_FILE,
        isSample: name === 'sample' || name.startsWith('sample/'),
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

  /** The settings of a folder: its testdata.yaml over what it inherits. */
  async settingsOf(entries: readonly PackageEntry[], inherited: GroupSettings): Promise<GroupSettings> {
    const file = entries.find((e) => e.name === 'testdata.yaml' && e.kind === 'file');
    if (file === undefined) return inherited;
    const text = await this.files.readText(file);
    const report = (message: string): void => this.issues.add(file.path, message);
    const data = text === undefined ? undefined : parseYamlMapping(text, report);
    if (data === undefined) return inherited;
    const settings = { ...inherited };
    for (const key of ['accept_score', 'reject_score'] as const) {
      const value = data[key];
      if (value === undefined) continue;
      if (typeof value === 'number' && Number.isFinite(value)) {
        settings[key === 'accept_score' ? 'acceptScore' : 'rejectScore'] = value;
      } else report(`${key} must be a number, got ${show(value)}`);
    }
    const onReject = data['on_reject'];
    if (onReject === 'break' || onReject === 'continue') settings.onReject = onReject;
    else if (onReject !== undefined) report(`on_reject must be 'break' or 'continue', got ${show(onReject)}`);
    // Settings juez cannot honour are refused rather than ignored: ignoring them would judge differently.
    for (const key of ['output_validator_flags', 'output_validator_args']) {
      if (data[key] !== undefined) {
        report(`${key} per test group is not supported by juez: give the flags in problem.yaml`);
      }
    }
    const graderFlags = data['grader_flags'];
    if (graderFlags !== undefined) {
      const unsupported = String(graderFlags).split(/\s+/).filter((f) => f !== '' && !SUPPORTED_GRADER_FLAGS.has(f));
      if (unsupported.length > 0) {
        const how = 'groups are graded by sum, the verdict is the first error';
        report(`grader_flags ${unsupported.join(' ')} not supported by juez: ${how}`);
      }
    }
    if (data['grading'] !== undefined && data['grading'] !== 'default') {
      report("grading must be 'default' (custom graders are not supported by juez)");
    }
    return settings;
  }
}
