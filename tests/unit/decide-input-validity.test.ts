/**
 * What an input validator's run says about an input: 42 valid, 43 invalid with its reason, anything else
 * (another exit code, a signal, a limit, the OOM killer) a broken validator.
 */
import { describe, expect, it } from 'vitest';
import { decideInputValidity } from '../../executor/judging/validate-inputs.js';
import type { ProcessFacts, RunFacts } from '../../executor/judging/sandbox-session.js';

function run(proc: Partial<ProcessFacts>, output: { stdout?: string; stderr?: string; oomKills?: number } = {}): RunFacts {
  const stdout = Buffer.from(output.stdout ?? '');
  const stderr = Buffer.from(output.stderr ?? '');
  return {
    procs: [{ exitCode: 0, signal: 0, cpuMs: 5, wallMs: 6, memoryKb: 1000, limit: null, stdoutBytes: stdout.length, stderrBytes: stderr.length, ...proc }],
    oomKills: output.oomKills ?? 0,
    stdout,
    stderr,
  };
}

describe('decideInputValidity', () => {
  it('exit 42 accepts the input, whatever the validator printed', () => {
    expect(decideInputValidity(run({ exitCode: 42 }))).toEqual({ kind: 'accepted' });
    expect(decideInputValidity(run({ exitCode: 42 }, { stderr: 'note: T = 3' }))).toEqual({ kind: 'accepted' });
  });

  it('exit 43 rejects it, with the validator\'s stderr as the reason, else its stdout, else a default', () => {
    expect(decideInputValidity(run({ exitCode: 43 }, { stderr: '  line 2: 1001 > 1000\n', stdout: 'ignored' }))).toEqual({
      kind: 'rejected',
      message: 'line 2: 1001 > 1000',
    });
    expect(decideInputValidity(run({ exitCode: 43 }, { stdout: 'expected 3 lines, got 2\n' }))).toEqual({ kind: 'rejected', message: 'expected 3 lines, got 2' });
    expect(decideInputValidity(run({ exitCode: 43 }))).toEqual({ kind: 'rejected', message: 'rejected it without saying why (exit code 43, no output)' });
  });

  it('says how much of a long reason was cut (the run returns only its start)', () => {
    const facts = run({ exitCode: 43 }, { stderr: 'bad input' });
    facts.procs[0]!.stderrBytes = 10_000;
    expect(decideInputValidity(facts)).toEqual({ kind: 'rejected', message: 'bad input\n… (9991 more bytes)' });
  });

  it('any other exit code is a broken validator, not a bad input', () => {
    expect(decideInputValidity(run({ exitCode: 0 }))).toEqual({ kind: 'failed', message: 'exited with code 0 (42 accepts an input, 43 rejects it)' });
    expect(decideInputValidity(run({ exitCode: 1 }, { stderr: 'Traceback (most recent call last):\nValueError' }))).toEqual({
      kind: 'failed',
      message: 'exited with code 1 (42 accepts an input, 43 rejects it): Traceback (most recent call last):\nValueError',
    });
  });

  it('a signal, a limit or the OOM killer is a broken validator, even with exit code 43 or 42', () => {
    expect(decideInputValidity(run({ exitCode: null, signal: 11 }))).toEqual({ kind: 'failed', message: 'was killed by signal 11' });
    expect(decideInputValidity(run({ exitCode: null, signal: 9, limit: 'cpu' }))).toEqual({ kind: 'failed', message: 'hit its time limit' });
    expect(decideInputValidity(run({ exitCode: 43, limit: 'wall' }))).toEqual({ kind: 'failed', message: 'hit its wall-clock time limit' });
    expect(decideInputValidity(run({ exitCode: null, signal: 9, limit: 'memory' }, { stderr: 'MemoryError' }))).toEqual({
      kind: 'failed',
      message: 'hit its memory limit: MemoryError',
    });
    expect(decideInputValidity(run({ exitCode: 42, limit: 'output' }))).toEqual({ kind: 'failed', message: 'hit its output limit' });
    expect(decideInputValidity(run({ exitCode: null, signal: 9 }, { oomKills: 1 }))).toEqual({ kind: 'failed', message: 'was killed by the out-of-memory killer' });
  });

  it('a run without a process is a failure', () => {
    expect(decideInputValidity({ procs: [], oomKills: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) })).toEqual({ kind: 'failed', message: 'did not run' });
  });
});
