/**
 * What Redis keeps after the soak, split into the data juez is meant to keep and anything else.
 *
 * juez keeps every submission (record, sources, 24 h of job statistics) and, for an LMS, its external id
 * and webhook delivery: those key families must grow by exactly one key per submission (or per LMS
 * submission), and that growth is reported as bytes per submission. Index keys (sorted sets of submission
 * ids per user, problem, course; the 24 h statistics; the capped webhook log) keep their number and grow in
 * bytes. Every other family must keep its number of keys and (nearly) its bytes. Instance memory that no
 * key of the system accounts for is reported too; with the machine to itself, it must stay small.
 */
import type { KeyFamily, KeyNamer } from './redis-figures.js';

/** Families that grow by one key per submission (`submission`) or per LMS submission (`lms`). */
export const RETAINED_FAMILIES: Readonly<Record<string, { per: 'submission' | 'lms'; what: string }>> = {
  'sub:<submission>': { per: 'submission', what: 'submission record and result' },
  'sub:<submission>:src': { per: 'submission', what: 'sources, kept for rejudges' },
  'stats:job:<submission>:<n>': { per: 'submission', what: 'job statistics (expire after 24 h)' },
  'ext:lms:<externalId>': { per: 'lms', what: 'LMS external id → submission' },
  'webhook:<submission>.<n>': { per: 'lms', what: 'webhook delivery and its attempts' },
};

/** Families whose number stays and whose bytes grow with the submissions (or up to a cap). */
const INDEX_FAMILIES: readonly RegExp[] = [
  /^subs$/,
  /^user:<user>:subs$/,
  /^problem:[^:]+:subs$/,
  /^course:[^:]+:subs$/,
  /^stats:finished$/,
  /^stats:arrivals:[^:]+$/,
  /^webhooks:log$/,
];

/** Bytes any other family may gain (an executor's heartbeat hash rewrites counters that get longer). */
const OTHER_FAMILY_SLACK_BYTES = 16 * 1024;
const MIB = 1024 * 1024;

/**
 * Names keys by family: every part of the key (between colons and dots) that is a known id becomes its
 * placeholder (`<submission>`, `<user>`, …), numbers `<n>`, long hex strings `<hash>`, other long
 * random-looking tokens `<id>`; the rest (the layout's own words) stays.
 */
export function keyNamer(known: ReadonlyMap<string, string>): KeyNamer {
  const name = (part: string): string => {
    const placeholder = known.get(part);
    if (placeholder !== undefined) return placeholder;
    if (/^\d+$/.test(part)) return '<n>';
    if (/^[0-9a-f]{32,}$/.test(part)) return '<hash>';
    if (/^[A-Za-z0-9_-]{16,}$/.test(part)) return '<id>';
    return part;
  };
  return (key) =>
    key
      .split(':')
      .map((segment) => (known.has(segment) ? name(segment) : segment.split('.').map(name).join('.')))
      .join(':');
}

export type FamilyVerdict = 'retained' | 'index' | 'flat' | 'leak';

export interface FamilyRow {
  family: string;
  what: string;
  keysBefore: number;
  keysAfter: number;
  /** Keys the family should have gained. */
  expectedKeyGrowth: number;
  bytesBefore: number;
  bytesAfter: number;
  bytesPerSubmission: number;
  verdict: FamilyVerdict;
}

export interface RetentionReport {
  families: FamilyRow[];
  ownMbBefore: number;
  ownMbAfter: number;
  /** Growth of the system's keys per submission judged during the soak: the data juez keeps for each. */
  bytesPerSubmission: number;
  usedMemoryMbBefore: number;
  usedMemoryMbAfter: number;
  /** Growth of the instance's used_memory that the system's keys do not account for. */
  unexplainedMb: number;
  unexplainedToleranceMb: number;
  /** `info` when other users of the shared Redis make the instance figure meaningless. */
  unexplainedVerdict: 'flat' | 'grew' | 'info';
  /** Families (and the instance) that grew where nothing should: empty when the soak leaked nothing. */
  leaks: string[];
}

