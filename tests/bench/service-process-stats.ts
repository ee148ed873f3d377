/**
 * What the service benchmarks read from /proc about the processes under load: resident memory (VmRSS
 * sampled, VmHWM the kernel's peak since the load began) and CPU time, per process and for the whole machine, so that a figure
 * measured while someone else's tests ran says how much of the two cores it actually had.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { round } from './bench-stats.js';

/**
 * Resident memory of a process, MiB: the highest VmRSS sampled and the kernel's high-water mark (VmHWM)
 * over the measured load. The high-water mark is reset when sampling starts, so that a process's start-up
 * (module loading and compilation, where V8 grows its young generation) does not count as its memory under
 * load; what it was then is `beforeMb`.
 */
export interface RssFigures {
  sampledMaxMb: number;
  peakMb: number;
  /** VmHWM when sampling started (start-up and warm-up), before the reset. */
  beforeMb: number;
  /** False when the kernel did not let the high-water mark be reset: peakMb then includes start-up. */
  peakReset: boolean;
  samples: number;
}

async function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const match = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match === null || match === undefined ? undefined : Number(match[1]);
}

/**
 * Resets the kernel's high-water mark of `pid` to its current RSS (proc(5), clear_refs "5"); returns the
 * mark it had, and whether the reset worked.
 */
function resetPeak(pid: number): { beforeKb: number | undefined; reset: boolean } {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSyncOrEmpty(`/proc/${pid}/status`));
  const beforeKb = match === null ? undefined : Number(match[1]);
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return { beforeKb, reset: true };
  } catch {
    return { beforeKb, reset: false };
  }
}

function readFileSyncOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Samples VmRSS of named processes every `intervalMs` until stop(), which adds VmHWM (reset at the start). */
export class RssSampler {
  private readonly maxKb = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly before = new Map<string, { beforeKb: number | undefined; reset: boolean }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: Record<string, number>,
    intervalMs = 250,
  ) {
    for (const [name, pid] of Object.entries(pids)) this.before.set(name, resetPeak(pid));
    this.timer = setInterval(() => void this.sample(), intervalMs);
    void this.sample();
  }

  private async sample(): Promise<void> {
    for (const [name, pid] of Object.entries(this.pids)) {
      const kb = await readStatusKb(pid, 'VmRSS');
      if (kb === undefined) continue;
      this.maxKb.set(name, Math.max(this.maxKb.get(name) ?? 0, kb));
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    }
  }

  /** Stops sampling; call while the processes still run (VmHWM is read now). */
  async stop(): Promise<Record<string, RssFigures>> {
    clearInterval(this.timer);
    await this.sample();
    const figures: Record<string, RssFigures> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const peakKb = (await readStatusKb(pid, 'VmHWM')) ?? Number.NaN;
      const before = this.before.get(name);
      figures[name] = {
        sampledMaxMb: round((this.maxKb.get(name) ?? Number.NaN) / 1024, 1),
        peakMb: round(peakKb / 1024, 1),
        beforeMb: round((before?.beforeKb ?? Number.NaN) / 1024, 1),
        peakReset: before?.reset ?? false,
        samples: this.counts.get(name) ?? 0,
      };
    }
    return figures;
  }
}

/** Pids of the processes whose command name (/proc/<pid>/comm) is `comm`, e.g. `redis-server`, `beam.smp`. */
export async function pidsNamed(comm: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const name = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (name.trim() === comm) pids.push(Number(entry));
  }
  return pids;
}

interface CpuSnapshot {
  /** Jiffies of all CPUs together: total, and busy (total minus idle and iowait). */
  total: number;
  busy: number;
  /** utime + stime per process of each group, jiffies (a process that is gone is missing). */
  groups: Record<string, Map<number, number>>;
}

async function processJiffies(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name may hold spaces and parentheses: fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat(5))
}

async function snapshot(groups: Record<string, readonly number[]>): Promise<CpuSnapshot> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const jiffies: Record<string, Map<number, number>> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const perPid = new Map<number, number>();
    for (const pid of pids) {
      const used = await processJiffies(pid);
      if (used !== undefined) perPid.set(pid, used);
    }
    jiffies[name] = perPid;
  }
  return { total, busy: total - idle, groups: jiffies };
}

/** Jiffies a group used between two snapshots, counting only processes alive at both. */
function usedBetween(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number {
  let used = 0;
  for (const [pid, end] of after ?? []) {
    const start = before?.get(pid);
    if (start !== undefined) used += end - start;
  }
  return used;
}

/** Where the CPU went during a measurement, in % of one core (the machine has `cpus` of them). */
export interface CpuUsage {
  cpus: number;
  /** Busy time of the whole machine. */
  machinePercent: number;
  /** Per group of processes (dispatcher, load generator, redis, rabbitmq, ...). */
  processPercent: Record<string, number>;
  /** Busy time not spent in any group: other people's tests, the kernel's own work. */
  otherPercent: number;
}

/**
 * Starts accounting CPU time of `groups` (name → pids); the returned function ends it. A process that
 * exits before the end reports its own CPU time instead (`ownCpuMs`, from process.cpuUsage()).
 */
export async function accountCpu(
  groups: Record<string, readonly number[]>,
): Promise<(ownCpuMs?: Record<string, number>) => Promise<CpuUsage>> {
  const before = await snapshot(groups);
  const started = performance.now();
  return async (ownCpuMs = {}) => {
    const after = await snapshot(groups);
    const wallMs = performance.now() - started;
    const count = cpus().length;
    // Jiffies of one core during the interval: the total counts every core.
    const perCore = (after.total - before.total) / count;
    const processPercent: Record<string, number> = {};
    for (const name of Object.keys(groups)) {
      const used = usedBetween(before.groups[name], after.groups[name]);
      processPercent[name] = perCore > 0 ? (100 * used) / perCore : Number.NaN;
    }
    for (const [name, ms] of Object.entries(ownCpuMs)) processPercent[name] = (100 * ms) / wallMs;
    const machinePercent = perCore > 0 ? (100 * (after.busy - before.busy)) / perCore : Number.NaN;
    const accounted = Object.values(processPercent).reduce((sum, value) => sum + value, 0);
    for (const name of Object.keys(processPercent)) processPercent[name] = round(processPercent[name] ?? Number.NaN, 1);
    return {
      cpus: count,
      machinePercent: round(machinePercent, 1),
      processPercent,
      otherPercent: round(Math.max(0, machinePercent - accounted), 1),
    };
  };
}
