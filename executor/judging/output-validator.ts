import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../common/language.js';
import { findLanguage } from '../../common/languages.js';
import type { InternalErrorCulprit } from '../../common/verdict.js';
import type { PackageProgram, ProblemPackage } from '../../common/problem/problem.js';
import { makeScriptsLanguage, modeOfPackageFile } from './build-run-scripts.js';
import { compileProgram, describeProgram, type CompiledProgram, type SourceFile } from './compile-program.js';
import { truncateText } from './decide-verdict.js';
import type { ProcessSpec, SandboxSession } from './sandbox-session.js';

/** Where every container keeps the validators it has compiled, one folder per source hash. */
export const VALIDATOR_ROOT = '/judge/v';

/**
 * Bytes of a package program's stderr (or build output) kept for the instructor when it fails: enough for a
 * traceback or the first compiler errors, small enough for a result record.
 */
export const PACKAGE_PROGRAM_STDERR_BYTES = 4096;

/** A problem's output validator (or interactor, or grader), compiled in the container and ready to run. */
export interface OutputValidator {
  /** Where it is in the package, for messages: `output_validators/checker`. */
  name: string;
  program: CompiledProgram;
  cpuMs: number;
  memoryKb: number;
  flags: readonly string[];
}

/** Preparing the validator failed: the package's fault (or the image's), never the student's. */
export interface ValidatorFailure {
  culprit: InternalErrorCulprit;
  message: string;
}

/**
 * The language a package program (validator, grader) is built and run with: its entry in the language
 * table, or its build/run scripts. An Error (the package's fault, an IE) when the table lacks it.
 */
export function findPackageProgramLanguage(program: PackageProgram, languages?: readonly Language[]): Language | Error {
  if (program.scripts !== undefined) return makeScriptsLanguage(program.scripts);
  return findLanguage(program.languageId, languages) ?? new Error(`the language '${program.languageId}' of ${program.path} is unknown`);
}

/**
 * Compiles the problem's output validator into /judge/v/<hash>/ as user `validator`, once per container:
 * a marker written after a successful compile lets later submissions skip straight to running it. The
 * hash covers the language and the sources, so two problems sharing a validator share the build.
 */
export async function prepareOutputValidator(
  session: SandboxSession,
  problem: ProblemPackage,
  language: Language,
): Promise<OutputValidator | ValidatorFailure> {
  const shipped = problem.outputValidator;
  if (shipped === undefined) return { culprit: 'package', message: `validation is ${problem.validation} but the package has no output validator` };
  return preparePackageProgram(session, problem, shipped, language, 'output validator');
}

/**
 * Compiles a program of the package (output validator, custom grader, input validator) as user `validator`,
 * cached in the container as prepareOutputValidator says. `what` names it in the message when it does not
 * compile: the package is at fault then, never the student. It runs with the language's `packageRun`
 * command, as its author ran it; its files keep their paths in its folder, so `#include "validate.h"` finds
 * the header.
 */
export async function preparePackageProgram(
  session: SandboxSession,
  problem: ProblemPackage,
  shipped: PackageProgram,
  language: Language,
  what: 'output validator' | 'grader' | 'input validator',
): Promise<OutputValidator | ValidatorFailure> {
  const name = nameInPackage(problem, shipped);
  const files = await readPackageProgramFiles(shipped);
  const dir = `${VALIDATOR_ROOT}/${hashValidator(language, files)}`;
  const limits = problem.limits;
  const runMemoryMb = limits.validatorMemoryMb;
  const memoryKb = (runMemoryMb + (language.memoryOverheadMb ?? 0)) * 1024;
  const marker = `${dir}/.compiled`;

  if ((await session.getFile(marker)) !== undefined) {
    const program = describeProgram(language, files, dir, runMemoryMb, 'package');
    return { name, program, cpuMs: limits.validatorTimeS * 1000, memoryKb, flags: problem.validatorFlags };
  }
  // A failed earlier attempt may have left a half-built folder: start clean. The folder is root:validator
  // 0770, so the validator user can write its build output into it.
  await session.removePath(dir);
  await session.makeDir(dir, 'root');
  const compiled = await compileProgram(session, {
    language,
    files,
    dir,
    user: 'validator',
    cpuMs: Math.max(limits.compileTimeS, language.compileTimeLimitS ?? 0) * 1000,
    memoryKb: Math.max(limits.compileMemoryMb, language.compileMemoryMb ?? 0) * 1024,
    outputBytes: limits.compileOutputBytes,
    runMemoryMb,
    origin: 'package',
  });
  if (compiled.compile !== undefined && !compiled.compile.ok) {
    const output = compiled.compile.output.trim();
    // The build output is for the instructor (an IE's message); its start holds the first errors.
    const detail = output === '' ? '' : `:\n${truncateText(output, PACKAGE_PROGRAM_STDERR_BYTES)}`;
    const culprit = compiled.compile.verdict === 'IE' ? compiled.compile.culprit : 'validator';
    const fails = shipped.scripts === undefined ? 'does not compile' : 'does not build';
    return { culprit, message: `the ${what} ${name} ${fails} (${compiled.compile.message})${detail}` };
  }
  await session.putFile(marker, '', 'root', 0o640);
  return { name, program: compiled, cpuMs: limits.validatorTimeS * 1000, memoryKb, flags: problem.validatorFlags };
}

