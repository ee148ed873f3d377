import path from 'node:path';
import type { Language } from '../../common/language.js';
import { chooseMainFile, expandCommand, findMainClass, isSourceOf, mainBaseOf, type CommandValues } from '../../common/languages.js';
import type { MainClassResult } from '../../common/main-class-finders.js';
import { decideCompileVerdict, type CompileVerdict } from './decide-verdict.js';
import { makeSandboxEnvironment } from './sandbox-environment.js';
import type { SandboxSession } from './sandbox-session.js';
import { settleAll } from './settle-all.js';

/** A source file, as submitted or as shipped with a package. */
export interface SourceFile {
  /** A plain name for a submission; a path relative to the program's folder for a package program. */
  name: string;
  content: Buffer;
  /** File mode in the container; default 0644 (a package's `build` and `run` scripts are executable). */
  mode?: number;
}

/**
 * Whose program it is: a student's submission, or a program shipped with the problem package (output
 * validator, grader), which runs with the language's `packageRun` command when it has one.
 */
export type ProgramOrigin = 'submission' | 'package';

/** What to build, where, and with which limits. */
export interface CompileRequest {
  language: Language;
  files: readonly SourceFile[];
  /** Container directory that receives the sources and the build output: /work, or a validator's dir. */
  dir: string;
  /** The user that owns the sources and runs the compiler. */
  user: 'sandbox' | 'validator';
  cpuMs: number;
  memoryKb: number;
  /** Compiler output kept, bytes. */
  outputBytes: number;
  /** Value of the {memoryMb} placeholder in the run command: the memory the program itself may use. */
  runMemoryMb: number;
  /** Default `submission`. */
  origin?: ProgramOrigin;
  /**
   * Put the compile step off when the language's run makes the same check (Language.compileCheckedByRun)
   * and the submission is one source file: the caller then runs the tests and calls
   * `deferredCheck` unless the first one passed. Default false.
   */
  deferCheck?: boolean;
}

/** A program ready to run: its argv (placeholders expanded), and how compiling it went. */
export interface CompiledProgram {
  language: Language;
  dir: string;
  runArgv: string[];
  env: Record<string, string>;
  /** Present when a compile step ran. `ok: false` means the program cannot run (CE or IE). */
  compile?: CompileVerdict;
  /** Present when the compile step was put off (CompileRequest.deferCheck): runs it now. */
  deferredCheck?: () => Promise<CompileVerdict>;
}

/**
 * Writes the sources into `dir` and runs the language's compile command once, stderr merged into stdout.
 * The writes and the compile are issued together, so the session can pipeline them into one round trip.
 * Rejects only with SandboxError (infrastructure); a program that does not compile is a CompileVerdict.
 */
export async function compileProgram(session: SandboxSession, request: CompileRequest): Promise<CompiledProgram> {
  const { language, files, dir, user } = request;
  const mainClass = findMainClass(language, files);
  const program = makeProgram(language, files, dir, request.runMemoryMb, request.origin ?? 'submission', mainClass);

  const calls: Promise<unknown>[] = files.map((file) => session.putFile(`${dir}/${file.name}`, file.content, user, file.mode ?? 0o644));
  if (language.compile === undefined) {
    await settleAll(calls);
    if (mainClass?.ok === false) program.compile = lacksMainClass({ output: '' }, mainClass.message);
    return program;
  }
  if (request.deferCheck === true && mainClass?.ok !== false && isCheckedByRun(language, files)) {
    await settleAll(calls);
    program.deferredCheck = () => runCompileCommand(session, request, program.env);
    return program;
  }
  const compiling = runCompileCommand(session, request, program.env);
  calls.push(compiling);
  await settleAll(calls);
  const compiled = await compiling;
  // The compiler's errors come first: a syntax error explains a main method the finder could not read.
  program.compile = compiled.ok && mainClass?.ok === false ? lacksMainClass(compiled, mainClass.message) : compiled;
  return program;
}

