import type { Lane } from './submission.js';

/**
 * The message a dispatcher publishes on RabbitMQ and an executor consumes. It carries everything needed to
 * judge, so an executor never reads the submission record before judging (only the package, by hash).
 * Validated on publish and on consume with TASK_MESSAGE_SCHEMA.
 */
export interface TaskMessage {
  /** Schema version of this message. */
  v: 1;
  kind: 'submission' | 'run';
  lane: Lane;
  /** Submission id (kind 'submission') or run id (kind 'run'). */
  id: string;
  /** Judging round of the submission (rejudges increment it); stale rounds are dropped. */
  round: number;
  problemId: string;
  problemVersion: number;
  /** Content hash of the problem package; the executor fetches it from Redis and caches it on disk. */
  packageHash: string;
  languageId: string;
  /** Source files, UTF-8 text. */
  files: { name: string; content: string }[];
  /** Runs only: the custom stdin. */
  stdin?: string;
  /** Publish time (ms since epoch): response time is measured from it. */
  publishedAt: number;
}

/** JSON schema of TaskMessage (ajv). Limits here are the protocol's outer bounds; the API enforces its own. */
export const TASK_MESSAGE_SCHEMA = {
  $id: 'juez/task-message',
  type: 'object',
  additionalProperties: false,
  required: ['v', 'kind', 'lane', 'id', 'round', 'problemId', 'problemVersion', 'packageHash', 'languageId', 'files', 'publishedAt'],
  properties: {
    v: { const: 1 },
    kind: { enum: ['submission', 'run'] },
    lane: { enum: ['run', 'submission', 'rejudge'] },
    id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' },
    round: { type: 'integer', minimum: 0 },
    problemId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' },
    problemVersion: { type: 'integer', minimum: 1 },
    packageHash: { type: 'string', pattern: '^[a-f0-9]{64}$' },
    languageId: { type: 'string', minLength: 1, maxLength: 32 },
    files: {
      type: 'array',
      minItems: 1,
      maxItems: 32,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'content'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_][A-Za-z0-9_.+-]*$' },
          content: { type: 'string', maxLength: 1048576 },
        },
      },
    },
    stdin: { type: 'string', maxLength: 1048576 },
    publishedAt: { type: 'integer', minimum: 0 },
  },
} as const;
