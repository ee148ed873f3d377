/**
 * Facts in, verdicts out. The sandbox reports what happened (exit code, signal, which limit it enforced);
 * these pure functions decide what that means, in a written order of precedence (after DOMjudge's
 * determineVerdict), so that the same facts always get the same verdict whoever judges them.
 */
import { constants } from 'node:os';
import type { InternalErrorCulprit, Verdict } from '../../common/verdict.js';
import type { ComparisonResult } from './compare-output.js';
import type { ProcessFacts } from './sandbox-session.js';

/** Kattis output validator exit codes. Any other exit is the validator's failure, never the student's. */
export const VALIDATOR_ACCEPT_EXIT = 42;
export const VALIDATOR_REJECT_EXIT = 43;

/** Compiler output kept in a result when the caller does not say, bytes. */
export const DEFAULT_COMPILE_OUTPUT_BYTES = 64 * 1024;

/** How the program's output was judged. */
export type ValidationOutcome =
  /** The default output validator (compareOutput). */
  | { kind: 'compared'; result: ComparisonResult }
  /** A custom output validator or interactor: its facts, and its judgemessage.txt if any. */
  | { kind: 'validator'; facts: ProcessFacts; judgeMessage?: string };

export interface TestVerdictInput {
  /** The submitted program's process. */
  program: ProcessFacts;
  /** Processes the kernel OOM killer killed during the program's run (RunFacts.oomKills). */
  oomKills: number;
  /** The end of the program's stderr, searched for `outOfMemoryPattern`. */
  stderrTail?: Buffer | string;
  /** The language's `outOfMemoryPattern` (a regular expression). */
  outOfMemoryPattern?: string;
  /** The memory limit the sandbox enforced on the program, KiB (language overhead included). */
  memoryLimitKb: number;
  /**
   * The validator's judgement. Absent when it did not run, which is right only when the program failed
   * first (a non-interactive program that hit a limit or crashed is not validated).
   */
  validation?: ValidationOutcome;
}

/** The verdict of one test case. */
export interface TestVerdict {
  verdict: Verdict;
  /** For people: why this verdict (empty for a plain AC). */
  message: string;
  /** RE of a program that exited on its own with a non-zero code. */
  exitCode?: number;
  /** RE of a program killed by a signal, e.g. `SIGSEGV`. */
  signal?: string;
  /** Present iff verdict is IE: which component failed. Never the student. */
  culprit?: InternalErrorCulprit;
  /**
   * IE only: what the package's author needs to find the bug (which validator, its stderr). It goes to the
   * submission's internal error, for staff; `message` may be shown to students (a sample test's is).
   */
  internalDetail?: string;
}

/**
 * Decides the verdict of one test case. The first rule that applies wins:
 *
 * 1. IE (culprit `sandbox`): the facts contradict themselves (exit code and signal both, or neither).
 * 2. IE (culprit `validator`): the validator was killed by a signal, hit one of its limits, or exited
 *    with a code other than 42 (AC) or 43 (WA).
 * 3. TLE: the program hit the CPU or wall-clock limit (or died of SIGXCPU, the CPU backstop).
 * 4. (Interactive runs are decided by decideInteractiveVerdict, which calls this for the program alone.)
 * 5. MLE: the memory limit was enforced, the OOM killer struck, the measured peak is above the limit,
 *    or the program failed (non-zero exit or signal) and its stderr matches the language's
 *    `outOfMemoryPattern` (a JVM's OutOfMemoryError exits 1; a caught one that exits 0 is not MLE).
 * 6. OLE: the output limit was enforced (or SIGXFSZ).
 * 7. RE: killed by a signal (named, e.g. SIGSEGV) or a non-zero exit code.
 * 8. IE (culprit `executor`): no validation outcome although the program ended well.
 * 9. The validator's answer: AC, or WA with the comparison's or validator's message.
 */
