/**
 * The protocol's rule for paths inside a sandbox container (supervisor-protocol.md, "Framing").
 */
import type { SandboxOwner } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';

/** The supervisor reads header lines of at most 4095 bytes; a path leaves room for the other fields. */
const PATH_MAX_BYTES = 4000;

/**
 * The directory a file of each owner must live below (the supervisor enforces the same rule; checking it
 * here too means a bad path never reaches the wire, where a rejected PUT could desynchronise the stream).
 */
export const OWNER_ROOTS: Readonly<Record<SandboxOwner, string>> = {
  root: '/judge',
  sandbox: '/work',
  validator: '/judge',
};

/**
 * Throws unless `path` obeys the protocol's path rule: absolute, no whitespace (ASCII or Unicode), no control
 * character, no `//`, no `.` or `..` component, no trailing slash, and (when `below` is given) strictly below
 * that directory. Non-ASCII names are allowed (sent as UTF-8): the supervisor and checkFileName accept them.
 * The error names the executor: a path is chosen by juez's code, never taken raw from a submission.
 */
export function checkPath(path: string, below?: string): void {
  const fail = (why: string): never => {
    throw new SandboxError(`invalid sandbox path ${JSON.stringify(path)}: ${why}`, 'executor');
  };
  if (!path.startsWith('/') || path.length < 2) fail('not an absolute path below /');
  if (Buffer.byteLength(path) > PATH_MAX_BYTES) fail(`longer than ${PATH_MAX_BYTES} bytes`);
  // \p{Cc}: C0, DEL and C1 controls; \p{Cs}: lone surrogates, which UTF-8 cannot carry.
  if (/[\s\p{Cc}\p{Cs}]/u.test(path)) fail('whitespace or control character');
  if (path.includes('//')) fail('contains //');
  if (path.endsWith('/')) fail('ends with /');
  if (path.split('/').some((part) => part === '.' || part === '..')) fail('contains a . or .. component');
  if (below !== undefined && !(path.startsWith(below + '/') && path.length > below.length + 1)) {
    fail(`not below ${below}/`);
  }
}
