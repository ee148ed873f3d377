import { compareOutput } from './compare-output.js';
import { makeValidatorProcess } from './output-validator.js';
import type { StagedTestCase } from './problem-data.js';
import { settleAll } from './settle-all.js';
import {
  decideByValidator,
  decideRunVerdict,
  makeProgramProcess,
  makeTestOutcome,
  programSucceeded,
  requireFacts,
  SAMPLE_SHOW_BYTES,
  type TestOutcome,
  type TestPaths,
  type TestRun,
  validatorFilesOf,
} from './test-run.js';

/**
 * Runs one test case of a problem with default or custom (non-interactive) validation.
 *
 * Default validation is one round trip: the program's stdout comes back in the RUN response (up to the
 * output limit, beyond which it is OLE anyway) and is compared on the host, with the test group's flags
 * when its testdata.yaml gives `output_validator_flags`.
 * Custom validation issues the program run, the validator run and the read of judgemessage.txt together,
 * so that they too cost one round trip; the validator's answer is ignored when the program failed first.
 */
export async function runTestCase(run: TestRun, staged: StagedTestCase, paths: TestPaths): Promise<TestOutcome> {
  return run.validator === undefined ? runWithComparison(run, staged, paths) : runWithValidator(run, staged, paths);
}

async function runWithComparison(run: TestRun, staged: StagedTestCase, paths: TestPaths): Promise<TestOutcome> {
  const facts = await run.session.run([
    makeProgramProcess(run, paths, { stdin: staged.inputPath, returnStdoutBytes: run.limits.outputKb * 1024 }),
  ]);
  const program = requireFacts(facts.procs, 0);
  const validation = programSucceeded(program, facts.oomKills)
    ? { kind: 'compared' as const, result: compareOutput(staged.answer, facts.stdout, staged.test.comparison ?? run.problem.comparison) }
    : undefined;
  return makeTestOutcome(staged, program, decideRunVerdict(run, facts, validation), facts.stdout);
}

async function runWithValidator(run: TestRun, staged: StagedTestCase, paths: TestPaths): Promise<TestOutcome> {
  const { session, validator } = run;
  if (validator === undefined) throw new TypeError('runWithValidator needs a validator');
  const files = validatorFilesOf(staged, paths);
  const showBytes = staged.test.isSample ? SAMPLE_SHOW_BYTES : 0;
  const making = session.makeDir(paths.feedbackDir, 'root');
  const running = session.run([
    makeProgramProcess(run, paths, { stdin: staged.inputPath, returnStdoutBytes: showBytes }),
  ]);
  const validating = session.run([makeValidatorProcess(validator, files, { stdin: paths.outputFile })]);
  const reading = session.getFile(`${paths.feedbackDir}/judgemessage.txt`);
  await settleAll<unknown>([making, running, validating, reading]);

  const facts = await running;
  const program = requireFacts(facts.procs, 0);
  if (!programSucceeded(program, facts.oomKills)) {
    return makeTestOutcome(staged, program, decideRunVerdict(run, facts, undefined), facts.stdout);
  }
  const validatorRun = await validating;
  const message = await reading;
  return makeTestOutcome(staged, program, decideByValidator(run, facts, validatorRun, message), facts.stdout);
}
