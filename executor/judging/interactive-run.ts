import { makeValidatorProcess } from './output-validator.js';
import type { StagedTestCase } from './problem-data.js';
import { settleAll } from './settle-all.js';
import {
  decideRunVerdict,
  makeProgramProcess,
  makeTestOutcome,
  requireFacts,
  type TestOutcome,
  type TestPaths,
  type TestRun,
  validatorFilesOf,
} from './test-run.js';

/**
 * Runs one test case of an interactive problem, Kattis style: the program and the validator (the
 * interactor) run at the same time, each one's stdout piped into the other's stdin; the interactor gets
 * `input judge_answer feedback_dir` and decides with its exit code. The directory, the run and the read of
 * judgemessage.txt are issued together: one round trip.
 *
 * Which of the two to believe when both fail (a program killed by a broken pipe after the interactor hung
 * up on a wrong answer) is decideTestVerdict's `interactive` rule.
 */
export async function runInteractiveTestCase(run: TestRun, staged: StagedTestCase, paths: TestPaths): Promise<TestOutcome> {
  const { session, validator } = run;
  if (validator === undefined) throw new TypeError('an interactive run needs a validator');
  const files = validatorFilesOf(staged, paths);
  const making = session.makeDir(paths.feedbackDir, 'root');
  const running = session.run([
    makeProgramProcess(run, paths, { stdin: 'pipe', stdout: 'pipe' }),
    makeValidatorProcess(validator, files, { stdin: 'pipe', stdout: 'pipe' }),
  ]);
  const reading = session.getFile(`${paths.feedbackDir}/judgemessage.txt`);
  await settleAll<unknown>([making, running, reading]);

  const facts = await running;
  const message = await reading;
  const validation = {
    kind: 'validator' as const,
    facts: requireFacts(facts.procs, 1),
    ...(message === undefined ? {} : { judgeMessage: message.toString('utf8') }),
  };
  // RunFacts carry only the first process's stderr, which is the program's.
  const verdict = decideRunVerdict(run, facts, validation, { interactive: true });
  return makeTestOutcome(staged, requireFacts(facts.procs, 0), verdict, undefined);
}