/**
 * CE for a program that compiled but has no class to run (none, or several, declare main): the message
 * ends the compile output too, since the output is what a student reads of a CE.
 */
function lacksMainClass(compiled: { output: string }, message: string): CompileVerdict {
  const separator = compiled.output === '' || compiled.output.endsWith('\n') ? '' : '\n';
  return { ok: false, verdict: 'CE', message, output: `${compiled.output}${separator}juez: ${message}\n` };
}

/** The compile command's run and what it means. */
async function runCompileCommand(session: SandboxSession, request: CompileRequest, env: Record<string, string>): Promise<CompileVerdict> {
  const { language, files, dir, user } = request;
  if (language.compile === undefined) throw new TypeError(`${language.id} has no compile command`);
  const facts = await session.run([
    {
      user,
      cwd: dir,
      argv: expandCommand(language.compile, commandValues(language, files, request.runMemoryMb)),
      env,
      stderr: 'stdout',
      cpuMs: request.cpuMs,
      // Compilers wait on disk and spawn helpers (cc1, as, ld); a generous wall limit avoids calling a
      // slow-but-fine compile a timeout.
      wallMs: 2 * request.cpuMs + 5_000,
      memoryKb: request.memoryKb,
      maxOpenFiles: language.maxOpenFiles,
      returnStdoutBytes: request.outputBytes,
    },
  ]);
  const proc = facts.procs[0];
  return proc === undefined
    ? { ok: false, verdict: 'IE', culprit: 'sandbox', message: 'the sandbox reported no compile process', output: '' }
    : decideCompileVerdict(proc, facts.stdout, { oomKills: facts.oomKills, maxOutputBytes: request.outputBytes });
}

/**
 * Whether running the program checks everything the compile command would: the language says its run
 * checks the main file first, and the main file is the only source. Not with a NUL byte in it: CPython
 * 3.11's compile() refuses one, but running the file silently stops reading at it.
 */
function isCheckedByRun(language: Language, files: readonly SourceFile[]): boolean {
  if (language.compileCheckedByRun !== true) return false;
  const sources = sourceFilesOf(language, files);
  const main = files.find((file) => file.name === chooseMainFile(language, files));
  return main !== undefined && sources.length === 1 && sources[0] === main.name && !main.content.includes(0);
}

/** The program built from `files` in `dir`, without compiling anything (it is there already, or needs no build). */
export function describeProgram(
  language: Language,
  files: readonly SourceFile[],
  dir: string,
  runMemoryMb: number,
  origin: ProgramOrigin = 'submission',
): CompiledProgram {
  return makeProgram(language, files, dir, runMemoryMb, origin, findMainClass(language, files));
}

function makeProgram(
  language: Language,
  files: readonly SourceFile[],
  dir: string,
  runMemoryMb: number,
  origin: ProgramOrigin,
  mainClass: MainClassResult | undefined,
): CompiledProgram {
  const run = origin === 'package' ? (language.packageRun ?? language.run) : language.run;
  const runArgv = expandCommand(run, commandValues(language, files, runMemoryMb, mainClass));
  return { language, dir, runArgv, env: makeSandboxEnvironment(language) };
}

function commandValues(
  language: Language,
  files: readonly SourceFile[],
  memoryMb: number,
  mainClass?: MainClassResult,
): CommandValues {
  const main = chooseMainFile(language, files);
  const values: CommandValues = { files: sourceFilesOf(language, files), main, mainBase: mainBaseOf(main), memoryMb };
  if (mainClass?.ok === true) values.mainClass = mainClass.mainClass;
  return values;
}

/**
 * The files the compiler is given ({files}): those with one of the language's extensions, in name order
 * (headers and data files travel along but are not compiled). All files when none has such an extension,
 * which happens when the language was chosen explicitly.
 */
function sourceFilesOf(language: Language, files: readonly SourceFile[]): string[] {
  const names = files.map((f) => f.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sources = names.filter((name) => isSourceOf(language, name));
  return sources.length > 0 ? sources : names;
}
