/**
 * How much memory a sandbox container may use in all. The supervisor limits each run; the container's
 * ceiling only has to leave room for the largest run the installation allows, so it follows the maxima.
 */
import type { Language } from '../../common/language.js';
import type { InstallationLimits } from '../../common/problem/installation-limits.js';

/**
 * Room beside the largest run, MiB: the supervisor, and the files on the container's tmpfs (test data,
 * output, the compiled program), which count against the container's memory too.
 */
export const SANDBOX_HEADROOM_MB = 512;

/**
 * The container ceiling, bytes: the largest of a program's memory plus the largest runtime overhead of
 * any language (a JVM's), a compiler's and a validator's memory, plus SANDBOX_HEADROOM_MB. With the
 * defaults (1024 MiB, Java's 96 MiB overhead) that is 1632 MiB.
 */
export function sandboxMemoryCeilingBytes(installation: InstallationLimits, languages: readonly Language[]): number {
  const overheadMb = Math.max(0, ...languages.map((l) => l.memoryOverheadMb ?? 0));
  const largestRunMb = Math.max(
    installation.maxMemoryMb + overheadMb,
    installation.maxCompileMemoryMb,
    installation.maxValidationMemoryMb,
  );
  return (largestRunMb + SANDBOX_HEADROOM_MB) * 1024 * 1024;
}
