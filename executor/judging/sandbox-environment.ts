import type { Language } from '../../common/language.js';

/** PATH inside the runtime image; the supervisor passes no environment of its own. */
const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The complete environment of a compile or run in the sandbox. Nothing is inherited, so a program sees
 * the same variables on every executor: HOME=/tmp because /work is the program's own directory and
 * toolchains write caches below HOME; LANG=C.UTF-8 so that UTF-8 I/O behaves the same in every language.
 * The language's own variables (GOCACHE, ...) come last and may override these.
 */
export function makeSandboxEnvironment(language: Language | undefined): Record<string, string> {
  return { PATH: SANDBOX_PATH, HOME: '/tmp', LANG: 'C.UTF-8', ...(language?.env ?? {}) };
}
