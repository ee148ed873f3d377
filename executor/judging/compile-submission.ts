import type { Language } from '../../common/language.js';
import type { ProblemLimits } from '../../common/problem/problem.js';
import { compileProgram, type CompiledProgram, type SourceFile } from './compile-program.js';
import type { SandboxSession } from './sandbox-session.js';

/** Where the submitted program lives and runs: its own tmpfs, owned by user sandbox. */
export const WORK_DIR = '/work';

/**
 * Writes a submission's files to /work and compiles them as user sandbox, with the problem's compile limits `limits`
 * (raised to the language's own where it needs more: C++ and Java compile slowly). `memoryMb` is the
 * program's memory limit, for the {memoryMb} placeholder of the run command. `deferCheck`: see CompileRequest.
 */
export function compileSubmission(
  session: SandboxSession,
  limits: ProblemLimits,
  language: Language,
  files: readonly SourceFile[],
  memoryMb: number,
  options: { deferCheck?: boolean } = {},
): Promise<CompiledProgram> {
  return compileProgram(session, {
    language,
    files,
    dir: WORK_DIR,
    user: 'sandbox',
    cpuMs: Math.max(limits.compileTimeS, language.compileTimeLimitS ?? 0) * 1000,
    memoryKb: Math.max(limits.compileMemoryMb, language.compileMemoryMb ?? 0) * 1024,
    outputBytes: limits.compileOutputBytes,
    runMemoryMb: memoryMb,
    ...(options.deferCheck === undefined ? {} : { deferCheck: options.deferCheck }),
  });
}
