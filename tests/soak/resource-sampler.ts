/**
 * Readings taken while the soak runs, every `intervalMs` (one at a time: a slow reading delays the next
 * instead of piling up), so that something that grows during the run and is released at the end still
 * shows as a maximum. A failed reading is counted, not fatal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceProbe, ResourceSample } from './resource-probe.js';

export class ResourceSampler {
  readonly samples: ResourceSample[] = [];
  failures = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly probe: ResourceProbe,
    private readonly intervalMs: number,
    private readonly onSample: (sample: ResourceSample) => void = () => {},
  ) {
    this.loop = this.run();
  }

  /** Stops sampling; resolves with every sample taken. */
  async stop(): Promise<ResourceSample[]> {
    this.running = false;
    await this.loop;
    return this.samples;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        const sample = await this.probe.sample();
        this.samples.push(sample);
        this.onSample(sample);
      } catch {
        this.failures += 1;
      }
      // Short naps, so that stop() does not wait a whole interval.
      while (this.running && Date.now() - started < this.intervalMs) await sleep(Math.min(250, this.intervalMs));
    }
  }
}

/**
 * `count` readings `intervalMs` apart: one moment of the soak (before or after); the last one also carries
 * the services' memory after a full GC, taken after the others so that the GC disturbs none of them.
 */
export async function sampleMoment(probe: ResourceProbe, count: number, intervalMs: number): Promise<ResourceSample[]> {
  const samples: ResourceSample[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(intervalMs);
    samples.push(await probe.sample());
  }
  samples[samples.length - 1]!.afterGc = await probe.memoryAfterGc();
  return samples;
}
