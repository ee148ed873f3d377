/**
 * Runs a package's input validators on its test inputs, as problemtools' verifyproblem does, so that an
 * instructor finds a malformed test file before uploading. Only `judge-cli verify` runs them; judging a
 * submission never does. Built and run like an output validator: in the sandbox, as user `validator`, with
 * the validation limits, each one built once per container (preparePackageProgram).
 */
import type { Language } from '../../common/language.js';
import type { InternalErrorCulprit } from '../../common/verdict.js';
import type { ProblemPackage, TestGroup } from '../../common/problem/problem.js';
import { inputValidatorArguments } from '../../common/problem/read-input-validators.js';
import { buildPackageProgram, moreBytesNote, PACKAGE_PROGRAM_STDERR_BYTES, type OutputValidator } from './output-validator.js';
import { loadProblemData, stageProblemData } from './problem-data.js';
import type { RunFacts, SandboxSession } from './sandbox-session.js';
import { testOrder } from './score-groups.js';
import { RUN_DIR } from './test-run.js';

/** Exit codes of the format's validators: 42 the input is valid, 43 it is not. */
const INPUT_VALID_EXIT = 42;
const INPUT_INVALID_EXIT = 43;

/** Output an input validator may write (stdout and stderr each), KiB: a few lines of reasons, not a dump. */
const VALIDATOR_OUTPUT_KB = 1024;

/** What one input validator said about one input. */
export type InputValidity =
  | { kind: 'accepted' }
  /** It exited 43; `message` is its reason (its stderr, else its stdout), cut to PACKAGE_PROGRAM_STDERR_BYTES. */
  | { kind: 'rejected'; message: string }
  /** It crashed, hit a limit or exited with another code: the validator is broken, not the input. */
  | { kind: 'failed'; message: string };

/** How many inputs one validator accepted, rejected, and failed on. */
export interface InputValidatorTally {
  /** Its path below the package: `input_validators/validate.py`. */
  name: string;
  accepted: number;
  rejected: number;
  failed: number;
}

/** An input a validator rejected or failed on; without `input`, the validator could not be built or started. */
export interface InputFinding {
  /** The file below the package: `data/secret/group1/02.in`. */
  input?: string;
  validator: string;
  kind: 'rejected' | 'failed';
  message: string;
}

export interface InputValidationResult {
  /** Test inputs in data/ (sample and secret, every group). */
  inputs: number;
  /** One per input validator, in package order; empty when the package has none. */
  validators: InputValidatorTally[];
  /** Every rejection and failure, validator by validator, inputs in test order. */
  findings: InputFinding[];
  /** The sandbox or the executor failed: nothing is known about the inputs. */
  internalError?: { culprit: InternalErrorCulprit; message: string };
}

export interface ValidateInputsOptions {
  /** Aborting stops after the run in flight; validateInputs then rejects with the reason. */
  signal?: AbortSignal;
  /** The language table (default: common/languages.yaml). */
  languages?: readonly Language[];
}

/**
 * Runs every input validator on every `.in` of data/ in one leased container: stdin is the input, the
 * arguments are its group's `input_validator_flags` (inputValidatorArguments). A validator that cannot be
 * built is one failed finding; it is not run.
 * @throws SandboxError when the container fails: the caller discards it and may retry on another.
 */
export async function validateInputs(
  session: SandboxSession,
  problem: ProblemPackage,
  options: ValidateInputsOptions = {},
): Promise<InputValidationResult> {
  const tests = testOrder(problem);
  const result: InputValidationResult = { inputs: tests.length, validators: [], findings: [] };
  if (problem.inputValidators.length === 0) return result;
  const data = await loadProblemData(problem);
  await stageProblemData(session, data);
  const groups = groupsByName(problem);
  for (const shipped of problem.inputValidators) {
    const tally: InputValidatorTally = { name: shipped.name, accepted: 0, rejected: 0, failed: 0 };
    result.validators.push(tally);
    options.signal?.throwIfAborted();
    const validator = await buildPackageProgram(session, problem, shipped, options.languages, 'input validator', `the input validator ${shipped.name}`);
    if ('failure' in validator) {
      result.findings.push({ validator: shipped.name, kind: 'failed', message: validator.failure });
      continue;
    }
    for (const staged of data.tests) {
      options.signal?.throwIfAborted();
      const args = inputValidatorArguments(groups.get(staged.test.group)?.inputValidatorFlags, shipped);
      const facts = await runInputValidator(session, validator, staged.inputPath, args);
      const validity = decideInputValidity(facts);
      tally[validity.kind] += 1;
      if (validity.kind !== 'accepted') {
        result.findings.push({ input: `data/${staged.test.name}.in`, validator: shipped.name, kind: validity.kind, message: validity.message });
      }
    }
  }
  return result;
}

