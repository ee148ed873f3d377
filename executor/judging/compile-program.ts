import path from 'node:path';
import type { Language } from '../../common/language.js';
import { chooseMainFile, expandCommand, mainBaseOf, type CommandValues } from '../../common/languages.js';
import { decideCompileVerdict, type CompileVerdict } from './decide-verdict.js';
import { makeSandboxEnvironment } from './sandbox-environment.js';
import type { SandboxSession } from './sandbox-session.js';
import { settleAll } from './settle-all.js';

/** A source file, as submitted or as shipped with a package. */
export interface SourceFile {
  name: string;
  content: Buffer;
}

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
  const program = describeProgram(language, files, dir, request.runMemoryMb);

  const calls: Promise<unknown>[] = files.map((file) => session.putFile(`${dir}/${file.name}`, file.content, user, 0o644));
  if (language.compile === undefined) {
    await settleAll(calls);
    return program;
  }
  if (request.deferCheck === true && isCheckedByRun(language, files)) {
    await settleAll(calls);
    program.deferredCheck = () => runCompileCommand(session, request, program.env);
    return program;
  }
  const compiling = runCompileCommand(session, request, program.env);
  calls.push(compiling);
  await settleAll(calls);
  program.compile = await compiling;
  return program;
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
): CompiledProgram {
  const runArgv = expandCommand(language.run, commandValues(language, files, runMemoryMb));
  return { language, dir, runArgv, env: makeSandboxEnvironment(language) };
}

function commandValues(language: Language, files: readonly SourceFile[], memoryMb: number): CommandValues {
  const main = chooseMainFile(language, files);
  return { files: sourceFilesOf(language, files), main, mainBase: mainBaseOf(main), memoryMb };
}

/**
 * The files the compiler is given ({files}): those with one of the language's extensions, in name order
 * (headers and data files travel along but are not compiled). All files when none has such an extension,
 * which happens when the language was chosen explicitly.
 */
function sourceFilesOf(language: Language, files: readonly SourceFile[]): string[] {
  const names = files.map((f) => f.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sources = names.filter((name) => language.extensions.includes(path.extname(name).toLowerCase()));
  return sources.length > 0 ? sources : names;
}
