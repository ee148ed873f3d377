/**
 * The shape of a language entry in common/languages.yaml. Languages are data: adding one means adding an
 * entry there and its toolchain to executor/image/base-packages.txt.
 *
 * Command arguments may contain placeholders, substituted per submission:
 *   {files}      every source file of the submission (expands to several arguments)
 *   {main}       the main source file name (see `mainFilePattern`)
 *   {mainBase}   the main source file name without its extension
 *   {mainClass}  the class to run, found in the sources by the language's `mainClassFinder` (Java's
 *                `pkg.sub.Main`, whatever the file is called)
 *   {memoryMb}   the run's memory limit in MiB (for -Xmx and the like)
 */
export interface Language {
  /** Stable identifier used by the API and judge-cli, e.g. `cpp`. */
  id: string;
  /** Display name, e.g. `C++17 (g++)`. */
  name: string;
  /**
   * Which kind of language it is (see LanguageFamily): interpreted, compiled, or jvm-mono-ghc. Every entry of
   * common/languages.yaml has one (a unit test checks); languages made in code (a package's build/run
   * scripts) need none.
   */
  family?: LanguageFamily;
  /**
   * File extensions (with dot) that identify the language, first is canonical. Each belongs to one entry,
   * so that a file name always tells one language. May be empty when `extensionsWhenChosen` is not.
   */
  extensions: string[];
  /**
   * Extensions of other entries that this language's sources may also have when it is chosen explicitly
   * (`--language`, `languageId`): `.py` for PyPy (CPython owns it), `.pl` for Perl (Prolog owns it, as in the
   * package format). A file name alone never picks this language for them.
   */
  extensionsWhenChosen?: string[];
  /**
   * The codes of the problem package format's language table this language answers to, first the format's
   * own (`python3`), then plausible aliases. problem.yaml's `languages` names these codes: a problem that
   * lists one of them allows this language. Two entries may share a code (CPython and PyPy are both the
   * format's `python3`). Every entry of common/languages.yaml has them (a unit test checks).
   */
  formatCodes?: string[];
  /**
   * Regular expression that identifies the main file (`{main}`) of a multi-file submission. Without it, or
   * when no file matches, the first file in name order is main. (A JVM language runs a class, not a file:
   * see `mainClassFinder`.)
   */
  mainFilePattern?: string;
  /** Compile command (argv). Absent for interpreted languages that need no check. */
  compile?: string[];
  /**
   * The compile command only checks the sources (the run needs nothing it builds), and the run makes the
   * same check of the main file before executing any of it (CPython and V8 compile a whole file first). A
   * one-file submission then skips the check unless its first test fails: a program that passed a test
   * passed the check. Saves an interpreter start per submission; the compile output of such a program is
   * then empty (a warning the check would have printed, such as Python's SyntaxWarning, is not shown).
   */
  compileCheckedByRun?: boolean;
  /**
   * Names the finder (common/main-class-finders.ts) that reads the sources for the class to run, the
   * `{mainClass}` placeholder. A submission in which it finds none, or several, gets CE saying so.
   */
  mainClassFinder?: string;
  /** Run command (argv), executed in the working directory that holds the sources and build output. */
  run: string[];
  /**
   * Run command of programs shipped in a problem package (output validators, graders) when it differs from
   * `run`: they run as their authors ran them, under the ordinary toolchain, while `run` may trade some of
   * its conveniences for speed (Python's `-S`, no `site` module, hence no builtin `exit()`).
   */
  packageRun?: string[];
  /** Extra environment variables for compile and run (e.g. GOCACHE). */
  env?: Record<string, string>;
  /** Compile limits when they differ from the defaults (seconds / MiB). */
  compileTimeLimitS?: number;
  compileMemoryMb?: number;
  /**
   * Memory the runtime needs beyond the program's own data (JVM metaspace and code cache, for instance),
   * in MiB. It is added to the memory limit the sandbox enforces, so a Java program has the same room for
   * its data as a C program.
   */
  memoryOverheadMb?: number;
  /** stderr pattern meaning the runtime ran out of memory (e.g. `java.lang.OutOfMemoryError`): MLE, not RE. */
  outOfMemoryPattern?: string;
  /** Open files allowed to the running program (JVM opens many). */
  maxOpenFiles?: number;
  /**
   * Command (argv) that prints the toolchain's version, run in the runtime image when an executor starts:
   * the version juez reports is read from the image, never typed by hand. A language whose command fails
   * is not served by that executor (its image lacks the toolchain).
   */
  versionCommand?: string[];
  /**
   * Regular expression applied to the version command's stdout and stderr together; its first capture group
   * is the version (e.g. `gcc \\(.*\\) (\\S+)`). Without it, the first non-empty line of the output.
   */
  versionPattern?: string;
}

/**
 * How a language is built and run, in the three kinds whose speeds differ by an order of magnitude (issue 11
 * sets a hello-world throughput goal for each; `npm run bench -- --only languages` holds every language to
 * its family's):
 *   interpreted   the run reads the sources; a compile step, if any, only checks them (Python, Bash, R)
 *   compiled      a compiler builds what the run starts, and starts in a few milliseconds itself (gcc,
 *                 rustc, go, fpc, ocamlopt, SBCL's compile-file, a SWI-Prolog saved state)
 *   jvm-mono-ghc  compiled by a compiler that runs on a JVM or on Mono (javac, kotlinc, scalac, mcs), or by
 *                 GHC: the compiler's own start-up (class loading, JIT, a large runtime) costs hundreds of
 *                 milliseconds of CPU before it reads the program
 */
export type LanguageFamily = 'interpreted' | 'compiled' | 'jvm-mono-ghc';

export const LANGUAGE_FAMILIES: readonly LanguageFamily[] = ['interpreted', 'compiled', 'jvm-mono-ghc'];
