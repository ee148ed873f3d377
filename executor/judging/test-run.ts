import type { TestCaseResult } from '../../common/judge-result.js';
import type { Language } from '../../common/language.js';
import type { InternalErrorCulprit } from '../../common/verdict.js';
import type { ProblemLimits, ProblemPackage } from '../../common/problem/problem.js';
import { wallLimitMs } from '../../common/problem/time-limit.js';
import type { CompiledProgram } from './compile-program.js';
import { decideTestVerdict, truncateText, type TestVerdict, type ValidationOutcome } from './decide-verdict.js';
import { describeValidatorStderr, type OutputValidator, type ValidatorFiles } from './output-validator.js';
import type { StagedTestCase } from './problem-data.js';
import { SandboxError } from './sandbox-error.js';
import type { ProcessFacts, ProcessSpec, RunFacts, SandboxSession } from './sandbox-session.js';

/** Where a submission's test runs keep their scratch files; RESET empties it between submissions. */
export const RUN_DIR = '/judge/run';

/** Bytes of program output and expected answer shown for a sample test. */
export const SAMPLE_SHOW_BYTES = 4096;

/** Bytes of the program's stderr searched for the language's out-of-memory message. */
const STDERR_TAIL_BYTES = 16 * 1024;

/** The limits every test case of one submission runs with. */
export interface ProgramLimits {
  cpuMs: number;
  wallMs: number;
  /** Enforced memory, KiB: the problem's limit plus the language's runtime overhead. */
  memoryKb: number;
  outputKb: number;
}

/**
 * The limits of the submitted program's runs: the problem's, or the caller's overrides. An overridden CPU limit
 * gets its wall limit with the package's overshoot (wallLimitMs), as the package's own limit did; the memory
 * the sandbox enforces includes the language's runtime overhead (a JVM's metaspace), so every language has
 * the same room for data.
 */
export function decideProgramLimits(
  limits: ProblemLimits,
  language: Language,
  overrides: { timeLimitMs?: number; memoryMb?: number },
): ProgramLimits {
  const cpuMs = overrides.timeLimitMs ?? limits.timeMs;
  const wallMs = overrides.timeLimitMs === undefined ? limits.wallMs : wallLimitMs(cpuMs, limits.wallOvershoot);
  const memoryMb = overrides.memoryMb ?? limits.memoryMb;
  return { cpuMs, wallMs, memoryKb: (memoryMb + (language.memoryOverheadMb ?? 0)) * 1024, outputKb: limits.outputKb };
}

/** Everything needed to run the test cases of one submission in one container. */
export interface TestRun {
  session: SandboxSession;
  problem: ProblemPackage;
  program: CompiledProgram;
  limits: ProgramLimits;
  /** Present for custom, interactive and multi-pass validation. */
  validator?: OutputValidator;
}

/** One test case's result, and whom to blame when it is an IE. */
export interface TestOutcome {
  result: TestCaseResult;
  culprit?: InternalErrorCulprit;
  /** IE only: TestVerdict.internalDetail, for the submission's internal error (staff only). */
  internalDetail?: string;
}

/**
 * Scratch paths of one test case. Explicit paths, not the supervisor's per-request scratch files: those
 * stay until the container is reset, and a submission's outputs would pile up in the small /judge tmpfs.
 * `slot` files are reused by the tests in flight (a program's output may be megabytes); the feedback
 * directory is per test (`index`), since a stale judgemessage.txt would be read as this test's.
 */
export interface TestPaths {
  /** The program's stdout (read back in the RUN response, or by the validator). */
  outputFile: string;
  errorFile: string;
  validatorOutputFile: string;
  validatorErrorFile: string;
  feedbackDir: string;
}

/** The scratch paths of the test at `index` (in test order), running in pipeline slot `slot`. */
export function makeTestPaths(index: number, slot: number): TestPaths {
  return {
    outputFile: `${RUN_DIR}/out-${slot}`,
    errorFile: `${RUN_DIR}/err-${slot}`,
    validatorOutputFile: `${RUN_DIR}/validator-out-${slot}`,
    validatorErrorFile: `${RUN_DIR}/validator-err-${slot}`,
    feedbackDir: `${RUN_DIR}/feedback-${index}`,
  };
}

/** What the validator of this test reads and writes. */
export function validatorFilesOf(staged: StagedTestCase, paths: TestPaths): ValidatorFiles {
  return {
    inputPath: staged.inputPath,
    answerPath: staged.answerPath,
    feedbackDir: paths.feedbackDir,
    outputFile: paths.validatorOutputFile,
    errorFile: paths.validatorErrorFile,
    ...(staged.test.validatorFlags !== undefined && { groupFlags: staged.test.validatorFlags }),
  };
}

