import type { JudgeProgress, JudgeResult, TestCaseResult } from '../../common/judge-result.js';
import type { Language } from '../../common/language.js';
import type { InternalErrorCulprit } from '../../common/verdict.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { checkSubmission, type Submission } from './check-submission.js';
import type { CompiledProgram } from './compile-program.js';
import { compileSubmission } from './compile-submission.js';
import { makeCustomGraderRunner } from './custom-grader.js';
import type { CompileVerdict } from './decide-verdict.js';
import { gradeSubmission, maxScoreOf } from './grade-groups.js';
import {
  findPackageProgramLanguage,
  isValidatorFailure,
  prepareOutputValidator,
  type OutputValidator,
  type ValidatorFailure,
} from './output-validator.js';
import { loadProblemData, stageProblemData } from './problem-data.js';
import { runTestCases } from './run-test-cases.js';
import type { SandboxSession } from './sandbox-session.js';
import { settleAll } from './settle-all.js';
import { decideProgramLimits, type TestRun } from './test-run.js';

export type { Submission, SubmissionFile } from './check-submission.js';

export interface JudgeOptions {
  /**
   * Stop judging at the first failure the problem's rules allow stopping at (see actionAfterFailure):
   * a pass-fail problem stops at its first non-AC test, a scoring problem skips the rest of a group whose
   * `on_reject` is `break`. Default true; false judges every test case.
   */
  stopOnFirstFailure?: boolean;
  /** Overrides the problem's CPU time limit per test case (the wall limit scales with it). */
  timeLimitMs?: number;
  /** Overrides the problem's memory limit. */
  memoryMb?: number;
  /** Called after each judged test case, in test order. */
  onProgress?: (progress: JudgeProgress) => void;
  /** Aborting stops judging after the tests in flight; judgeSubmission then rejects with the reason. */
  signal?: AbortSignal;
  /** The language table (default: common/languages.yaml). */
  languages?: readonly Language[];
}

/**
 * Judges one submission in one leased container: stages the problem's data (cached in the container across
 * submissions), prepares the output validator if any, compiles the program once, runs every test case in
 * order (samples first) and grades the results over the test data tree (gradeSubmission).
 *
 * A student's failure (CE, WA, TLE, ...) is the returned verdict. An output validator or package that
 * misbehaves is an IE verdict naming it (retrying would fail the same way).
 * @throws InvalidSubmissionError for a submission that cannot be judged as sent (unknown language, bad
 *   file name): the caller's mistake.
 * @throws SandboxError when the container fails: the caller discards it and may retry on another.
 */
export async function judgeSubmission(
  session: SandboxSession,
  problem: ProblemPackage,
  submission: Submission,
  options: JudgeOptions = {},
): Promise<JudgeResult> {
  const { language, files } = checkSubmission(submission, options.languages);
  options.signal?.throwIfAborted();
  const maxScore = maxScoreOf(problem);
  const validatorLanguage = findValidatorLanguage(problem, options.languages);
  if (validatorLanguage instanceof Error) return internalError(maxScore, 'package', validatorLanguage.message);
  const data = await loadProblemData(problem);
  const limits = decideProgramLimits(problem.limits, language, options);
  const memoryMb = options.memoryMb ?? problem.limits.memoryMb;

  // Issued together: staging usually is one GET, and it overlaps with writing and compiling the sources.
  const [, validator, program] = await settleAll<unknown>([
    stageProblemData(session, data),
    validatorLanguage === undefined ? Promise.resolve(undefined) : prepareOutputValidator(session, problem, validatorLanguage),
    compileSubmission(session, problem.limits, language, files, memoryMb, { deferCheck: true }),
  ]) as [void, OutputValidator | ValidatorFailure | undefined, CompiledProgram];

  if (validator !== undefined && isValidatorFailure(validator)) {
    return internalError(maxScore, validator.culprit, validator.message);
  }
  let compile = program.compile;
  if (compile !== undefined && !compile.ok) return compileFailure(compile, maxScore);

  const run: TestRun = { session, problem, program, limits, ...(validator === undefined ? {} : { validator }) };
  const { deferredCheck } = program;
  const judged = await runTestCases(run, data.tests, {
    stopOnFirstFailure: options.stopOnFirstFailure ?? true,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(deferredCheck !== undefined && {
      acceptFirst: async (first) => {
        // A program that ended well ran its main file, so the check passed. A failure may be the check's
        // (a syntax error is CE, not RE): it runs now, before any result is reported.
        compile = provesCompiled(first, problem) ? { ok: true, output: '' } : await deferredCheck();
        return compile.ok;
      },
    }),
  });
  // No test ran (none, or all were skipped): the check alone decides.
  if (deferredCheck !== undefined && compile === undefined && !options.signal?.aborted) compile = await deferredCheck();
  if (compile !== undefined && !compile.ok) return compileFailure(compile, maxScore);
  const tests = judged.results;
  const grade = await gradeSubmission(problem, tests, makeCustomGraderRunner(session, problem, options.languages));
  const internal = judged.internalError ?? grade.internalError;
  const result: JudgeResult = {
    verdict: internal === undefined ? grade.verdict : 'IE',
    score: internal === undefined ? grade.score : 0,
    maxScore: grade.maxScore,
    tests,
    cpuMs: tests.reduce((total, t) => total + t.cpuMs, 0),
    maxMemoryKb: tests.reduce((max, t) => Math.max(max, t.memoryKb), 0),
  };
  if (compile !== undefined) result.compileOutput = compile.output;
  if (internal !== undefined) result.internalError = internal;
  if (problem.type === 'scoring') result.groups = grade.groups;
  return result;
}

/**
 * The language of the problem's output validator (or its build/run scripts): undefined for default
 * validation, an Error (the package's fault, an IE) when the package names one that this judge does not know.
 */
function findValidatorLanguage(problem: ProblemPackage, languages: readonly Language[] | undefined): Language | Error | undefined {
  if (problem.validation === 'default') return undefined;
  const shipped = problem.outputValidator;
  if (shipped === undefined) return new Error(`validation is ${problem.validation} but the package has no output validator`);
  return findPackageProgramLanguage(shipped, languages);
}

/**
 * Whether a test's result proves that the program's run passed the language's check: it exited 0 (AC, or WA
 * where a validator only judges a program that ended well; an interactive WA can follow any crash).
 */
function provesCompiled(result: TestCaseResult, problem: ProblemPackage): boolean {
  return result.verdict === 'AC' || (result.verdict === 'WA' && problem.validation !== 'custom-interactive');
}

/** The result of a submission that did not compile (CE), or whose compiler could not run (IE). */
function compileFailure(compile: Exclude<CompileVerdict, { ok: true }>, maxScore: number): JudgeResult {
  const base = { score: 0, maxScore, compileOutput: compile.output, tests: [], cpuMs: 0, maxMemoryKb: 0 };
  return compile.verdict === 'CE'
    ? { ...base, verdict: 'CE' }
    : { ...base, verdict: 'IE', internalError: { culprit: compile.culprit, message: compile.message } };
}

function internalError(maxScore: number, culprit: InternalErrorCulprit, message: string): JudgeResult {
  return { verdict: 'IE', score: 0, maxScore, internalError: { culprit, message }, tests: [], cpuMs: 0, maxMemoryKb: 0 };
}