function classify(family: string): { kind: 'retained' | 'index' | 'other'; per?: 'submission' | 'lms'; what: string } {
  const retained = RETAINED_FAMILIES[family];
  if (retained !== undefined) return { kind: 'retained', per: retained.per, what: retained.what };
  if (INDEX_FAMILIES.some((pattern) => pattern.test(family))) return { kind: 'index', what: 'one key, grows in bytes' };
  return { kind: 'other', what: '' };
}

export function analyseRetention(input: {
  before: Readonly<Record<string, KeyFamily>>;
  after: Readonly<Record<string, KeyFamily>>;
  /** Submissions created between the two readings, and how many of them by the LMS. */
  submissions: number;
  lmsSubmissions: number;
  usedMemoryMbBefore: number;
  usedMemoryMbAfter: number;
  sharedMachine: boolean;
}): RetentionReport {
  const { before, after, submissions, lmsSubmissions } = input;
  const leaks: string[] = [];
  const families: FamilyRow[] = [];
  for (const family of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const was = before[family] ?? { keys: 0, bytes: 0 };
    const now = after[family] ?? { keys: 0, bytes: 0 };
    const { kind, per, what } = classify(family);
    const expectedKeyGrowth = per === 'submission' ? submissions : per === 'lms' ? lmsSubmissions : 0;
    const keyGrowth = now.keys - was.keys;
    let verdict: FamilyVerdict;
    if (keyGrowth !== expectedKeyGrowth) {
      verdict = 'leak';
      leaks.push(`${family}: ${keyGrowth >= 0 ? '+' : ''}${keyGrowth} keys, expected ${expectedKeyGrowth >= 0 ? '+' : ''}${expectedKeyGrowth}`);
    } else if (kind === 'other' && now.bytes - was.bytes > OTHER_FAMILY_SLACK_BYTES) {
      verdict = 'leak';
      leaks.push(`${family}: +${now.bytes - was.bytes} bytes in keys that should not grow`);
    } else {
      verdict = kind === 'retained' ? 'retained' : kind === 'index' ? 'index' : 'flat';
    }
    families.push({
      family,
      what,
      keysBefore: was.keys,
      keysAfter: now.keys,
      expectedKeyGrowth,
      bytesBefore: was.bytes,
      bytesAfter: now.bytes,
      bytesPerSubmission: submissions > 0 ? (now.bytes - was.bytes) / submissions : Number.NaN,
      verdict,
    });
  }
  const ownBefore = families.reduce((sum, row) => sum + row.bytesBefore, 0);
  const ownAfter = families.reduce((sum, row) => sum + row.bytesAfter, 0);
  const ownGrowthMb = (ownAfter - ownBefore) / MIB;
  const unexplainedMb = input.usedMemoryMbAfter - input.usedMemoryMbBefore - ownGrowthMb;
  // Redis's own bookkeeping of more keys (hash table buckets, the expires table) is not in MEMORY USAGE.
  const unexplainedToleranceMb = Math.max(4, 0.25 * Math.abs(ownGrowthMb));
  const unexplainedVerdict = input.sharedMachine ? 'info' : unexplainedMb <= unexplainedToleranceMb ? 'flat' : 'grew';
  if (unexplainedVerdict === 'grew') leaks.push(`redis used_memory: +${unexplainedMb.toFixed(1)} MiB not held by the system's keys`);
  return {
    families,
    ownMbBefore: ownBefore / MIB,
    ownMbAfter: ownAfter / MIB,
    bytesPerSubmission: submissions > 0 ? (ownAfter - ownBefore) / submissions : Number.NaN,
    usedMemoryMbBefore: input.usedMemoryMbBefore,
    usedMemoryMbAfter: input.usedMemoryMbAfter,
    unexplainedMb,
    unexplainedToleranceMb,
    unexplainedVerdict,
    leaks,
  };
}
