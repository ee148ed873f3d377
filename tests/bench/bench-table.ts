/** Markdown rendering of Figures: the table a benchmark prints for people (its JSON is the Figures themselves). */
import type { Figure, Goal } from './bench-figure.js';

/** `12.3 ms`, `9.1 jobs/s`, `14.2×`: a value with its unit, to a sensible precision. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit === '×' ? `${text}×` : `${text} ${unit}`;
}

export function formatGoal(goal: Goal, unit: string): string {
  return `${goal.direction === 'at-most' ? '≤' : '≥'} ${formatValue(goal.value, unit)}`;
}

/** Pipes would end a cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A markdown table: figure, goal, measured, baseline (same run), pass/fail, and a note when there is one
 * (`notes: false` leaves the notes out, for a summary that links to the full table).
 */
export function renderFigureTable(figures: readonly Figure[], options: { notes?: boolean } = {}): string {
  const withNotes = (options.notes ?? true) && figures.some((f) => f.note !== undefined);
  const header = ['figure', 'goal', 'measured', 'baseline (same run)', 'result', ...(withNotes ? ['how'] : [])];
  const align = ['---', '---:', '---:', '---', ':---:', ...(withNotes ? ['---'] : [])];
  const rows = figures.map((f) => [
    `\`${f.key}\``,
    formatGoal(f.goal, f.unit),
    formatValue(f.measured, f.unit),
    f.baseline === undefined ? '—' : `${formatValue(f.baseline.value, f.baseline.unit)} (${f.baseline.what})`,
    f.pass ? 'pass' : '**FAIL**',
    ...(withNotes ? [f.note ?? ''] : []),
  ]);
  return [header, align, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}
