import { decideInteractiveVerdict } from './decide-interactive-verdict.js';
import { describeValidatorStderr, makeValidatorProcess } from './output-validator.js';
import type { StagedTestCase } from './problem-data.js';
import { settleAll } from './settle-all.js';
import { makeProgramProcess, makeTestOutcome, requireFacts, type TestOutcome, type TestPaths, type TestRun, validatorFilesOf } from './test-run.js';

/**
 * Bytes of the program's stderr returned at least: enough for a traceback's last line (BrokenPipeError,
 * EOFError), which tells who closed first when both sides ended in the same wake-up of the supervisor.
 */
const PROGRAM_STDERR_BYTES = 4096;

/**
 * Runs one test case of an interactive problem, Kattis style: the program and the validator (the
 * interactor) run at the same time, each one's stdout piped into the other's stdin; the interactor gets
 * `input judge_answer feedback_dir` and decides with its exit code. The directory, the run and the read of
 * judgemessage.txt are issued together: one round trip.
 *
 * Each side has its own limits (the supervisor kills only the side that hits one), so a deadlock ends at the
 * program's wall-clock limit, far below the validator's. Who is to blame when both fail is
 * decideInteractiveVerdict.
 */
export async function runInteractiveTestCase(run: TestRun, staged: StagedTestCase, paths: TestPaths): Promise<TestOutcome> {
  const { session, validator } = run;
  if (validator === undefined) throw new TypeError('an interactive run needs a validator');
  const files = validatorFilesOf(staged, paths);
  const program = makeProgramProcess(run, paths, { stdin: 'pipe', stdout: 'pipe' });
  program.returnStderrBytes = Math.max(program.returnStderrBytes ?? 0, PROGRAM_STDERR_BYTES);
  const making = session.makeDir(paths.feedbackDir, 'root');
  const running = session.run([program, makeValidatorProcess(validator, files, { stdin: 'pipe', stdout: 'pipe' })]);
  const reading = session.getFile(`${paths.feedbackDir}/judgemessage.txt`);
  await settleAll<unknown>([making, running, reading]);

  const facts = await running;
  const message = await reading;
  const programFacts = requireFacts(facts.procs, 0);
  // The RESULT concatenates both sides' stderr, the program's first (at most its returnStderrBytes).
  const programStderrBytes = Math.min(program.returnStderrBytes, programFacts.stderrBytes);
  const validatorStderr = facts.stderr.subarray(programStderrBytes);
  const verdict = decideInteractiveVerdict({
    program: programFacts,
    oomKills: facts.oomKills,
    stderrTail: facts.stderr.subarray(0, programStderrBytes),
    outOfMemoryPattern: run.program.language.outOfMemoryPattern,
    memoryLimitKb: run.limits.memoryKb,
    validator: {
      facts: requireFacts(facts.procs, 1),
      stderr: validatorStderr,
      ...(message === undefined ? {} : { judgeMessage: message.toString('utf8') }),
    },
  });
  // A validator's stderr is for the package author, who needs it to find the bug: staff only.
  if (verdict.culprit === 'validator') {
    verdict.internalDetail = describeValidatorStderr(validator, validatorStderr, requireFacts(facts.procs, 1).stderrBytes);
  }
  return makeTestOutcome(staged, programFacts, verdict, undefined);
}
