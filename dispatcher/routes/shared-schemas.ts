/**
 * Schema pieces shared by several routes. They validate requests (ajv) and document them (OpenAPI) at once.
 */
import { TASK_MESSAGE_SCHEMA } from '../../common/task-message.js';
import { VERDICTS } from '../../common/verdict.js';
import type { JsonSchema } from '../http/validation.js';

export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const PROBLEM_ID_PATTERN = TASK_MESSAGE_SCHEMA.properties.problemId.pattern;
export const USER_ID_PATTERN = '^[A-Za-z0-9_.@:-]{1,128}$';
export const COURSE_ID_PATTERN = '^[A-Za-z0-9_.-]{1,64}$';

export const idParams = (name = 'id'): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: [name],
  properties: { [name]: { type: 'string', pattern: ID_PATTERN } },
});

export const problemIdParams: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['problemId'],
  properties: { problemId: { type: 'string', minLength: 1, maxLength: 64, pattern: PROBLEM_ID_PATTERN } },
};

/** Source files: names a sandbox can use as they are; sizes are checked in bytes by the handler. */
export function sourceFilesSchema(maxFiles: number): JsonSchema {
  const file = TASK_MESSAGE_SCHEMA.properties.files.items;
  return {
    type: 'array',
    minItems: 1,
    maxItems: maxFiles,
    description: 'Source files (UTF-8 text). Names: letters, digits, `_`, `.`, `+`, `-`; no directories.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'content'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: file.properties.name.maxLength, pattern: file.properties.name.pattern },
        content: { type: 'string' },
      },
    },
  };
}

export function waitSchema(maxWaitS: number): JsonSchema {
  return {
    type: 'integer',
    minimum: 0,
    maximum: maxWaitS,
    description: `Hold the response up to this many seconds for the final result (200 if it came, else 202).`,
  };
}

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable, machine-readable code.' },
        message: { type: 'string', description: 'For people; may change.' },
        details: { description: 'Code-specific details, e.g. `fields` for validation_failed.' },
      },
    },
  },
  examples: [
    {
      error: {
        code: 'validation_failed',
        message: 'The request is invalid; see details for each field.',
        details: { fields: [{ in: 'body', field: 'languageId', message: 'is required' }] },
      },
    },
  ],
};

const TEST_RESULT_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'One test case. For students and service clients, non-sample tests carry only index, group, verdict, cpuMs, wallMs and memoryKb.',
  properties: {
    index: { type: 'integer' },
    name: { type: 'string' },
    group: { type: 'string' },
    verdict: { enum: [...VERDICTS] },
    cpuMs: { type: 'number' },
    wallMs: { type: 'number' },
    memoryKb: { type: 'number' },
    exitCode: { type: 'integer' },
    signal: { type: 'string' },
    message: { type: 'string' },
    output: { type: 'string' },
    expected: { type: 'string' },
  },
};

export const JUDGE_RESULT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    verdict: { enum: [...VERDICTS] },
    score: { type: 'number' },
    maxScore: { type: 'number' },
    compileOutput: { type: 'string' },
    internalError: { type: 'object', properties: { culprit: { type: 'string' }, message: { type: 'string' } } },
    tests: { type: 'array', items: TEST_RESULT_SCHEMA },
    groups: { type: 'array', items: { type: 'object' } },
    cpuMs: { type: 'number' },
    maxMemoryKb: { type: 'number' },
  },
};

export const SUBMISSION_VIEW_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'status', 'userId', 'courseId', 'problemId', 'problemVersion', 'languageId', 'round', 'createdAt'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['queued', 'judging', 'done', 'cancelled'] },
    progress: { type: 'object', properties: { done: { type: 'integer' }, total: { type: 'integer' } } },
    userId: { type: 'string' },
    courseId: { type: 'string' },
    submittedBy: { type: 'string' },
    problemId: { type: 'string' },
    problemVersion: { type: 'integer' },
    languageId: { type: 'string' },
    externalId: { type: 'string' },
    lane: { enum: ['submission', 'rejudge'] },
    round: { type: 'integer' },
    executor: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    result: JUDGE_RESULT_SCHEMA,
    files: { type: 'array', items: { type: 'object' } },
  },
  examples: [
    {
      id: 'sQk3v0cW1d2h5o7YpZx9',
      status: 'judging',
      progress: { done: 3, total: 10 },
      userId: 'alice',
      courseId: 'prog1',
      submittedBy: 'alice',
      problemId: 'hello',
      problemVersion: 2,
      languageId: 'python',
      lane: 'submission',
      round: 0,
      createdAt: '2025-01-01T10:00:00.000Z',
    },
  ],
};
