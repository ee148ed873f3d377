import { Ajv } from 'ajv';
import { TASK_MESSAGE_SCHEMA, type TaskMessage } from '../../common/task-message.js';

/** What an invalid message still tells about the task it was meant to be, so that it can get its IE. */
export interface InvalidTaskMessage {
  ok: false;
  /** Every schema violation, for the log and the IE message. */
  reason: string;
  /** Present when the body names a task well enough to find its record. */
  target?: { kind: 'submission' | 'run'; id: string; round?: number };
}

export type ParsedTaskMessage = { ok: true; task: TaskMessage } | InvalidTaskMessage;

const validate = new Ajv({ allErrors: true }).compile<TaskMessage>(TASK_MESSAGE_SCHEMA);
const ID_PATTERN = new RegExp(TASK_MESSAGE_SCHEMA.properties.id.pattern);

/** Parses and validates a message body against TASK_MESSAGE_SCHEMA. Never throws. */
export function parseTaskMessage(body: Buffer): ParsedTaskMessage {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (validate(data)) return { ok: true, task: data };
  const reason = (validate.errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
  return { ok: false, reason, ...describeTarget(data) };
}

/**
 * The task an invalid body names, if any: an id that could be a record's, and its kind (a body without a
 * kind is taken for a submission, the common case). Only the round is optional: without it, the
 * record's current round is meant.
 */
function describeTarget(data: unknown): Pick<InvalidTaskMessage, 'target'> {
  if (typeof data !== 'object' || data === null) return {};
  const { id, kind, round } = data as Record<string, unknown>;
  if (typeof id !== 'string' || id.length > 64 || !ID_PATTERN.test(id)) return {};
  if (kind !== undefined && kind !== 'submission' && kind !== 'run') return {};
  const validRound = typeof round === 'number' && Number.isInteger(round) && round >= 0 ? round : undefined;
  return {
    target: {
      kind: kind ?? 'submission',
      id,
      ...(validRound !== undefined ? { round: validRound } : {}),
    },
  };
}
