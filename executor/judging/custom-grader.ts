/**
 * Runs a package's own grader (graders/) on one group, in the sandbox, as the validator user and with the
 * validator's limits: it is the package's code, trusted no more than an output validator.
 */
import type { Language } from '../../common/language.js';
import type { ProblemPackage, TestGroup } from '../../common/problem/problem.js';
import type { GraderResult } from './default-grader.js';
import type { CustomGrade, RunCustomGrader } from './grade-groups.js';
import { formatGraderInput, parseGraderOutput } from './grader-protocol.js';
import { buildPackageProgram, type OutputValidator } from './output-validator.js';
import type { SandboxSession } from './sandbox-session.js';
import { RUN_DIR } from './test-run.js';

/** Enough for "VERDICT score"; a grader printing more is cut off here, not an error. */
const GRADER_STDOUT_BYTES = 4096;
/** stderr shown to the instructor when the grader fails. */
const GRADER_STDERR_BYTES = 4096;

/**
 * The group's result as `grader` (compiled, see prepareOutputValidator) prints it, given the children's
 * results on stdin and the group's `grader_flags` as arguments, as problemtools runs it. A grader that
 * crashes, runs out of time or prints something else is `{ failure }`: an IE blaming the package.
 */
async function runCustomGrader(
  session: SandboxSession,
  grader: OutputValidator,
  group: TestGroup,
  children: readonly GraderResult[],
  index: number,
): Promise<CustomGrade> {
  // One input file per group: graders of several groups may be asked for at once.
  const inputFile = `${RUN_DIR}/grader-${index}.in`;
  await session.putFile(inputFile, formatGraderInput(children), 'root', 0o640);
  const facts = await session.run([
    {
      user: 'validator',
      cwd: grader.program.dir,
      argv: [...grader.program.runArgv, ...group.graderFlags],
      env: grader.program.env,
      stdin: inputFile,
      cpuMs: grader.cpuMs,
      memoryKb: grader.memoryKb,
      returnStdoutBytes: GRADER_STDOUT_BYTES,
      returnStderrBytes: GRADER_STDERR_BYTES,
    },
  ]);
  const proc = facts.procs[0];
  const stderr = facts.stderr.toString('utf8').trim();
  const detail = stderr === '' ? '' : `; its stderr:\n${stderr}`;
  if (proc === undefined || proc.limit !== null || proc.exitCode !== 0) {
    const how = proc === undefined ? 'did not run' : proc.limit !== null ? `hit its ${proc.limit} limit` : proc.exitCode === null ? `was killed by signal ${proc.signal}` : `exited with status ${proc.exitCode}`;
    return { failure: `the grader ${how} grading group ${group.name}${detail}` };
  }
  const parsed = parseGraderOutput(facts.stdout.toString('utf8'));
  return 'failure' in parsed ? { failure: `${parsed.failure}, grading group ${group.name}${detail}` } : parsed;
}

/**
 * The RunCustomGrader for one submission in `session`: the grader is built on first use (only submissions
 * that reach a custom-graded group pay for it), then run once per group. Undefined for a package without one.
 */
export function makeCustomGraderRunner(
  session: SandboxSession,
  problem: ProblemPackage,
  languages: readonly Language[] | undefined,
): RunCustomGrader | undefined {
  const shipped = problem.grader;
  if (shipped === undefined) return undefined;
  let prepared: Promise<OutputValidator | { failure: string }> | undefined;
  let runs = 0;
  return async (group, children) => {
    prepared ??= buildPackageProgram(session, problem, shipped, languages, 'grader', 'the grader');
    const grader = await prepared;
    if ('failure' in grader) return grader;
    runs += 1;
    return runCustomGrader(session, grader, group, children, runs);
  };
}
