import type { Language } from '../../common/language.js';
import { RUN_STDERR_BYTES, RUN_STDOUT_BYTES, type RunResult, type RunStatus } from '../../common/run-result.js';
import type { Verdict } from '../../common/verdict.js';
import type { ProblemLimits } from '../../common/problem/problem.js';
import { compileSubmission } from './compile-submission.js';
import { decideTestVerdict, nameSignal, truncateText } from './decide-verdict.js';
import { checkSubmission, type Submission } from './check-submission.js';
import type { SandboxSession } from './sandbox-session.js';
import { settleAll } from './settle-all.js';
import { decideProgramLimits, makeProgramProcess, makeTestPaths, requireFacts, RUN_DIR } from './test-run.js';

/** What each verdict of the run's program means for a one-off run (nothing is compared: no WA, no AC). */
const STATUS_OF: Readonly<Partial<Record<Verdict, RunStatus>>> = {
  TLE: 'time_limit',
  MLE: 'memory_limit',
  OLE: 'output_limit',
  RE: 'runtime_error',
  IE: 'internal_error',
};

export interface RunRequest {
  submission: Submission;
  /** The student's own input. */
  stdin: string | Buffer;
  /** The problem's limits (time, memory, output, compile). */
  limits: ProblemLimits;
  signal?: AbortSignal;
  /** The language table (default: common/languages.yaml). */
  languages?: readonly Language[];
}

/**
 * The "Run" button: compiles a submission and runs it once on the student's own stdin, with the problem's
 * limits. Like judgeSubmission, a program's failure is data (the status), a bad submission throws
 * InvalidSubmissionError and a failing container throws SandboxError.
 */
export async function runProgram(session: SandboxSession, request: RunRequest): Promise<RunResult> {
  const { submission, stdin, signal } = request;
  const { language, files } = checkSubmission(submission, request.languages);
  signal?.throwIfAborted();
  const limits = decideProgramLimits(request.limits, language, {});
  const stdinPath = `${RUN_DIR}/stdin`;
  const [, program] = await settleAll<unknown>([
    session.putFile(stdinPath, stdin, 'root', 0o640),
    compileSubmission(session, request.limits, language, files, request.limits.memoryMb),
  ]) as [void, Awaited<ReturnType<typeof compileSubmission>>];
  const compile = program.compile;
  const compileOutput = compile === undefined ? {} : { compileOutput: compile.output };
  if (compile !== undefined && !compile.ok) {
    const internalError = compile.verdict === 'IE' ? { internalError: { culprit: compile.culprit, message: compile.message } } : {};
    return {
      ...emptyRun(compile.verdict === 'CE' ? 'compile_error' : 'internal_error', compile.message),
      ...compileOutput,
      ...internalError,
    };
  }
  signal?.throwIfAborted();

  const spec = makeProgramProcess({ program, limits }, makeTestPaths(0, 0), { stdin: stdinPath, returnStdoutBytes: RUN_STDOUT_BYTES + 1 });
  const facts = await session.run([{ ...spec, returnStderrBytes: RUN_STDERR_BYTES + 1 }]);
  const proc = requireFacts(facts.procs, 0);
  const verdict = decideTestVerdict({
    program: proc,
    oomKills: facts.oomKills,
    stderrTail: facts.stderr,
    outOfMemoryPattern: language.outOfMemoryPattern,
    memoryLimitKb: limits.memoryKb,
    // Nothing to compare: a run that ended well is simply ok.
    validation: { kind: 'compared', result: { accepted: true, message: '' } },
  });
  const status = STATUS_OF[verdict.verdict] ?? 'ok';
  const result: RunResult = {
    status,
    stdout: truncateText(facts.stdout, RUN_STDOUT_BYTES),
    stderr: truncateText(facts.stderr, RUN_STDERR_BYTES),
    ...compileOutput,
    exitCode: proc.exitCode,
    signal: proc.signal === 0 ? null : nameSignal(proc.signal),
    cpuMs: proc.cpuMs,
    wallMs: proc.wallMs,
    memoryKb: proc.memoryKb,
  };
  if (verdict.message !== '') result.message = verdict.message;
  if (status === 'internal_error') result.internalError = { culprit: verdict.culprit ?? 'sandbox', message: verdict.message };
  return result;
}

function emptyRun(status: RunStatus, message: string): RunResult {
  return { status, stdout: '', stderr: '', exitCode: null, signal: null, cpuMs: 0, wallMs: 0, memoryKb: 0, message };
}
