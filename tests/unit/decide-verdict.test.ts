import { describe, expect, it } from 'vitest';
import {
  decideCompileVerdict,
  decideOverallVerdict,
  decideTestVerdict,
  nameSignal,
  truncateText,
  type TestVerdictInput,
  type ValidationOutcome,
} from '../../executor/judging/decide-verdict.js';
import type { ProcessFacts } from '../../executor/judging/sandbox-session.js';

const SIGKILL = 9;
const SIGSEGV = 11;
const SIGPIPE = 13;
const SIGXCPU = 24;
const SIGXFSZ = 25;

const facts = (extra: Partial<ProcessFacts> = {}): ProcessFacts => ({
  exitCode: 0,
  signal: 0,
  cpuMs: 100,
  wallMs: 120,
  memoryKb: 10_000,
  limit: null,
  stdoutBytes: 10,
  stderrBytes: 0,
  ...extra,
});
const killed = (signal: number, extra: Partial<ProcessFacts> = {}): ProcessFacts => facts({ exitCode: null, signal, ...extra });

const ACCEPTED: ValidationOutcome = { kind: 'compared', result: { accepted: true, message: '' } };
const WRONG: ValidationOutcome = { kind: 'compared', result: { accepted: false, message: "line 1, token 1: expected '1', got '2'" } };
const validator = (extra: Partial<ProcessFacts>, judgeMessage?: string): ValidationOutcome => ({
  kind: 'validator',
  facts: facts(extra),
  ...(judgeMessage === undefined ? {} : { judgeMessage }),
});

const decide = (extra: Partial<TestVerdictInput>): ReturnType<typeof decideTestVerdict> =>
  decideTestVerdict({ program: facts(), oomKills: 0, memoryLimitKb: 262_144, validation: ACCEPTED, ...extra });

