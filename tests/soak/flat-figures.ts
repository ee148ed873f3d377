/**
 * The figures the soak holds flat, each with its tolerance, and the comparison of a "before" and an
 * "after" reading. A figure is read from several samples of one moment: counts from the last sample
 * (nothing should move while the system is idle), fds and memory from the smallest one. The services'
 * memory is judged after a full GC (inspector-gc.ts): without one, a service that holds nothing more still
 * shows tens of MiB of uncollected garbage after a few thousand submissions, which says nothing about leaks.
 */
import type { ResourceSample } from './resource-probe.js';

export type Tolerance =
  /** Must be exactly equal (containers, queue depths, channels). */
  | { kind: 'equal' }
  /** May grow by at most max(absolute, relative × before): memory, fds. Falling is fine. */
  | { kind: 'growth'; absolute: number; relative: number }
  /** Reported, not judged. */
  | { kind: 'info'; why: string };

export interface FigureSpec {
  key: string;
  unit: string;
  read: (sample: ResourceSample) => number;
  combine: 'last' | 'min';
  tolerance: Tolerance;
  /** Counts everyone's use of a shared service: judged only when the soak has the machine to itself. */
  machineWide?: boolean;
}

export type FigureVerdict = 'flat' | 'grew' | 'changed' | 'info';

export interface FigureRow {
  key: string;
  unit: string;
  before: number;
  after: number;
  delta: number;
  /** Highest reading during the run (a leak released at the end still shows here). */
  maxDuring: number;
  tolerance: string;
  verdict: FigureVerdict;
}

const SHARED = 'shared service: other users count too';
/** Resident memory as an operator sees it: garbage V8 has not collected yet included. The afterGc figures judge. */
const NO_GC = 'before a GC: see afterGc';
/** Part of heapUsed: V8 keeps compiling what a long run makes hot. */
const JIT = 'of heapUsed: compiled code';

/** Over the system's lane queues and its dead-letter queue. */
function sumQueues(sample: ResourceSample, field: 'ready' | 'unacked' | 'consumers'): number {
  return Object.values(sample.queues).reduce((sum, depth) => sum + depth[field], 0);
}

export const FIGURES: readonly FigureSpec[] = [
  { key: 'containers.pool', unit: '', read: (s) => s.containers.pool, combine: 'last', tolerance: { kind: 'equal' } },
  { key: 'containers.all', unit: '', read: (s) => s.containers.all, combine: 'last', tolerance: { kind: 'equal' }, machineWide: true },
  {
    key: 'memoryMb.idleSandboxes',
    unit: 'MiB',
    read: (s) => s.containers.poolMemoryMb,
    combine: 'min',
    tolerance: { kind: 'growth', absolute: 4, relative: 0.25 },
  },
  { key: 'fds.dispatcher', unit: '', read: (s) => s.fds.dispatcher, combine: 'min', tolerance: { kind: 'growth', absolute: 3, relative: 0 } },
  { key: 'fds.executor', unit: '', read: (s) => s.fds.executor, combine: 'min', tolerance: { kind: 'growth', absolute: 3, relative: 0 } },
  {
    key: 'rssMb.dispatcher',
    unit: 'MiB',
    read: (s) => s.rssMb.dispatcher,
    combine: 'min',
    tolerance: { kind: 'info', why: NO_GC },
  },
  { key: 'rssMb.executor', unit: 'MiB', read: (s) => s.rssMb.executor, combine: 'min', tolerance: { kind: 'info', why: NO_GC } },
  ...(['dispatcher', 'executor'] as const).flatMap((service): FigureSpec[] => [
    { key: `afterGc.rssMb.${service}`, unit: 'MiB', read: (s) => s.afterGc?.[service].rssMb ?? Number.NaN, combine: 'min', tolerance: { kind: 'growth', absolute: 8, relative: 0.1 } },
    { key: `afterGc.heapUsedMb.${service}`, unit: 'MiB', read: (s) => s.afterGc?.[service].heapUsedMb ?? Number.NaN, combine: 'min', tolerance: { kind: 'growth', absolute: 3, relative: 0.1 } },
    { key: `afterGc.externalMb.${service}`, unit: 'MiB', read: (s) => s.afterGc?.[service].externalMb ?? Number.NaN, combine: 'min', tolerance: { kind: 'growth', absolute: 2, relative: 0.1 } },
    { key: `afterGc.codeMb.${service}`, unit: 'MiB', read: (s) => s.afterGc?.[service].codeMb ?? Number.NaN, combine: 'min', tolerance: { kind: 'info', why: JIT } },
  ]),
  {
    key: 'activeHandles.dispatcher',
    unit: '',
    read: (s) => s.dispatcher.activeHandles,
    combine: 'min',
    tolerance: { kind: 'growth', absolute: 3, relative: 0 },
  },
  { key: 'redis.channels', unit: '', read: (s) => s.redis.ownChannels, combine: 'last', tolerance: { kind: 'equal' } },
  { key: 'queues.ready', unit: '', read: (s) => sumQueues(s, 'ready'), combine: 'last', tolerance: { kind: 'equal' } },
  { key: 'queues.unacked', unit: '', read: (s) => sumQueues(s, 'unacked'), combine: 'last', tolerance: { kind: 'equal' } },
  {
    key: 'queues.consumers',
    unit: '',
    read: (s) => sumQueues(s, 'consumers'),
    combine: 'last',
    tolerance: { kind: 'equal' },
  },
  { key: 'rssMb.redis', unit: 'MiB', read: (s) => s.rssMb.redis, combine: 'min', tolerance: { kind: 'info', why: SHARED } },
  { key: 'rssMb.rabbitmq', unit: 'MiB', read: (s) => s.rssMb.rabbitmq, combine: 'min', tolerance: { kind: 'info', why: SHARED } },
  { key: 'rssMb.dockerd', unit: 'MiB', read: (s) => s.rssMb.dockerd, combine: 'min', tolerance: { kind: 'info', why: SHARED } },
  { key: 'rssMb.containerd', unit: 'MiB', read: (s) => s.rssMb.containerd, combine: 'min', tolerance: { kind: 'info', why: SHARED } },
];

