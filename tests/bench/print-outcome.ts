/**
 * How the stand-alone benchmark commands (engine.ts, service.ts) run their benchmarks and report: each
 * benchmark under watchLoad, their outcomes gathered into one report, printed as a markdown table with
 * lines under it, or as one JSON object; the exit status says whether every goal was met.
 */
import type { BenchOutcome, Figure, RecordedFigure } from './bench-figure.js';
import { describeLoadWindow, type LoadWindow } from './bench-load.js';
import { renderFigureTable } from './bench-table.js';

/** The outcomes of several benchmarks, gathered. */
export interface CollectedOutcome {
  json: Record<string, unknown>;
  figures: Figure[];
  recorded: RecordedFigure[];
  details: Record<string, unknown>;
  /** Lines for people, from the benchmarks (where the CPU went, ...). */
  notes: string[];
  /** The load while each benchmark ran, by name. */
  load: Record<string, LoadWindow>;
}

/** Runs the benchmarks one after the other, each under `watch`, and gathers what they report. */
export async function collectOutcomes<Name extends string, Outcome extends BenchOutcome & { notes?: string[] }>(
  names: readonly Name[],
  run: (name: Name) => Promise<Outcome>,
  watch: (measure: () => Promise<Outcome>) => Promise<{ result: Outcome; load: LoadWindow }>,
  log: (line: string) => void,
): Promise<CollectedOutcome> {
  const collected: CollectedOutcome = { json: {}, figures: [], recorded: [], details: {}, notes: [], load: {} };
  for (const name of names) {
    log(`${name}: starting`);
    const { result: outcome, load } = await watch(() => run(name));
    log(`${name}: done; ${describeLoadWindow(load)}`);
    Object.assign(collected.json, outcome.json);
    Object.assign(collected.details, outcome.details);
    collected.figures.push(...outcome.figures);
    collected.recorded.push(...(outcome.recorded ?? []));
    collected.notes.push(...(outcome.notes ?? []));
    collected.load[name] = load;
  }
  return collected;
}

/**
 * Prints the report on stdout — with `asJson`, one JSON object: the figures' keys, `extraJson`, then
 * figures, recorded, details and load; otherwise the table, then the notes, the recorded figures,
 * `extraLines` and the load — and sets the exit status to 1 when a goal was missed.
 */
export function printOutcome(
  outcome: CollectedOutcome,
  options: { asJson: boolean; extraJson?: Record<string, unknown>; extraLines?: string[] },
): void {
  const { json, figures, recorded, details, notes, load } = outcome;
  if (options.asJson) {
    console.log(JSON.stringify({ ...json, ...options.extraJson, figures, recorded, details, load }));
  } else {
    console.log(renderFigureTable(figures));
    console.log('');
    for (const note of notes) console.log(`- ${note}`);
    for (const { key, value, unit, how } of recorded) console.log(`- \`${key}\`: ${value} ${unit} (${how}; recorded, no goal)`);
    for (const line of options.extraLines ?? []) console.log(`- ${line}`);
    for (const [name, window] of Object.entries(load)) console.log(`- ${name}: ${describeLoadWindow(window)}`);
  }
  if (figures.some((f) => !f.pass)) process.exitCode = 1;
}