describe('decideTestVerdict, non-interactive', () => {
  it('accepts a clean run with a correct output', () => {
    expect(decide({})).toEqual({ verdict: 'AC', message: '' });
  });

  it('gives WA with the comparison message', () => {
    expect(decide({ validation: WRONG })).toEqual({ verdict: 'WA', message: "line 1, token 1: expected '1', got '2'" });
  });

  it('1. impossible facts are an IE of the sandbox, before anything else', () => {
    expect(decide({ program: facts({ exitCode: null, signal: 0, limit: 'cpu' }) })).toMatchObject({
      verdict: 'IE',
      culprit: 'sandbox',
    });
    expect(decide({ program: facts({ exitCode: 1, signal: SIGSEGV }) })).toMatchObject({ verdict: 'IE', culprit: 'sandbox' });
    expect(decide({ validation: validator({ exitCode: null, signal: 0 }) })).toMatchObject({ verdict: 'IE', culprit: 'sandbox' });
  });

  it('2. a failing validator is an IE of the validator, never the student', () => {
    expect(decide({ validation: validator({ exitCode: 1 }, 'Traceback ...') })).toEqual({
      verdict: 'IE',
      culprit: 'validator',
      message: 'the output validator exited with code 1 (expected 42 or 43): Traceback ...',
    });
    expect(decide({ validation: validator({ exitCode: 0 }) })).toMatchObject({ verdict: 'IE', culprit: 'validator' });
    expect(decide({ validation: validator({ exitCode: null, signal: SIGSEGV }) })).toMatchObject({
      verdict: 'IE',
      message: 'the output validator was killed by SIGSEGV',
    });
    expect(decide({ validation: validator({ exitCode: null, signal: SIGKILL, limit: 'cpu' }) })).toMatchObject({
      verdict: 'IE',
      message: 'the output validator exceeded its time limit',
    });
    expect(decide({ validation: validator({ exitCode: null, signal: SIGKILL, limit: 'memory' }) })).toMatchObject({
      verdict: 'IE',
      message: 'the output validator exceeded its memory limit',
    });
    // Even when the program failed too: the validator's failure is an infrastructure problem.
    expect(decide({ program: facts({ exitCode: 1 }), validation: validator({ exitCode: 7 }) })).toMatchObject({
      verdict: 'IE',
      culprit: 'validator',
    });
  });

  it('a custom validator answers with 42 (AC) and 43 (WA), passing its message on', () => {
    expect(decide({ validation: validator({ exitCode: 42 }) })).toEqual({ verdict: 'AC', message: '' });
    expect(decide({ validation: validator({ exitCode: 43 }, 'wrong path length') })).toEqual({
      verdict: 'WA',
      message: 'wrong path length',
    });
  });

  it('3. TLE on the CPU limit, the wall limit or SIGXCPU, before memory and crashes', () => {
    expect(decide({ program: killed(SIGKILL, { limit: 'cpu', cpuMs: 2003 }) })).toEqual({
      verdict: 'TLE',
      message: 'CPU time limit exceeded (2.00 s of CPU time used)',
    });
    expect(decide({ program: killed(SIGKILL, { limit: 'wall', wallMs: 5000, cpuMs: 3 }) })).toMatchObject({
      verdict: 'TLE',
      message: expect.stringContaining('wall-clock time limit exceeded after 5.00 s'),
    });
    expect(decide({ program: killed(SIGXCPU) })).toMatchObject({ verdict: 'TLE' });
    expect(decide({ program: killed(SIGKILL, { limit: 'cpu' }), oomKills: 1 })).toMatchObject({ verdict: 'TLE' });
  });

  it('5. MLE on the memory limit, an OOM kill, a peak above the limit, or the runtime saying so', () => {
    expect(decide({ program: killed(SIGKILL, { limit: 'memory', memoryKb: 262_200 }) })).toEqual({
      verdict: 'MLE',
      message: 'memory limit exceeded (256.1 MiB used)',
    });
    expect(decide({ program: killed(SIGKILL), oomKills: 1 })).toMatchObject({
      verdict: 'MLE',
      message: 'memory limit exceeded (the program was killed by the out-of-memory killer)',
    });
    expect(decide({ program: facts({ memoryKb: 300_000 }) })).toMatchObject({ verdict: 'MLE' });
    const java = { outOfMemoryPattern: 'java.lang.OutOfMemoryError', memoryLimitKb: 360_448 };
    const stderrTail = 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n';
    expect(decide({ ...java, stderrTail, program: facts({ exitCode: 1 }) })).toMatchObject({
      verdict: 'MLE',
      message: 'memory limit exceeded (the runtime reported running out of memory)',
    });
    expect(decide({ ...java, stderrTail: Buffer.from(stderrTail), program: killed(6) })).toMatchObject({ verdict: 'MLE' });
  });

  it('does not call a caught out-of-memory error MLE when the program then exits 0', () => {
    const stderrTail = 'java.lang.OutOfMemoryError (caught, retrying with less)';
    expect(decide({ outOfMemoryPattern: 'java.lang.OutOfMemoryError', stderrTail })).toEqual({ verdict: 'AC', message: '' });
    expect(decide({ stderrTail, program: facts({ exitCode: 1 }) })).toMatchObject({ verdict: 'RE' });
  });

  it('6. OLE on the output limit or SIGXFSZ', () => {
    expect(decide({ program: killed(SIGXFSZ, { limit: 'output', stdoutBytes: 8_388_609 }) })).toEqual({
      verdict: 'OLE',
      message: 'output limit exceeded (8388609 bytes written)',
    });
    expect(decide({ program: killed(SIGXFSZ) })).toMatchObject({ verdict: 'OLE' });
    expect(decide({ program: killed(SIGKILL, { limit: 'output' }), oomKills: 1 })).toMatchObject({ verdict: 'MLE' });
  });

  it('7. RE on a signal, named, or a non-zero exit code', () => {
    expect(decide({ program: killed(SIGSEGV) })).toEqual({
      verdict: 'RE',
      message: 'killed by SIGSEGV (invalid memory access, e.g. an index out of bounds or a stack overflow)',
      signal: 'SIGSEGV',
    });
    expect(decide({ program: killed(8) })).toMatchObject({ signal: 'SIGFPE' });
    expect(decide({ program: killed(SIGKILL) })).toMatchObject({ verdict: 'RE', signal: 'SIGKILL' });
    expect(decide({ program: facts({ exitCode: 3 }), validation: WRONG })).toEqual({
      verdict: 'RE',
      message: 'exited with code 3',
      exitCode: 3,
    });
  });

  it('8. an unvalidated clean run is an IE of the executor', () => {
    const input: TestVerdictInput = { program: facts(), oomKills: 0, memoryLimitKb: 262_144 };
    expect(decideTestVerdict(input)).toMatchObject({ verdict: 'IE', culprit: 'executor' });
    // A program that failed needs no validation.
    expect(decideTestVerdict({ ...input, program: facts({ exitCode: 1 }) })).toMatchObject({ verdict: 'RE' });
  });
});