/** The figure's value at one moment, from the samples taken then that have it (after-GC figures: only the last). */
export function combineSamples(spec: FigureSpec, samples: readonly ResourceSample[]): number {
  const values = samples.map(spec.read).filter((value) => !Number.isNaN(value));
  if (values.length === 0) return Number.NaN;
  return spec.combine === 'last' ? values[values.length - 1]! : Math.min(...values);
}

/** Highest reading during the run; NaN for figures only read at the two moments. */
function maxOf(spec: FigureSpec, samples: readonly ResourceSample[]): number {
  const values = samples.map(spec.read).filter((value) => !Number.isNaN(value));
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

export function describeTolerance(tolerance: Tolerance): string {
  switch (tolerance.kind) {
    case 'equal':
      return 'equal';
    case 'growth': {
      const parts = [...(tolerance.absolute > 0 ? [`+${tolerance.absolute}`] : []), ...(tolerance.relative > 0 ? [`+${tolerance.relative * 100}%`] : [])];
      return parts.length === 1 ? `≤ ${parts[0]}` : `≤ max(${parts.join(', ')})`;
    }
    case 'info':
      return `info (${tolerance.why})`;
  }
}

export function judgeFigure(tolerance: Tolerance, before: number, after: number): FigureVerdict {
  // Not readable at either moment (unacked without rabbitmqctl): nothing to judge. Readable at one only: judged as changed.
  if (Number.isNaN(before) && Number.isNaN(after)) return 'info';
  if (!Number.isFinite(before) || !Number.isFinite(after)) return tolerance.kind === 'info' ? 'info' : 'changed';
  switch (tolerance.kind) {
    case 'equal':
      return before === after ? 'flat' : 'changed';
    case 'growth':
      return after - before <= Math.max(tolerance.absolute, tolerance.relative * before) ? 'flat' : 'grew';
    case 'info':
      return 'info';
  }
}

/**
 * One row per figure. With `sharedMachine`, figures that count other people's use of the shared services
 * (all containers of the engine) are reported but not judged: tests running beside the soak move them.
 */
export function compareFigures(
  before: readonly ResourceSample[],
  after: readonly ResourceSample[],
  during: readonly ResourceSample[],
  options: { sharedMachine: boolean },
): FigureRow[] {
  return FIGURES.map((spec) => {
    const tolerance: Tolerance = spec.machineWide === true && options.sharedMachine ? { kind: 'info', why: SHARED } : spec.tolerance;
    const first = combineSamples(spec, before);
    const last = combineSamples(spec, after);
    return {
      key: spec.key,
      unit: spec.unit,
      before: first,
      after: last,
      delta: last - first,
      maxDuring: maxOf(spec, during),
      tolerance: describeTolerance(tolerance),
      verdict: judgeFigure(tolerance, first, last),
    };
  });
}
