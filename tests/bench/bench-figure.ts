/**
 * The one model every benchmark reports in: a Figure is a measured value, the goal it is held to, and the
 * baseline it was compared with — measured in the same run, on the same machine, never typed by hand.
 */
import { round } from './bench-stats.js';

/** A performance target: the measured value must be at most / at least `value` (in the figure's unit). */
export interface Goal {
  direction: 'at-most' | 'at-least';
  value: number;
}

/** What the figure was compared with, measured in the same run. */
export interface Baseline {
  /** What was measured, for people: "bare bash loop, same container". */
  what: string;
  value: number;
  unit: string;
}

export interface Figure {
  /** Stable, dotted: the JSON path of the figure, e.g. `perTestOverheadMs.median`. */
  key: string;
  unit: string;
  goal: Goal;
  measured: number;
  baseline?: Baseline;
  pass: boolean;
  /** How the figure was derived, or why it cannot pass ("3 of 60 jobs were not AC"). */
  note?: string;
}

export interface FigureInput {
  key: string;
  unit: string;
  goal: Goal;
  measured: number;
  baseline?: Baseline;
  note?: string;
  /** Set when the measurement itself is not trustworthy (wrong verdicts, ...): the figure fails whatever its value. */
  invalid?: string;
}

/** Makes a Figure, deciding `pass` from the goal. A NaN or an invalid measurement never passes. */
export function makeFigure(input: FigureInput): Figure {
  const { invalid, note, baseline, ...rest } = input;
  const meetsGoal =
    input.goal.direction === 'at-most' ? input.measured <= input.goal.value : input.measured >= input.goal.value;
  const notes = [note, invalid].filter((n): n is string => n !== undefined && n !== '');
  return {
    ...rest,
    measured: round(input.measured, 3),
    ...(baseline === undefined ? {} : { baseline: { ...baseline, value: round(baseline.value, 3) } }),
    pass: invalid === undefined && Number.isFinite(input.measured) && meetsGoal,
    ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
  };
}

/**
 * A figure the issue asks for without a goal (peak memory, latency under 8 clients): measured and shown,
 * never passed or failed. A goal nobody asked for would only be a number we picked.
 */
export interface RecordedFigure {
  /** Dotted JSON path, as Figure.key. */
  key: string;
  value: number;
  unit: string;
  /** How it was measured, and what to compare it with. */
  how: string;
}

/** What one benchmark reports: its keys of the JSON report, its figures, and the raw figures behind them. */
export interface BenchOutcome {
  json: Record<string, unknown>;
  figures: Figure[];
  details: Record<string, unknown>;
  /** Figures without a goal. */
  recorded?: RecordedFigure[];
}
