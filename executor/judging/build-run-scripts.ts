/**
 * A validator or grader given as a folder with `build` and/or `run` scripts, as the format allows: when
 * `build` exists it is run (in the folder) to build the program, then `run` is the program; with `run` alone,
 * it is run as it is. Built and run in the sandbox like any package program, as the validator user.
 */
import type { Language } from '../../common/language.js';
import { BUILD_RUN_SCRIPTS } from '../../common/problem/read-package-program.js';
import type { PackageProgram } from '../../common/problem/problem.js';

/** Mode of the scripts in the container: packages lose execute bits in zip files and on some checkouts. */
export const SCRIPT_MODE = 0o755;

/**
 * The build step. A failing `build` is the package's fault whatever its exit code: 126 or 127 (a missing
 * interpreter on its #! line) would otherwise read as a toolchain missing from the image (decideCompileVerdict).
 * A `run` that `build` wrote needs no execute bit from its author either.
 */
const BUILD = [
  './build || { status=$?; echo "juez: build exited with code $status"; exit 1; }',
  '[ -f run ] || { echo "juez: build did not create the run script"; exit 1; }',
  'chmod +x run',
].join('; '); // one line: the run spec allows no newline in an argument

/**
 * The run step, through sh: a script without a #! line is then run by sh (the shell's rule on ENOEXEC) rather
 * than failing to start, which the sandbox would report as its own failure.
 */
const RUN = ['/bin/sh', '-c', 'exec ./run "$@"', 'run'];

/** The "language" of a build/run program: its build step (when it has a build script) and its run step. */
export function makeScriptsLanguage(scripts: { build: boolean }): Language {
  return {
    id: BUILD_RUN_SCRIPTS,
    name: scripts.build ? 'build and run scripts' : 'run script',
    extensions: [],
    ...(scripts.build && { compile: ['/bin/sh', '-c', BUILD] }),
    run: RUN,
  };
}

/** The file mode of a package program's file: its scripts are executable. */
export function modeOfPackageFile(program: PackageProgram, relativeName: string): number | undefined {
  return program.scripts !== undefined && (relativeName === 'build' || relativeName === 'run') ? SCRIPT_MODE : undefined;
}
