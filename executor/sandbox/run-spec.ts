/**
 * The run spec of a RUN request (supervisor-protocol.md, "Run spec"): `key=value` lines, one process or two
 * separated by `--`. Values run to the end of the line, so a newline inside a value would let whoever chose
 * that value (a student naming a file, say) add keys of their own; encodeRunSpec refuses such values.
 */
import type { ProcessSpec } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { checkPath } from './sandbox-path.js';

/** The wall-clock limit the supervisor enforces on a process: its own, or the protocol's default. */
export function wallLimitMs(spec: ProcessSpec): number {
  return spec.wallMs ?? 3 * spec.cpuMs + 1000;
}

function invalid(why: string): never {
  throw new SandboxError(`invalid run spec: ${why}`, 'executor');
}

/** NUL would end the value early in C; a newline would start a new key. */
function checkValue(what: string, value: string): string {
  if (/[\n\0]/.test(value)) invalid(`${what} contains a newline or NUL: ${JSON.stringify(value)}`);
  return value;
}

const DAY_MS = 86_400_000;
const FOUR_TIB_IN_KB = 2 ** 32;
/** Ranges the supervisor accepts (anything else is an ERR, i.e. an internal error blamed on the sandbox). */
const RANGES = {
  cpuMs: [1, DAY_MS],
  wallMs: [1, 3 * DAY_MS + 1000],
  memoryKb: [1, FOUR_TIB_IN_KB],
  outputKb: [0, FOUR_TIB_IN_KB],
  stackKb: [1, FOUR_TIB_IN_KB],
  maxOpenFiles: [4, 2 ** 20],
  returnStdoutBytes: [0, 64 * 1024 * 1024],
  returnStderrBytes: [0, 64 * 1024 * 1024],
} as const;

/** Limits are whole numbers on the wire; a fractional limit (from a multiplier) is rounded up. */
function wholeNumber(what: keyof typeof RANGES, value: number): number {
  const [min, max] = RANGES[what];
  const rounded = Math.ceil(value);
  if (!(rounded >= min && rounded <= max)) invalid(`${what} must be in [${min}, ${max}], got ${value}`);
  return rounded;
}

function encodeProcess(spec: ProcessSpec, interactive: boolean): string[] {
  const lines: string[] = [];
  const put = (key: string, value: string | number): void => {
    lines.push(`${key}=${value}`);
  };
  const pathOr = (what: string, value: string, special: readonly string[]): string => {
    if (!special.includes(value)) checkPath(value);
    else if (value === 'pipe' && !interactive) invalid(`${what}=pipe needs two processes`);
    return value;
  };

  if (spec.user !== undefined) {
    if (spec.user !== 'sandbox' && spec.user !== 'validator') invalid(`unknown user ${String(spec.user)}`);
    put('user', spec.user);
  }
  if (spec.cwd !== undefined) {
    checkPath(spec.cwd);
    put('cwd', spec.cwd);
  }
  if (spec.argv.length === 0 || spec.argv[0] === '') invalid('argv[0] is required');
  for (const arg of spec.argv) put('arg', checkValue('arg', arg));
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    if (!/^[^=\n\0]+$/.test(name)) invalid(`bad environment variable name ${JSON.stringify(name)}`);
    put('env', `${name}=${checkValue(`env ${name}`, value)}`);
  }
  if (spec.stdin !== undefined) put('stdin', pathOr('stdin', spec.stdin, ['pipe']));
  if (spec.stdout !== undefined) put('stdout', pathOr('stdout', spec.stdout, ['pipe']));
  if (spec.stderr !== undefined) put('stderr', pathOr('stderr', spec.stderr, ['stdout']));
  put('cpu_ms', wholeNumber('cpuMs', spec.cpuMs));
  // Always explicit: the client's timeout and the supervisor's kill must use the same number.
  put('wall_ms', wholeNumber('wallMs', wallLimitMs(spec)));
  put('memory_kb', wholeNumber('memoryKb', spec.memoryKb));
  if (spec.outputKb !== undefined) put('output_kb', wholeNumber('outputKb', spec.outputKb));
  if (spec.stackKb !== undefined) put('stack_kb', wholeNumber('stackKb', spec.stackKb));
  if (spec.maxOpenFiles !== undefined) put('nofile', wholeNumber('maxOpenFiles', spec.maxOpenFiles));
  if (spec.returnStdoutBytes !== undefined) put('return_stdout', wholeNumber('returnStdoutBytes', spec.returnStdoutBytes));
  if (spec.returnStderrBytes !== undefined) put('return_stderr', wholeNumber('returnStderrBytes', spec.returnStderrBytes));
  return lines;
}

/**
 * Encodes one process, or two connected by pipes (interactive), as the text of a RUN request.
 * Throws SandboxError (culprit executor) for a spec the protocol cannot carry faithfully.
 */
export function encodeRunSpec(procs: readonly ProcessSpec[]): string {
  if (procs.length !== 1 && procs.length !== 2) invalid(`expected 1 or 2 processes, got ${procs.length}`);
  const interactive = procs.length === 2;
  if (interactive) {
    const [a, b] = procs as [ProcessSpec, ProcessSpec];
    // A pipe has two ends: one process's stdout=pipe is the other's stdin=pipe.
    if ((a.stdout === 'pipe') !== (b.stdin === 'pipe') || (b.stdout === 'pipe') !== (a.stdin === 'pipe')) {
      invalid('stdout=pipe of one process needs stdin=pipe of the other');
    }
  }
  const blocks = procs.map((spec) => encodeProcess(spec, interactive).join('\n') + '\n');
  return blocks.join('--\n');
}
