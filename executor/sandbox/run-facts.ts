/**
 * The RESULT JSON of a RUN (supervisor-protocol.md, "RESULT JSON"), checked field by field: these numbers
 * become verdicts, so a supervisor that sends something else is an infrastructure failure, not a guess.
 */
import type { LimitHit, ProcessFacts, RunFacts } from '../judging/sandbox-session.js';
import { SandboxError } from '../judging/sandbox-error.js';

const LIMITS: readonly LimitHit[] = ['cpu', 'wall', 'memory', 'output', null];

function bad(why: string): never {
  throw new SandboxError(`supervisor sent malformed RESULT facts: ${why}`, 'sandbox');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(record: Record<string, unknown>, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    bad(`${where}.${key} is ${JSON.stringify(value)}, expected a number >= 0`);
  }
  return value;
}

function parseProcess(raw: unknown, where: string): ProcessFacts {
  if (!isRecord(raw)) bad(`${where} is not an object`);
  const exitCode = raw['exitCode'];
  if (exitCode !== null && !(typeof exitCode === 'number' && Number.isInteger(exitCode))) {
    bad(`${where}.exitCode is ${JSON.stringify(exitCode)}`);
  }
  const limit = raw['limit'] ?? null;
  if (!LIMITS.includes(limit as LimitHit)) bad(`${where}.limit is ${JSON.stringify(limit)}`);
  return {
    exitCode,
    signal: count(raw, 'signal', where),
    cpuMs: count(raw, 'cpuMs', where),
    wallMs: count(raw, 'wallMs', where),
    ...(raw['endMs'] === undefined ? {} : { endMs: count(raw, 'endMs', where) }),
    memoryKb: count(raw, 'memoryKb', where),
    limit: limit as LimitHit,
    stdoutBytes: count(raw, 'stdoutBytes', where),
    stderrBytes: count(raw, 'stderrBytes', where),
  };
}

/**
 * Builds RunFacts from a RESULT's three payloads. `processCount` is how many processes the RUN described;
 * a RESULT about a different number of processes is rejected.
 */
export function parseRunFacts(json: string, stdout: Buffer, stderr: Buffer, processCount: number): RunFacts {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    bad(`invalid JSON (${(error as Error).message}): ${json.slice(0, 200)}`);
  }
  if (!isRecord(raw)) bad('not an object');
  const procs = raw['procs'];
  if (!Array.isArray(procs) || procs.length !== processCount) {
    bad(`expected ${processCount} entries in procs, got ${JSON.stringify(procs)?.slice(0, 200)}`);
  }
  return {
    procs: procs.map((proc, index) => parseProcess(proc, `procs[${index}]`)),
    oomKills: count(raw, 'oomKills', 'result'),
    stdout,
    stderr,
  };
}
