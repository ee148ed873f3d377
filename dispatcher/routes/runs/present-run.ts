import type { RunRecord } from '../../../common/run-record.js';
import { RUN_STATUSES } from '../../../common/run-result.js';
import type { JsonSchema } from '../../http/validation.js';

/**
 * A run as returned by the API: the record, plus the most used result fields at the top level once done
 * (stdout, stderr, timeMs = CPU time, memoryKb, outcome). An internal error keeps its culprit only.
 */
export function presentRun(record: RunRecord): Record<string, unknown> {
  const { result, ...rest } = record;
  if (result === undefined) return rest;
  const { internalError, ...shown } = result;
  return {
    ...rest,
    outcome: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    timeMs: result.cpuMs,
    wallMs: result.wallMs,
    memoryKb: result.memoryKb,
    result: { ...shown, ...(internalError !== undefined && { internalError: { culprit: internalError.culprit } }) },
  };
}

export const RUN_VIEW_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'status', 'userId', 'languageId', 'createdAt'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['queued', 'judging', 'done'] },
    userId: { type: 'string' },
    languageId: { type: 'string' },
    problemId: { type: 'string' },
    problemVersion: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    outcome: { enum: [...RUN_STATUSES], description: 'How the run ended (done only).' },
    stdout: { type: 'string' },
    stderr: { type: 'string' },
    timeMs: { type: 'number', description: 'CPU time.' },
    wallMs: { type: 'number' },
    memoryKb: { type: 'number' },
    result: { type: 'object', description: 'The full RunResult (common/run-result.ts).' },
  },
  examples: [
    {
      id: 'rN2b…',
      status: 'done',
      userId: 'alice',
      languageId: 'python',
      createdAt: '2025-01-01T10:00:00.000Z',
      outcome: 'ok',
      stdout: 'olleh\n',
      stderr: '',
      timeMs: 18,
      wallMs: 25,
      memoryKb: 9120,
    },
  ],
};