/** The submitted program's process for one test case: stdout to the slot's file unless piped. */
export function makeProgramProcess(
  run: Pick<TestRun, 'program' | 'limits'>,
  paths: TestPaths,
  io: { stdin: string; stdout?: 'pipe'; returnStdoutBytes?: number },
): ProcessSpec {
  const { program, limits } = run;
  return {
    user: 'sandbox',
    cwd: program.dir,
    argv: program.runArgv,
    env: program.env,
    stdin: io.stdin,
    stdout: io.stdout ?? paths.outputFile,
    stderr: paths.errorFile,
    cpuMs: limits.cpuMs,
    wallMs: limits.wallMs,
    memoryKb: limits.memoryKb,
    outputKb: limits.outputKb,
    maxOpenFiles: program.language.maxOpenFiles,
    returnStdoutBytes: io.returnStdoutBytes ?? 0,
    // Only a language that can tell running out of memory on stderr needs it back.
    returnStderrBytes: program.language.outOfMemoryPattern === undefined ? 0 : STDERR_TAIL_BYTES,
  };
}

/** Turns a verdict and the program's facts into the test's result (samples show output and answer). */
export function makeTestOutcome(
  staged: StagedTestCase,
  facts: ProcessFacts,
  verdict: TestVerdict,
  output: Buffer | undefined,
): TestOutcome {
  const { test } = staged;
  const result: TestCaseResult = {
    name: test.name,
    group: test.group,
    verdict: verdict.verdict,
    cpuMs: facts.cpuMs,
    wallMs: facts.wallMs,
    memoryKb: facts.memoryKb,
  };
  if (verdict.exitCode !== undefined) result.exitCode = verdict.exitCode;
  if (verdict.signal !== undefined) result.signal = verdict.signal;
  if (verdict.message !== '') result.message = verdict.message;
  if (test.isSample) {
    if (output !== undefined) result.output = truncateText(output, SAMPLE_SHOW_BYTES);
    result.expected = truncateText(staged.answer, SAMPLE_SHOW_BYTES);
  }
  if (verdict.culprit === undefined) return { result };
  return { result, culprit: verdict.culprit, ...(verdict.internalDetail !== undefined && { internalDetail: verdict.internalDetail }) };
}

/** A process's facts missing from a RESULT: the sandbox broke the protocol. */
export function requireFacts(procs: readonly ProcessFacts[], index: number): ProcessFacts {
  const facts = procs[index];
  if (facts === undefined) throw new SandboxError(`the sandbox reported ${procs.length} processes, expected at least ${index + 1}`);
  return facts;
}

/** The program ended well: its output is worth validating. */
export function programSucceeded(program: ProcessFacts, oomKills: number): boolean {
  return program.limit === null && oomKills === 0 && program.signal === 0 && program.exitCode === 0;
}

/**
 * The verdict of a program run judged by a custom validator: the validator's run and its judgemessage.txt.
 * A validator that failed gets its name and stderr in the IE's internalDetail: the package author needs
 * them to find the bug, and only staff see them (a sample test's message is shown to students).
 */
export function decideByValidator(run: TestRun, facts: RunFacts, validatorRun: RunFacts, message: Buffer | undefined): TestVerdict {
  const validatorFacts = requireFacts(validatorRun.procs, 0);
  const validation: ValidationOutcome = {
    kind: 'validator',
    facts: validatorFacts,
    ...(message === undefined ? {} : { judgeMessage: message.toString('utf8') }),
  };
  const verdict = decideRunVerdict(run, facts, validation);
  if (verdict.culprit === 'validator' && run.validator !== undefined) {
    verdict.internalDetail = describeValidatorStderr(run.validator, validatorRun.stderr, validatorFacts.stderrBytes);
  }
  return verdict;
}

/**
 * decideTestVerdict with what every runner passes the same way: the program is the run's first process,
 * so the run's stderr is the program's.
 */
export function decideRunVerdict(run: TestRun, facts: RunFacts, validation: ValidationOutcome | undefined): TestVerdict {
  return decideTestVerdict({
    program: requireFacts(facts.procs, 0),
    oomKills: facts.oomKills,
    stderrTail: facts.stderr,
    outOfMemoryPattern: run.program.language.outOfMemoryPattern,
    memoryLimitKb: run.limits.memoryKb,
    ...(validation === undefined ? {} : { validation }),
  });
}