export function decideTestVerdict(input: TestVerdictInput): TestVerdict {
  const { program, validation } = input;
  const validator = validation?.kind === 'validator' ? validation : undefined;
  const badFacts = describeImpossibleFacts(program) ?? (validator && describeImpossibleFacts(validator.facts));
  if (badFacts !== undefined) return internalError('sandbox', `the sandbox reported impossible facts: ${badFacts}`);

  if (validator !== undefined) {
    const failure = describeValidatorFailure(validator.facts);
    if (failure !== undefined) {
      const detail = validator.judgeMessage ? `: ${truncateText(validator.judgeMessage, 500)}` : '';
      return internalError('validator', `the output validator ${failure}${detail}`);
    }
  }

  const signalName = program.signal !== 0 ? nameSignal(program.signal) : undefined;
  if (program.limit === 'cpu' || signalName === 'SIGXCPU') {
    return { verdict: 'TLE', message: `CPU time limit exceeded (${formatMs(program.cpuMs)} of CPU time used)` };
  }
  if (program.limit === 'wall') {
    return {
      verdict: 'TLE',
      message: `wall-clock time limit exceeded after ${formatMs(program.wallMs)} (waiting for input or sleeping counts too)`,
    };
  }

  const failed = program.signal !== 0 || program.exitCode !== 0;
  const memoryMessage = describeMemoryFailure(input, failed);
  if (memoryMessage !== undefined) return { verdict: 'MLE', message: memoryMessage };

  if (program.limit === 'output' || signalName === 'SIGXFSZ') {
    // stderr has the same limit; a program that floods it would otherwise read "(14 bytes written)".
    const written =
      program.stderrBytes > program.stdoutBytes ? `${program.stderrBytes} bytes written to stderr` : `${program.stdoutBytes} bytes written`;
    return { verdict: 'OLE', message: `output limit exceeded (${written})` };
  }

  if (signalName !== undefined) {
    const why = SIGNAL_EXPLANATIONS[signalName];
    return {
      verdict: 'RE',
      message: `killed by ${signalName}${why ? ` (${why})` : ''}`,
      signal: signalName,
    };
  }
  if (program.exitCode !== 0 && program.exitCode !== null) {
    return { verdict: 'RE', message: `exited with code ${program.exitCode}`, exitCode: program.exitCode };
  }

  if (validation === undefined) return internalError('executor', 'the output was never validated');
  if (validation.kind === 'compared') {
    return validation.result.accepted
      ? { verdict: 'AC', message: '' }
      : { verdict: 'WA', message: validation.result.message };
  }
  // Rule 2 leaves only 42 and 43 here.
  return {
    verdict: validation.facts.exitCode === VALIDATOR_ACCEPT_EXIT ? 'AC' : 'WA',
    message: validation.judgeMessage ?? '',
  };
}

function internalError(culprit: InternalErrorCulprit, message: string): TestVerdict {
  return { verdict: 'IE', message, culprit };
}

/** Why these facts cannot be true, or undefined when they are consistent. */
export function describeImpossibleFacts(facts: ProcessFacts): string | undefined {
  if (facts.exitCode === null && facts.signal === 0) return 'a process neither exited nor was killed';
  if (facts.exitCode !== null && facts.signal !== 0) return 'a process both exited and was killed';
  return undefined;
}

/** How the validator failed, as the end of "the output validator ...", or undefined if it answered. */
export function describeValidatorFailure(facts: ProcessFacts): string | undefined {
  if (facts.limit === 'cpu' || facts.limit === 'wall') return 'exceeded its time limit';
  if (facts.limit === 'memory') return 'exceeded its memory limit';
  if (facts.limit === 'output') return 'exceeded its output limit';
  if (facts.signal !== 0) return `was killed by ${nameSignal(facts.signal)}`;
  if (facts.exitCode !== VALIDATOR_ACCEPT_EXIT && facts.exitCode !== VALIDATOR_REJECT_EXIT) {
    return `exited with code ${facts.exitCode} (expected ${VALIDATOR_ACCEPT_EXIT} or ${VALIDATOR_REJECT_EXIT})`;
  }
  return undefined;
}

function describeMemoryFailure(input: TestVerdictInput, failed: boolean): string | undefined {
  // The limit itself is not quoted: it includes the language's runtime overhead (a JVM's 96 MiB), so it
  // would not be the number the problem statement gives.
  const limit = 'memory limit exceeded';
  if (input.program.limit === 'memory' || input.program.memoryKb > input.memoryLimitKb) {
    return `${limit} (${formatKb(input.program.memoryKb)} used)`;
  }
  if (input.oomKills > 0) return `${limit} (the program was killed by the out-of-memory killer)`;
  if (failed && input.outOfMemoryPattern !== undefined && input.stderrTail !== undefined) {
    if (new RegExp(input.outOfMemoryPattern).test(input.stderrTail.toString())) {
      return `${limit} (the runtime reported running out of memory)`;
    }
  }
  return undefined;
}

