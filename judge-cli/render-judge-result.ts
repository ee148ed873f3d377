import Table from 'cli-table3';
import type { JudgeResult } from '../common/judge-result.js';
import { VERDICT_NAMES } from '../common/verdict.js';
import { formatKb, formatMs, oneLine, paintVerdict, PLAIN_TABLE_STYLE, type Colors } from './format.js';

/**
 * A judge result for people: compiler output when there is something to say, one table row per test case,
 * the first failed sample's expected and actual output, and a summary line.
 */
export function renderJudgeResult(result: JudgeResult, colors: Colors): string {
  const parts: string[] = [];
  if (result.verdict === 'CE' || (result.compileOutput !== undefined && result.compileOutput.trim() !== '')) {
    parts.push(colors.bold('Compiler output:'), result.compileOutput?.trimEnd() || '(none)', '');
  }
  if (result.tests.length > 0) {
    const table = new Table({
      head: ['test', 'verdict', 'time', 'memory', 'message'],
      style: PLAIN_TABLE_STYLE,
      colAligns: ['left', 'left', 'right', 'right', 'left'],
    });
    for (const test of result.tests) {
      table.push([test.name, paintVerdict(colors, test.verdict), formatMs(test.cpuMs), formatKb(test.memoryKb), oneLine(test.message)]);
    }
    parts.push(table.toString());
  }
  if (result.groups !== undefined && result.groups.length > 0) {
    const table = new Table({ head: ['group', 'verdict', 'score'], style: PLAIN_TABLE_STYLE });
    for (const group of result.groups) {
      table.push([group.group, paintVerdict(colors, group.verdict), `${group.score}/${group.maxScore}`]);
    }
    parts.push(table.toString());
  }
  const failedSample = result.tests.find((t) => t.verdict === 'WA' && t.expected !== undefined);
  if (failedSample !== undefined) {
    parts.push(
      colors.bold(`${failedSample.name}: expected`),
      failedSample.expected?.trimEnd() ?? '',
      colors.bold(`${failedSample.name}: your output`),
      failedSample.output?.trimEnd() ?? '',
    );
  }
  if (result.internalError !== undefined) {
    parts.push(colors.magenta(`internal error (${result.internalError.culprit}): ${result.internalError.message}`));
  }
  parts.push(renderSummary(result, colors));
  return parts.join('\n');
}

/** `AC (Accepted)  score 1/1  time 12 ms (max 5 ms)  memory 1.4 MiB` */
export function renderSummary(result: JudgeResult, colors: Colors): string {
  const slowest = Math.max(0, ...result.tests.map((t) => t.cpuMs));
  return [
    `${colors.bold(paintVerdict(colors, result.verdict))} (${VERDICT_NAMES[result.verdict]})`,
    `score ${result.score}/${result.maxScore}`,
    `time ${formatMs(result.cpuMs)} (slowest test ${formatMs(slowest)})`,
    `memory ${formatKb(result.maxMemoryKb)}`,
  ].join('  ');
}
