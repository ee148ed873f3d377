/** The soak's report for people: what was judged, then before / after / delta / max during per figure, then Redis. */
import Table from 'cli-table3';
import type { FigureRow } from './flat-figures.js';
import type { SoakReport } from './soak-report.js';

/** cli-table3 without colours (the output is pasted into reports and CI logs) and without lines between rows. */
const PLAIN = { head: [], border: [] };
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function number(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === '' || Number.isInteger(value) ? 0 : Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)}${unit === '' ? '' : ` ${unit}`}`;
}

function signed(value: number, unit = ''): string {
  const text = number(value, unit);
  return Number.isFinite(value) && value > 0 ? `+${text}` : text;
}

function figureTable(rows: readonly FigureRow[]): string {
  const table = new Table({
    head: ['figure', 'before', 'after', 'delta', 'max during', 'tolerance', 'verdict'],
    style: PLAIN,
    chars: COMPACT,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
  });
  for (const row of rows) {
    table.push([row.key, number(row.before, row.unit), number(row.after, row.unit), signed(row.delta, row.unit), number(row.maxDuring, row.unit), row.tolerance, row.verdict === 'flat' || row.verdict === 'info' ? row.verdict : row.verdict.toUpperCase()]);
  }
  return table.toString();
}

function retentionTable(report: SoakReport): string {
  const table = new Table({
    head: ['redis key family', 'keys before', 'keys after', 'expected Δ', 'bytes/submission', 'bytes/new key', 'kind'],
    style: PLAIN,
    chars: COMPACT,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const row of report.retention.families) {
    const kind = row.verdict === 'leak' ? 'LEAK' : row.what === '' ? row.verdict : `${row.verdict}: ${row.what}`;
    const newKeys = row.keysAfter - row.keysBefore;
    const perKey = newKeys > 0 ? number((row.bytesAfter - row.bytesBefore) / newKeys) : '';
    table.push([row.family, String(row.keysBefore), String(row.keysAfter), signed(row.expectedKeyGrowth), number(row.bytesPerSubmission), perKey, kind]);
  }
  return table.toString();
}

function count(record: Record<string, number>): string {
  return Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

export function renderSoakReport(report: SoakReport): string {
  const { run, timing, retention } = report;
  const lines = [
    `juez soak: ${run.submissions} submissions (${count(report.plan.perClient)}), ${report.settings.concurrency} in flight, pool of ${report.settings.poolSize}`,
    `  expected verdicts: ${count(run.expected)}`,
    `  final verdicts:    ${count(run.verdicts)}`,
    `  languages:         ${count(report.plan.perLanguage)}`,
    `  correct: ${run.ok}/${run.submissions}; problems: ${count(run.problems as unknown as Record<string, number>)} (calibration ${report.calibration.ok}/${report.calibration.submissions} correct, warm-up ${report.warmUp.ok}/${report.warmUp.submissions})`,
    `  time: run ${timing.runS} s (expected ≈ ${timing.expectedRunS} s), ${timing.submissionsPerSecond} submissions/s; calibration ${timing.calibrationS} s, warm-up ${timing.warmUpS} s; total ${timing.totalS} s`,
    `  response (POST → verdict read): p50 ${run.responseMs.p50} ms, p99 ${run.responseMs.p99} ms, max ${run.responseMs.max} ms`,
    `  webhooks: ${report.webhooks.requests} requests for ${report.webhooks.lmsSubmissions} LMS submissions; ${report.webhooks.moreThanOneDeliveryId} with two delivery ids`,
    `  readings during the run: ${report.during.samples} (every ${report.settings.sampleEveryS} s; ${report.during.failedReadings} failed)`,
    '',
    figureTable(report.figures),
    '',
    `Redis: the system's keys ${retention.ownMbBefore.toFixed(1)} → ${retention.ownMbAfter.toFixed(1)} MiB, ${Math.round(retention.bytesPerSubmission)} bytes per submission (data juez keeps); ` +
      `instance used_memory ${retention.usedMemoryMbBefore.toFixed(1)} → ${retention.usedMemoryMbAfter.toFixed(1)} MiB, ` +
      `${signed(retention.unexplainedMb, 'MiB')} not in the system's keys (≤ ${retention.unexplainedToleranceMb.toFixed(1)} MiB: ${retention.unexplainedVerdict})`,
    retentionTable(report),
    '',
    ...(run.examples.length > 0 ? ['First problems:', ...run.examples.map((e) => `  #${e.index} ${e.reference} (${e.client}, ${e.id ?? 'no id'}): ${e.kind}: ${e.detail}`), ''] : []),
    report.pass ? 'PASS: every verdict as expected, every figure flat' : `FAIL:\n${report.failures.map((failure) => `  ${failure}`).join('\n')}`,
  ];
  return lines.join('\n');
}