/** What a student should understand by the common signals. */
const SIGNAL_EXPLANATIONS: Readonly<Record<string, string>> = {
  SIGSEGV: 'invalid memory access, e.g. an index out of bounds or a stack overflow',
  SIGFPE: 'arithmetic error, e.g. an integer division by zero',
  SIGABRT: 'aborted, e.g. a failed assertion or an uncaught C++ exception',
  SIGBUS: 'invalid memory access',
  SIGILL: 'illegal instruction',
  SIGPIPE: 'wrote to a closed pipe',
  SIGKILL: 'killed',
};

/** `SIGSEGV` for 11; the first name in os.constants.signals wins (SIGABRT rather than SIGIOT). */
export function nameSignal(signal: number): string {
  for (const [name, value] of Object.entries(constants.signals)) if (value === signal) return name;
  return `signal ${signal}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function formatKb(kb: number): string {
  return kb >= 1024 ? `${Math.round((kb / 1024) * 10) / 10} MiB` : `${Math.round(kb)} KiB`;
}

/** The outcome of a compile step: compiled, or the CE / IE verdict of the whole submission. */
export type CompileVerdict =
  | { ok: true; output: string }
  | { ok: false; verdict: 'CE'; message: string; output: string }
  | { ok: false; verdict: 'IE'; culprit: InternalErrorCulprit; message: string; output: string };

/**
 * Decides what a compile step's facts mean. The first rule that applies wins:
 * 1. IE (`sandbox`): impossible facts. 2. IE (`image`): exit code 126 or 127, the shell's "cannot
 * execute" / "command not found": the toolchain is missing from the runtime image, which no compiler
 * reports for a bad program. 3. CE for a compile time, memory (or OOM kill) or output limit, a signal,
 * or any non-zero exit. 4. Compiled.
 * `output` (compiler stdout and stderr merged) is kept up to `maxOutputBytes`, from the start: the first
 * errors are the ones that explain the rest. When the sandbox stopped the compiler (a limit, a signal), a last
 * line `juez: <message>` says why, since that is what a student reads of a CE.
 */
export function decideCompileVerdict(
  facts: ProcessFacts,
  output: Buffer | string,
  options: { oomKills?: number; maxOutputBytes?: number } = {},
): CompileVerdict {
  const text = truncateText(output, options.maxOutputBytes ?? DEFAULT_COMPILE_OUTPUT_BYTES);
  const impossible = describeImpossibleFacts(facts);
  if (impossible !== undefined) {
    const message = `the sandbox reported impossible facts: ${impossible}`;
    return { ok: false, verdict: 'IE', culprit: 'sandbox', message, output: text };
  }
  if (facts.exitCode === 126 || facts.exitCode === 127) {
    const message = `the compiler could not be started (exit code ${facts.exitCode})`;
    return { ok: false, verdict: 'IE', culprit: 'image', message, output: text };
  }
  const ce = (message: string): CompileVerdict => ({ ok: false, verdict: 'CE', message, output: text });
  // A compiler the sandbox stopped cannot explain itself (a compile bomb killed at its time limit prints nothing),
  // and students see the output, not the message: the output ends with the reason.
  const stopped = (message: string): CompileVerdict => {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return { ok: false, verdict: 'CE', message, output: `${text}${separator}juez: ${message}\n` };
  };
  if (facts.limit === 'cpu' || facts.limit === 'wall') return stopped('compilation took too long');
  if (facts.limit === 'memory' || (options.oomKills ?? 0) > 0) return stopped('the compiler ran out of memory');
  if (facts.limit === 'output') return stopped('the compiler wrote too much output');
  if (facts.signal !== 0) return stopped(`the compiler was killed by ${nameSignal(facts.signal)}`);
  if (facts.exitCode !== 0) return ce(`compilation failed (exit code ${facts.exitCode})`);
  return { ok: true, output: text };
}

/**
 * The verdict of a whole pass-fail submission: the first non-AC verdict in test order, else AC.
 * `tests` must be in judging order (see testOrder in score-groups.ts).
 */
export function decideOverallVerdict(tests: readonly { verdict: Verdict }[]): Verdict {
  return tests.find((test) => test.verdict !== 'AC')?.verdict ?? 'AC';
}

/**
 * UTF-8 text of at most `maxBytes` bytes of `value` (from the start), with a note of what was cut.
 * A multi-byte character split by the cut is dropped rather than shown as a replacement character.
 */
export function truncateText(value: Buffer | string, maxBytes: number): string {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that straddles the cut.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return `${bytes.toString('utf8', 0, end)}\n… (${bytes.length - end} more bytes)`;
}