/** The result when input validation could not run at all (the sandbox or the executor failed). */
export function inputValidationFailure(
  problem: ProblemPackage,
  culprit: InternalErrorCulprit,
  message: string,
): InputValidationResult {
  return { inputs: testOrder(problem).length, validators: [], findings: [], internalError: { culprit, message } };
}

/** `validator [args] < input`, as user validator with the validation limits; its stdout and stderr come back. */
function runInputValidator(session: SandboxSession, validator: OutputValidator, inputPath: string, args: readonly string[]): Promise<RunFacts> {
  return session.run([
    {
      user: 'validator',
      cwd: validator.program.dir,
      argv: [...validator.program.runArgv, ...args],
      env: validator.program.env,
      stdin: inputPath,
      // Named files, reused by every run: scratch files would pile up in the small /judge tmpfs.
      stdout: `${RUN_DIR}/input-validator.out`,
      stderr: `${RUN_DIR}/input-validator.err`,
      cpuMs: validator.cpuMs,
      memoryKb: validator.memoryKb,
      outputKb: VALIDATOR_OUTPUT_KB,
      maxOpenFiles: validator.program.language.maxOpenFiles,
      returnStdoutBytes: PACKAGE_PROGRAM_STDERR_BYTES,
      returnStderrBytes: PACKAGE_PROGRAM_STDERR_BYTES,
    },
  ]);
}

/**
 * What an input validator's run says about the input, from the facts alone. In this order: a run that hit
 * a limit, was killed (by a signal or the out-of-memory killer) or did not run is the validator's failure;
 * then exit 42 accepts the input, 43 rejects it (the reason: its stderr, else its stdout), and any other
 * exit code is the validator's failure, as for output validators.
 */
export function decideInputValidity(facts: RunFacts): InputValidity {
  const proc = facts.procs[0];
  const output = describeOutput(facts);
  const withOutput = (what: string): string => (output === undefined ? what : `${what}: ${output}`);
  if (proc === undefined) return { kind: 'failed', message: 'did not run' };
  if (proc.limit !== null) return { kind: 'failed', message: withOutput(`hit its ${LIMIT_NAMES[proc.limit]} limit`) };
  if (facts.oomKills > 0) return { kind: 'failed', message: withOutput('was killed by the out-of-memory killer') };
  if (proc.exitCode === null) return { kind: 'failed', message: withOutput(`was killed by signal ${proc.signal}`) };
  if (proc.exitCode === INPUT_VALID_EXIT) return { kind: 'accepted' };
  if (proc.exitCode === INPUT_INVALID_EXIT) return { kind: 'rejected', message: output ?? 'rejected it without saying why (exit code 43, no output)' };
  const codes = `${INPUT_VALID_EXIT} accepts an input, ${INPUT_INVALID_EXIT} rejects it`;
  return { kind: 'failed', message: withOutput(`exited with code ${proc.exitCode} (${codes})`) };
}

const LIMIT_NAMES = { cpu: 'time', wall: 'wall-clock time', memory: 'memory', output: 'output' } as const;

/**
 * The validator's reason: its stderr, else its stdout (the first PACKAGE_PROGRAM_STDERR_BYTES, which the run
 * returns), trimmed; undefined when both are empty.
 */
function describeOutput(facts: RunFacts): string | undefined {
  const proc = facts.procs[0];
  for (const [bytes, total] of [[facts.stderr, proc?.stderrBytes ?? 0], [facts.stdout, proc?.stdoutBytes ?? 0]] as const) {
    const text = bytes.toString('utf8').trim();
    if (text === '') continue;
    return `${text}${moreBytesNote(bytes.length, total)}`;
  }
  return undefined;
}

/** Every group of the test data tree by name (`sample`, `secret/group1`): a test case knows only its group's name. */
function groupsByName(problem: Pick<ProblemPackage, 'sample' | 'secret'>): Map<string, TestGroup> {
  const groups = new Map<string, TestGroup>();
  const add = (group: TestGroup): void => {
    groups.set(group.name, group);
    group.groups.forEach(add);
  };
  add(problem.sample);
  add(problem.secret);
  return groups;
}
