/**
 * Who is to blame in an interactive run, as problemtools' verifyproblem (validate_interactive) and DOMjudge's
 * judgehost decide it: the program and the validator (interactor) run at once, joined by pipes, so one side
 * failing usually makes the other fail too; whoever finished first caused it.
 */
import { constants } from 'node:os';
import {
  decideTestVerdict,
  describeImpossibleFacts,
  describeValidatorFailure,
  truncateText,
  VALIDATOR_ACCEPT_EXIT,
  VALIDATOR_REJECT_EXIT,
  type TestVerdict,
  type TestVerdictInput,
} from './decide-verdict.js';
import type { ProcessFacts } from './sandbox-session.js';

/**
 * Two ends closer than this (ms, supervisor clock) were reaped in the same wake-up of the supervisor, so
 * their order says nothing: the supervisor wakes at once on SIGCHLD, and one wake-up reaps in microseconds.
 */
export const SAME_WAKEUP_MS = 1;

/**
 * What a process writes on stderr when a write hit a pipe whose reader is gone (Python's BrokenPipeError,
 * C's strerror, Java's IOException) or when it read end of file where it expected more (Python's EOFError).
 * Either means the other side had closed its end first.
 */
const BROKEN_PIPE_PATTERN = /BrokenPipeError|Broken pipe|EPIPE/;
const PEER_CLOSED_PATTERN = /BrokenPipeError|Broken pipe|EPIPE|EOFError/;

export interface InteractiveVerdictInput extends Omit<TestVerdictInput, 'validation'> {
  /** The validator's process, its judgemessage.txt and the start of its stderr. */
  validator: { facts: ProcessFacts; judgeMessage?: string; stderr?: Buffer | string };
}

/** Which side of an interactive run finished first; `tie` when the facts cannot tell. */
export type FirstToFinish = 'program' | 'validator' | 'tie';

/**
 * Decides the verdict of one interactive test case. The first rule that applies wins:
 *
 * 1. IE (culprit `sandbox`): impossible facts for either process.
 * 2. The validator failed (signal, one of its limits, an exit code other than 42 / 43):
 *    a. by a broken pipe (killed by SIGPIPE, or its stderr says EPIPE / BrokenPipeError): only the program
 *       holds the other end, so the program had closed it: the program's own verdict (TLE, MLE, OLE, RE)
 *       if it failed, else WA (it stopped reading before the dialogue was over);
 *    b. after the program had already failed on its own (the program finished first, or the OOM killer
 *       struck): the program's verdict — the validator choking on the end of its input is a consequence;
 *    c. otherwise IE (culprit `validator`): the validator failed on its own.
 * 3. WA: the validator rejected (43) and finished first, whatever the program did after (hang, crash,
 *    limit, broken pipe): problemtools follows the validator here "even if that early exit caused the
 *    submission to behave erratically".
 * 4. The program's own failure, in decideTestVerdict's order: TLE (CPU or wall clock: a deadlock, both
 *    sides waiting, ends at the program's wall limit), MLE, OLE, RE.
 * 5. The validator's verdict: 42 AC, 43 WA (a program that quit early and left the validator waiting for
 *    more gets the validator's WA).
 *
 * Who finished first (see decideFirstToFinish): causal evidence first — a validator's broken pipe means the
 * program had closed, a program's broken pipe (SIGPIPE, EPIPE, EOFError on stderr) means the validator had —
 * then `endMs`; ends within SAME_WAKEUP_MS are a tie, and a tie is not "first": a rejection counts as the
 * cause only when the facts prove it came first, otherwise the program's own failure stands (rule 4).
 */
export function decideInteractiveVerdict(input: InteractiveVerdictInput): TestVerdict {
  const { validator } = input;
  const badFacts = describeImpossibleFacts(input.program) ?? describeImpossibleFacts(validator.facts);
  if (badFacts !== undefined) {
    return { verdict: 'IE', message: `the sandbox reported impossible facts: ${badFacts}`, culprit: 'sandbox' };
  }
  // The program judged alone: TLE, MLE, OLE or RE when it failed; when it ended well, decideTestVerdict has
  // nothing to validate and says so with an executor IE, which here just means "no failure of its own".
  const { validator: _validator, ...programOnly } = input;
  const own = decideTestVerdict(programOnly);
  const programFailed = own.verdict !== 'IE';
  const first = decideFirstToFinish(input.program, validator.facts, input.stderrTail, validator.stderr);
  const judgeMessage = validator.judgeMessage ?? '';

  const failure = describeValidatorFailure(validator.facts);
  if (failure !== undefined) {
    if (hitBrokenPipe(validator.facts, validator.stderr)) {
      if (programFailed) return own;
      return { verdict: 'WA', message: 'the program stopped reading before the interactor was done (the interactor wrote to a closed pipe)' };
    }
    if (programFailed && (first === 'program' || input.oomKills > 0)) return own;
    const detail = judgeMessage === '' ? '' : `: ${truncateText(judgeMessage, 500)}`;
    return { verdict: 'IE', message: `the output validator ${failure}${detail}`, culprit: 'validator' };
  }

  if (validator.facts.exitCode === VALIDATOR_REJECT_EXIT && first === 'validator') return { verdict: 'WA', message: judgeMessage };
  if (programFailed) return own;
  return { verdict: validator.facts.exitCode === VALIDATOR_ACCEPT_EXIT ? 'AC' : 'WA', message: judgeMessage };
}

/**
 * Which side finished first. A broken pipe is proof of order whatever the clock says: the validator's stdout
 * is read only by the program and the program's stdout only by the validator, so a write that hit a closed
 * pipe (or a read that hit end of file) came after the other side closed — usually by exiting. That also
 * settles ties (both reaped in one wake-up, where the order of reaping is arbitrary). Without such proof the
 * supervisor's `endMs` decides; missing or within SAME_WAKEUP_MS is a tie.
 */
export function decideFirstToFinish(
  program: ProcessFacts,
  validator: ProcessFacts,
  programStderr?: Buffer | string,
  validatorStderr?: Buffer | string,
): FirstToFinish {
  const validatorBrokenPipe = hitBrokenPipe(validator, validatorStderr);
  const programBrokenPipe =
    program.signal === constants.signals.SIGPIPE ||
    (program.exitCode !== 0 && program.exitCode !== null && PEER_CLOSED_PATTERN.test(textOf(programStderr)));
  if (validatorBrokenPipe && !programBrokenPipe) return 'program';
  if (programBrokenPipe && !validatorBrokenPipe) return 'validator';
  if (program.endMs === undefined || validator.endMs === undefined) return 'tie';
  if (Math.abs(program.endMs - validator.endMs) <= SAME_WAKEUP_MS) return 'tie';
  return program.endMs < validator.endMs ? 'program' : 'validator';
}

/** The process was killed by SIGPIPE, or failed and said EPIPE on stderr. */
function hitBrokenPipe(facts: ProcessFacts, stderr: Buffer | string | undefined): boolean {
  if (facts.signal === constants.signals.SIGPIPE) return true;
  const failed = facts.exitCode !== null && facts.exitCode !== 0 && facts.exitCode !== VALIDATOR_ACCEPT_EXIT && facts.exitCode !== VALIDATOR_REJECT_EXIT;
  return failed && BROKEN_PIPE_PATTERN.test(textOf(stderr));
}

function textOf(value: Buffer | string | undefined): string {
  return value === undefined ? '' : value.toString();
}
