import { makeValidatorProcess } from './output-validator.js';
import type { StagedTestCase } from './problem-data.js';
import type { ProcessFacts } from './sandbox-session.js';
import { settleAll } from './settle-all.js';
import {
  decideByValidator,
  decideRunVerdict,
  makeProgramProcess,
  makeTestOutcome,
  programSucceeded,
  requireFacts,
  RUN_DIR,
  SAMPLE_SHOW_BYTES,
  type TestOutcome,
  type TestPaths,
  type TestRun,
  validatorFilesOf,
} from './test-run.js';

/**
 * Runs one test case of a multi-pass problem, Kattis style: after each pass the validator may write
 * `nextpass.in` into the feedback directory (which persists between passes); the program then runs
 * again with it as stdin, up to `limits.validationPasses` passes. The test is accepted when a pass is
 * accepted without asking for another. Asking for a pass beyond the limit is the validator's fault (IE).
 *
 * Each pass issues its runs and reads together (one round trip); between passes nextpass.in is moved out
 * of the feedback directory, so that a later pass that writes none is not mistaken for asking again.
 */
export async function runMultiPassTestCase(run: TestRun, staged: StagedTestCase, paths: TestPaths, index: number): Promise<TestOutcome> {
  const { session, validator } = run;
  if (validator === undefined) throw new TypeError('a multi-pass run needs a validator');
  const maxPasses = run.problem.limits.validationPasses;
  const files = validatorFilesOf(staged, paths);
  const nextPassFile = `${paths.feedbackDir}/nextpass.in`;
  const total = { cpuMs: 0, wallMs: 0, memoryKb: 0 };
  const prepare: Promise<unknown>[] = [session.makeDir(paths.feedbackDir, 'root')];
  let input = staged.inputPath;

  for (let pass = 1; ; pass++) {
    const running = session.run([
      makeProgramProcess(run, paths, {
        stdin: input,
        returnStdoutBytes: staged.test.isSample ? SAMPLE_SHOW_BYTES : 0,
      }),
    ]);
    const validating = session.run([makeValidatorProcess(validator, files, { stdin: paths.outputFile })]);
    const readingMessage = session.getFile(`${paths.feedbackDir}/judgemessage.txt`);
    const readingNext = session.getFile(nextPassFile);
    await settleAll<unknown>([...prepare, running, validating, readingMessage, readingNext]);

    const facts = await running;
    const program = requireFacts(facts.procs, 0);
    addFacts(total, program);
    const summed = { ...program, ...total };
    if (!programSucceeded(program, facts.oomKills)) {
      return makeTestOutcome(staged, summed, withPass(decideRunVerdict(run, facts, undefined), pass, maxPasses), facts.stdout);
    }
    const validatorRun = await validating;
    const message = await readingMessage;
    const verdict = decideByValidator(run, facts, validatorRun, message);
    const next = await readingNext;
    if (verdict.verdict !== 'AC' || next === undefined) {
      return makeTestOutcome(staged, summed, withPass(verdict, pass, maxPasses), facts.stdout);
    }
    if (pass >= maxPasses) {
      const tooMany = {
        verdict: 'IE' as const,
        culprit: 'validator' as const,
        message: `the output validator asked for pass ${pass + 1}, but the problem allows ${maxPasses} passes`,
      };
      return makeTestOutcome(staged, summed, tooMany, facts.stdout);
    }
    input = `${RUN_DIR}/nextpass-${index}-${pass + 1}.in`;
    prepare.length = 0;
    prepare.push(session.putFile(input, next, 'root', 0o640), session.removePath(nextPassFile));
  }
}

function addFacts(total: { cpuMs: number; wallMs: number; memoryKb: number }, facts: ProcessFacts): void {
  total.cpuMs += facts.cpuMs;
  total.wallMs += facts.wallMs;
  total.memoryKb = Math.max(total.memoryKb, facts.memoryKb);
}

/** Says in which pass a multi-pass test failed: a failure in pass 3 means something else than in pass 1. */
function withPass<T extends { verdict: string; message: string }>(verdict: T, pass: number, maxPasses: number): T {
  if (verdict.verdict === 'AC' || maxPasses <= 1) return verdict;
  const where = `pass ${pass}`;
  return { ...verdict, message: verdict.message === '' ? where : `${where}: ${verdict.message}` };
}
