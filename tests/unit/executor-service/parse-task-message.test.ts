import { describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../../executor/service/parse-task-message.js';

const valid = {
  v: 1,
  kind: 'submission',
  lane: 'submission',
  id: 'sub_1',
  round: 2,
  problemId: 'hello',
  problemVersion: 1,
  packageHash: 'f'.repeat(64),
  languageId: 'python',
  files: [{ name: 'a.py', content: 'print(1)' }],
  publishedAt: 1,
};
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseTaskMessage', () => {
  it('accepts a valid task', () => {
    expect(parseTaskMessage(body(valid))).toEqual({ ok: true, task: valid });
  });

  it('names the submission of an invalid task so that it can get its IE', () => {
    const parsed = parseTaskMessage(body({ ...valid, files: [] }));
    expect(parsed).toMatchObject({ ok: false, target: { kind: 'submission', id: 'sub_1', round: 2 } });
    expect(parsed.ok ? '' : parsed.reason).toMatch(/files/);
  });

  it('keeps the round out of the target when it is not a valid round', () => {
    expect(parseTaskMessage(body({ ...valid, round: -1 }))).toMatchObject({ ok: false, target: { id: 'sub_1' } });
    const parsed = parseTaskMessage(body({ ...valid, round: 'x' }));
    expect(parsed.ok ? undefined : parsed.target?.round).toBeUndefined();
  });

  it('names no task when the id is unusable or the body is not JSON', () => {
    expect(parseTaskMessage(body({ ...valid, id: '../etc' }))).not.toHaveProperty('target');
    expect(parseTaskMessage(Buffer.from('{nope'))).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(parseTaskMessage(body(['a']))).not.toHaveProperty('target');
  });

  it('refuses unknown fields (the schema is closed)', () => {
    expect(parseTaskMessage(body({ ...valid, extra: 1 })).ok).toBe(false);
  });
});