/** The program's files, named by their path in its folder (a one-file program: by its file name). */
async function readPackageProgramFiles(shipped: PackageProgram): Promise<SourceFile[]> {
  return Promise.all(
    [...shipped.files, ...(shipped.extraFiles ?? [])].map(async (file) => {
      const name = file === shipped.path ? path.basename(file) : path.relative(shipped.path, file).split(path.sep).join('/');
      const mode = modeOfPackageFile(shipped, name);
      return { name, content: await readFile(file), ...(mode !== undefined && { mode }) };
    }),
  );
}

/**
 * A package program (grader, input validator) built as preparePackageProgram does, its language looked up
 * first (findPackageProgramLanguage); either failure as `{ failure }`, in words. `subject` starts the message
 * when the language is unknown: `the grader`.
 */
export async function buildPackageProgram(
  session: SandboxSession,
  problem: ProblemPackage,
  shipped: PackageProgram,
  languages: readonly Language[] | undefined,
  what: 'grader' | 'input validator',
  subject: string,
): Promise<OutputValidator | { failure: string }> {
  const language = findPackageProgramLanguage(shipped, languages);
  if (language instanceof Error) return { failure: `${subject} cannot be built: ${language.message}` };
  const prepared = await preparePackageProgram(session, problem, shipped, language, what);
  return isValidatorFailure(prepared) ? { failure: prepared.message } : prepared;
}

/** `output_validators/checker`: where the program is in the package, for the instructor. */
function nameInPackage(problem: ProblemPackage, shipped: PackageProgram): string {
  const relative = path.relative(problem.dir, shipped.path);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  return outside ? path.basename(shipped.path) : relative.split(path.sep).join('/');
}

function hashValidator(language: Language, files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  // The whole entry: a changed compile or run command (or packageRun) must not reuse an old build.
  hash.update(JSON.stringify(language));
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    hash.update(`${file.name}\0${file.mode ?? 0o644}\0${file.content.length}\0`);
    hash.update(file.content);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Where the validator of one test case reads and writes, in the container. */
export interface ValidatorFiles {
  inputPath: string;
  answerPath: string;
  /** Feedback directory (created by the caller as root, group validator, 0770). */
  feedbackDir: string;
  /** The validator's own stdout and stderr (unless its stdout is a pipe to the program). */
  outputFile: string;
  errorFile: string;
  /** The test group's `output_validator_flags`, given after the problem's flags. */
  groupFlags?: readonly string[];
}

/**
 * The validator's process, Kattis style: `validator input judge_answer feedback_dir [flags]`, with the
 * program's output as stdin (a file, or a pipe when interactive). The flags are problem.yaml's, then the test
 * group's (problemtools passes both).
 */
export function makeValidatorProcess(
  validator: OutputValidator,
  files: ValidatorFiles,
  io: { stdin: string; stdout?: 'pipe' },
): ProcessSpec {
  return {
    user: 'validator',
    cwd: validator.program.dir,
    argv: [...validator.program.runArgv, files.inputPath, files.answerPath, `${files.feedbackDir}/`, ...validator.flags, ...(files.groupFlags ?? [])],
    env: validator.program.env,
    stdin: io.stdin,
    stdout: io.stdout ?? files.outputFile,
    stderr: files.errorFile,
    cpuMs: validator.cpuMs,
    memoryKb: validator.memoryKb,
    maxOpenFiles: validator.program.language.maxOpenFiles,
    returnStderrBytes: PACKAGE_PROGRAM_STDERR_BYTES,
  };
}

/**
 * What the instructor needs of a validator that failed: which one, and the start of its stderr (`stderr`,
 * of `totalBytes` written). For the internal error's message only, which students never see; a sample
 * test's own message is shown to them.
 */
export function describeValidatorStderr(validator: Pick<OutputValidator, 'name'>, stderr: Buffer, totalBytes: number): string {
  const text = stderr.toString('utf8').trim();
  if (text === '') return `${validator.name} wrote nothing to stderr`;
  return `stderr of ${validator.name}:\n${text}${moreBytesNote(stderr.length, totalBytes)}`;
}

/** The line telling that a program wrote `totalBytes` of which only `returnedBytes` came back; '' when all did. */
export function moreBytesNote(returnedBytes: number, totalBytes: number): string {
  return totalBytes > returnedBytes ? `\n… (${totalBytes - returnedBytes} more bytes)` : '';
}

/** The type guard callers need to tell a failure from a prepared validator. */
export function isValidatorFailure(value: OutputValidator | ValidatorFailure): value is ValidatorFailure {
  return 'culprit' in value;
}
