/**
 * rssMb.dispatcher and rssMb.executor: each service's peak resident memory (VmHWM) over every load it ran
 * under, held to the goals; a process without a goal is recorded. Used by `npm run bench` and
 * `npm run bench:service` alike, so both report the same figure.
 */
import { makeFigure, type Figure, type RecordedFigure } from './bench-figure.js';
import type { RssFigures } from './service-process-stats.js';

/** The issue's goals for the services' peak resident memory under load, MiB. */
const RSS_GOALS_MB: Record<string, number> = { dispatcher: 120, executor: 150 };

export interface ServiceRssFigures {
  /** Peak per process, MiB: the report's `rssMb` JSON. */
  peaks: Record<string, number>;
  figures: Figure[];
  recorded: RecordedFigure[];
}

/** `loads` names the benchmarks the samples came from, for the figures' notes. */
export function serviceRssFigures(samples: readonly Record<string, RssFigures>[], loads: readonly string[]): ServiceRssFigures {
  const highest: Record<string, { peakMb: number; beforeMb?: number }> = {};
  for (const processes of samples) {
    for (const [name, figures] of Object.entries(processes)) {
      const seen = highest[name];
      if (seen === undefined || figures.peakMb > seen.peakMb) highest[name] = { peakMb: figures.peakMb, beforeMb: figures.beforeMb ?? seen?.beforeMb };
    }
  }
  const how = `peak VmHWM under the loads of ${loads.join(', ')}`;
  const result: ServiceRssFigures = { peaks: {}, figures: [], recorded: [] };
  for (const [name, { peakMb, beforeMb }] of Object.entries(highest)) {
    result.peaks[name] = peakMb;
    const goal = RSS_GOALS_MB[name];
    if (goal === undefined) {
      result.recorded.push({ key: `rssMb.${name}`, value: peakMb, unit: 'MiB', how });
      continue;
    }
    result.figures.push(
      makeFigure({
        key: `rssMb.${name}`,
        unit: 'MiB',
        goal: { direction: 'at-most', value: goal },
        measured: peakMb,
        ...(beforeMb === undefined ? {} : { baseline: { what: 'the same process at start-up, before the loads (VmHWM)', value: beforeMb, unit: 'MiB' } }),
        note: how,
      }),
    );
  }
  return result;
}
