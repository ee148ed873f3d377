/**
 * The input validation part of `judge-cli verify`: every input validator of a package on every test input
 * (Judge.validateInputs), and how it reads in the report. A rejected input fails verify like a mismatched
 * submission; so does a validator that is broken (it cannot be built, crashes, or exits with another code).
 */
import type { Judge } from '../executor/judge.js';
import type { InputFinding, InputValidatorTally } from '../executor/judging/validate-inputs.js';
import type { ProblemPackage } from '../common/problem/problem.js';
import type { Colors } from './format.js';

/** How one package's test inputs fared with its input validators. */
export interface VerifyInputs {
  problem: string;
  /** Test inputs in data/ (sample and secret, every group). */
  inputs: number;
  /** Each input validator and how many inputs it accepted, rejected, failed on; empty when the package has none. */
  validators: InputValidatorTally[];
  /** Every rejected input and every failure of a validator (without `input`: it could not be built). */
  failures: InputFinding[];
  /** The sandbox or the executor failed, so nothing is known: `<culprit>: <message>`. */
  internalError?: string;
  ok: boolean;
}

/** Characters of a reason shown in the table (JSON has it whole, up to 4 KiB). */
const REASON_CHARS = 160;

/** Runs `problem`'s input validators (it has some) and says how its inputs fared. */
export async function verifyInputs(problem: ProblemPackage, judge: Judge, signal: AbortSignal): Promise<VerifyInputs> {
  const result = await judge.validateInputs(problem, { signal });
  const internalError = result.internalError && `${result.internalError.culprit}: ${result.internalError.message}`;
  return {
    problem: problem.shortName,
    inputs: result.inputs,
    validators: result.validators,
    failures: result.findings,
    ...(internalError !== undefined && { internalError }),
    ok: result.findings.length === 0 && internalError === undefined,
  };
}

/** A package without input validators: nothing to run, and no failure (verifyproblem only warns). */
export function withoutInputValidators(problem: ProblemPackage, inputs: number): VerifyInputs {
  return { problem: problem.shortName, inputs, validators: [], failures: [], ok: true };
}

/**
 * Lines for people: per package, how many inputs each validator accepted (or "no input validators"), then
 * every rejected input and validator failure, naming the file, the validator and its reason (cut).
 */
export function renderInputValidation(entries: readonly VerifyInputs[], colors: Colors): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.internalError !== undefined) {
      lines.push(colors.magenta(`input validation: ${entry.problem}: could not run: ${flatten(entry.internalError)}`));
      continue;
    }
    if (entry.validators.length === 0) {
      lines.push(`input validation: ${entry.problem}: no input validators`);
      continue;
    }
    for (const tally of entry.validators) {
      const unbuilt = entry.failures.some((f) => f.validator === tally.name && f.input === undefined);
      const counts = [
        tally.rejected > 0 && colors.red(`rejected ${tally.rejected}`),
        tally.failed > 0 && colors.red(`failed on ${tally.failed}`),
      ].filter((part) => part !== false);
      const what = unbuilt ? colors.red('could not be run') : `accepted ${tally.accepted} of ${entry.inputs} inputs${counts.length > 0 ? `, ${counts.join(', ')}` : ''}`;
      lines.push(`input validation: ${entry.problem}: ${tally.name} ${what}`);
    }
    // A validator broken the same way on every input is said once, with a count (--json lists them all).
    const shown = new Map<string, { line: number; more: number }>();
    for (const finding of entry.failures) {
      const key = `${finding.validator}\0${finding.message}`;
      const same = finding.kind === 'failed' ? shown.get(key) : undefined;
      if (same !== undefined) {
        same.more += 1;
        continue;
      }
      const label = finding.kind === 'rejected' ? colors.red('REJECTED') : colors.magenta('VALIDATOR FAILED');
      const where = finding.input === undefined ? finding.validator : `${finding.input} by ${finding.validator}`;
      if (finding.kind === 'failed') shown.set(key, { line: lines.length, more: 0 });
      lines.push(`${label} ${entry.problem} ${where}: ${flatten(finding.message)}`);
    }
    for (const { line, more } of shown.values()) {
      if (more > 0) lines[line] += ` (the same on ${more} more ${more === 1 ? 'input' : 'inputs'})`;
    }
  }
  const rejected = entries.reduce((n, e) => n + e.failures.filter((f) => f.kind === 'rejected').length, 0);
  const failed = entries.reduce((n, e) => n + e.failures.filter((f) => f.kind === 'failed').length + (e.internalError === undefined ? 0 : 1), 0);
  if (rejected + failed > 0) {
    const parts = [rejected > 0 && `${rejected} test ${rejected === 1 ? 'input' : 'inputs'} rejected`, failed > 0 && `${failed} input validator ${failed === 1 ? 'failure' : 'failures'}`];
    lines.push(colors.red(`input validation: ${parts.filter((p) => p !== false).join(', ')}`));
  }
  return lines;
}

/** A reason on one line: its lines joined with ` | `, cut to REASON_CHARS. */
function flatten(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' | ');
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS - 1)}…` : line;
}