describe('decideCompileVerdict', () => {
  it('passes a compiler that exits 0, with its warnings', () => {
    expect(decideCompileVerdict(facts(), 'warning: unused variable')).toEqual({ ok: true, output: 'warning: unused variable' });
  });

  it('gives CE for a non-zero exit, limits and signals', () => {
    expect(decideCompileVerdict(facts({ exitCode: 1 }), 'error: expected ;')).toEqual({
      ok: false,
      verdict: 'CE',
      message: 'compilation failed (exit code 1)',
      output: 'error: expected ;',
    });
    expect(decideCompileVerdict(killed(SIGKILL, { limit: 'wall' }), '')).toMatchObject({ verdict: 'CE', message: 'compilation took too long' });
    expect(decideCompileVerdict(killed(SIGKILL, { limit: 'memory' }), '')).toMatchObject({ message: 'the compiler ran out of memory' });
    expect(decideCompileVerdict(killed(SIGKILL), '', { oomKills: 1 })).toMatchObject({ message: 'the compiler ran out of memory' });
    expect(decideCompileVerdict(killed(SIGXFSZ, { limit: 'output' }), '')).toMatchObject({ message: 'the compiler wrote too much output' });
    expect(decideCompileVerdict(killed(SIGSEGV), '')).toMatchObject({ verdict: 'CE', message: 'the compiler was killed by SIGSEGV' });
  });

  it('gives IE when the toolchain cannot be started or facts are impossible', () => {
    expect(decideCompileVerdict(facts({ exitCode: 127 }), 'gcc: not found')).toMatchObject({ verdict: 'IE', culprit: 'image' });
    expect(decideCompileVerdict(facts({ exitCode: null }), '')).toMatchObject({ verdict: 'IE', culprit: 'sandbox' });
  });

  it('truncates the compiler output', () => {
    const result = decideCompileVerdict(facts({ exitCode: 1 }), 'e'.repeat(100_000), { maxOutputBytes: 1000 });
    expect(result.output).toBe(`${'e'.repeat(1000)}\n… (99000 more bytes)`);
  });
});

describe('decideOverallVerdict', () => {
  it('is the first non-AC verdict in test order, else AC', () => {
    expect(decideOverallVerdict([{ verdict: 'AC' }, { verdict: 'TLE' }, { verdict: 'WA' }])).toBe('TLE');
    expect(decideOverallVerdict([{ verdict: 'AC' }, { verdict: 'AC' }])).toBe('AC');
    expect(decideOverallVerdict([])).toBe('AC');
  });
});

describe('nameSignal and truncateText', () => {
  it('names signals', () => {
    expect(nameSignal(11)).toBe('SIGSEGV');
    expect(nameSignal(6)).toBe('SIGABRT');
    expect(nameSignal(99)).toBe('signal 99');
  });

  it('never splits a UTF-8 character', () => {
    expect(truncateText('ñññ', 3)).toBe('ñ\n… (4 more bytes)');
    expect(truncateText('abc', 3)).toBe('abc');
  });
});
