/**
 * How `judge-cli verify` reports input validation to people: per package how many inputs each validator
 * accepted (or "no input validators"), then every rejected input and validator failure, and a count.
 */
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { renderInputValidation, type VerifyInputs } from '../../judge-cli/verify-inputs.js';

const plain = pc.createColors(false);

describe('renderInputValidation', () => {
  it('counts the inputs each validator accepted, and says when a package has no input validators', () => {
    const entries: VerifyInputs[] = [
      { problem: 'aplusb', inputs: 8, validators: [{ name: 'input_validators/validate.py', accepted: 8, rejected: 0, failed: 0 }], failures: [], ok: true },
      { problem: 'hello', inputs: 2, validators: [], failures: [], ok: true },
    ];
    expect(renderInputValidation(entries, plain)).toEqual([
      'input validation: aplusb: input_validators/validate.py accepted 8 of 8 inputs',
      'input validation: hello: no input validators',
    ]);
  });

  it('names every rejected input, its validator and its reason on one line, cut, then counts them', () => {
    const reason = `line 2: ${'9'.repeat(300)} is out of range\nsecond line`;
    const entries: VerifyInputs[] = [
      {
        problem: 'p',
        inputs: 3,
        validators: [
          { name: 'input_validators/bounds', accepted: 1, rejected: 2, failed: 0 },
          { name: 'input_validators/crashy.py', accepted: 2, rejected: 0, failed: 1 },
          { name: 'input_validators/broken.cpp', accepted: 0, rejected: 0, failed: 0 },
        ],
        failures: [
          { input: 'data/secret/1.in', validator: 'input_validators/bounds', kind: 'rejected', message: 'T must be at least 1' },
          { input: 'data/secret/2.in', validator: 'input_validators/bounds', kind: 'rejected', message: reason },
          { input: 'data/secret/2.in', validator: 'input_validators/crashy.py', kind: 'failed', message: 'exited with code 1 (42 accepts an input, 43 rejects it): Traceback\n  ValueError' },
          { validator: 'input_validators/broken.cpp', kind: 'failed', message: 'the input validator input_validators/broken.cpp does not compile (exit code 1)' },
        ],
        ok: false,
      },
    ];
    const lines = renderInputValidation(entries, plain);
    expect(lines.slice(0, 3)).toEqual([
      'input validation: p: input_validators/bounds accepted 1 of 3 inputs, rejected 2',
      'input validation: p: input_validators/crashy.py accepted 2 of 3 inputs, failed on 1',
      'input validation: p: input_validators/broken.cpp could not be run',
    ]);
    expect(lines[3]).toBe('REJECTED p data/secret/1.in by input_validators/bounds: T must be at least 1');
    expect(lines[4]).toMatch(/^REJECTED p data\/secret\/2\.in by input_validators\/bounds: line 2: 9{100,}…$/);
    expect(lines[4]!.length).toBeLessThan(reason.length);
    expect(lines[5]).toBe('VALIDATOR FAILED p data/secret/2.in by input_validators/crashy.py: exited with code 1 (42 accepts an input, 43 rejects it): Traceback | ValueError');
    expect(lines[6]).toBe('VALIDATOR FAILED p input_validators/broken.cpp: the input validator input_validators/broken.cpp does not compile (exit code 1)');
    expect(lines[7]).toBe('input validation: 2 test inputs rejected, 2 input validator failures');
    expect(lines).toHaveLength(8);
  });

  it('says a failure repeated on several inputs once, with a count; rejections are each listed', () => {
    const failed = (input: string, message = 'exited with code 1'): VerifyInputs['failures'][number] => ({ input, validator: 'v.py', kind: 'failed', message });
    const entries: VerifyInputs[] = [
      {
        problem: 'p',
        inputs: 4,
        validators: [{ name: 'v.py', accepted: 0, rejected: 0, failed: 4 }],
        failures: [failed('data/sample/1.in'), failed('data/secret/1.in', 'was killed by signal 11'), failed('data/secret/2.in'), failed('data/secret/3.in')],
        ok: false,
      },
    ];
    expect(renderInputValidation(entries, plain).slice(1)).toEqual([
      'VALIDATOR FAILED p data/sample/1.in by v.py: exited with code 1 (the same on 2 more inputs)',
      'VALIDATOR FAILED p data/secret/1.in by v.py: was killed by signal 11',
      'input validation: 4 input validator failures',
    ]);
  });

  it('says when input validation could not run at all', () => {
    const entries: VerifyInputs[] = [{ problem: 'p', inputs: 3, validators: [], failures: [], internalError: 'sandbox: 2 sandboxes failed', ok: false }];
    expect(renderInputValidation(entries, plain)).toEqual([
      'input validation: p: could not run: sandbox: 2 sandboxes failed',
      'input validation: 1 input validator failure',
    ]);
  });

  it('prints nothing when input validation was skipped (--no-input-validation)', () => {
    expect(renderInputValidation([], plain)).toEqual([]);
  });
});
