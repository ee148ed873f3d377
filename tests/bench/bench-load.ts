/** How busy the machine was around a measurement: figures taken on a loaded machine must say so. */
import { cpus, loadavg } from 'node:os';
import type Docker from 'dockerode';
import { round } from './bench-stats.js';

export interface MachineLoad {
  cpus: number;
  /** Run-queue averages over 1 and 5 minutes (os.loadavg), as `uptime` shows them. */
  loadAverage1m: number;
  loadAverage5m: number;
  /** Running containers that are not the benchmark's own: someone else's tests. */
  otherContainers: number;
}

/** The machine's load now; `isOwn` tells the benchmark's own containers apart (by their labels). */
export async function measureLoad(
  docker: Docker,
  isOwn: (labels: Record<string, string>) => boolean,
): Promise<MachineLoad> {
  const running = await docker.listContainers().catch(() => []);
  const [one, five] = loadavg();
  return {
    cpus: cpus().length,
    loadAverage1m: round(one ?? Number.NaN),
    loadAverage5m: round(five ?? Number.NaN),
    otherContainers: running.filter((info) => !isOwn(info.Labels ?? {})).length,
  };
}

export function describeLoad(load: MachineLoad): string {
  return `load ${load.loadAverage1m} (1 min) / ${load.loadAverage5m} (5 min) on ${load.cpus} CPUs, ${load.otherContainers} other container(s) running`;
}

/** The load before, during (peaks of periodic samples) and after a measurement. */
export interface LoadWindow {
  before: MachineLoad;
  after: MachineLoad;
  peakLoadAverage1m: number;
  peakOtherContainers: number;
}

/**
 * Samples the load every `intervalMs` while a measurement runs, so that a burst of someone else's work in
 * the middle of it shows in the report even when the load has settled by its end.
 */
export async function watchLoad<T>(
  docker: Docker,
  isOwn: (labels: Record<string, string>) => boolean,
  measure: () => Promise<T>,
  intervalMs = 2_000,
): Promise<{ result: T; load: LoadWindow }> {
  const before = await measureLoad(docker, isOwn);
  let peakLoad = before.loadAverage1m;
  let peakOthers = before.otherContainers;
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = measureLoad(docker, isOwn).then((load) => {
      peakLoad = Math.max(peakLoad, load.loadAverage1m);
      peakOthers = Math.max(peakOthers, load.otherContainers);
    });
  }, intervalMs);
  try {
    const result = await measure();
    return { result, load: await finish() };
  } finally {
    clearInterval(timer);
  }

  async function finish(): Promise<LoadWindow> {
    clearInterval(timer);
    await sampling;
    const after = await measureLoad(docker, isOwn);
    return {
      before,
      after,
      peakLoadAverage1m: Math.max(peakLoad, after.loadAverage1m),
      peakOtherContainers: Math.max(peakOthers, after.otherContainers),
    };
  }
}

export function describeLoadWindow(window: LoadWindow): string {
  return (
    `load ${window.before.loadAverage1m} → ${window.after.loadAverage1m} (1-min average, peak ${window.peakLoadAverage1m}) ` +
    `on ${window.before.cpus} CPUs; other containers: up to ${window.peakOtherContainers}`
  );
}
