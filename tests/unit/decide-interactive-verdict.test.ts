import { describe, expect, it } from 'vitest';
import {
  decideFirstToFinish,
  decideInteractiveVerdict,
  type InteractiveVerdictInput,
} from '../../executor/judging/decide-interactive-verdict.js';
import type { ProcessFacts } from '../../executor/judging/sandbox-session.js';

const SIGKILL = 9;
const SIGSEGV = 11;
const SIGPIPE = 13;

/** A process that ended at `endMs` on the supervisor's clock. */
const at = (endMs: number, extra: Partial<ProcessFacts> = {}): ProcessFacts => ({
  exitCode: 0,
  signal: 0,
  cpuMs: 10,
  wallMs: endMs,
  endMs,
  memoryKb: 10_000,
  limit: null,
  stdoutBytes: 10,
  stderrBytes: 0,
  ...extra,
});

// How each side can end. Program: exits 0, crashes, exits non-zero, CPU limit, wall limit (a deadlock ends
// there too), killed by SIGPIPE, Python's BrokenPipeError (exit 1 with a traceback), memory limit.
const PROGRAM = {
  ok: { facts: {} },
  crash: { facts: { exitCode: null, signal: SIGSEGV } },
  exit3: { facts: { exitCode: 3 } },
  cpu: { facts: { exitCode: null, signal: SIGKILL, limit: 'cpu' } },
  wall: { facts: { exitCode: null, signal: SIGKILL, limit: 'wall' } },
  sigpipe: { facts: { exitCode: null, signal: SIGPIPE } },
  epipe: { facts: { exitCode: 1 }, stderr: 'Traceback ...\nBrokenPipeError: [Errno 32] Broken pipe\n' },
  memory: { facts: { exitCode: null, signal: SIGKILL, limit: 'memory' } },
} as const satisfies Record<string, { facts: Partial<ProcessFacts>; stderr?: string }>;

// Validator: accepts, rejects, crashes on its own, exceeds its time limit, dies of SIGPIPE (C/C++), gets EPIPE
// (Python: BrokenPipeError, exit 1), chokes on end of input (a bug, exit 1 without EPIPE).
const VALIDATOR = {
  ac: { facts: { exitCode: 42 } },
  wa: { facts: { exitCode: 43 } },
  crash: { facts: { exitCode: null, signal: SIGSEGV } },
  time: { facts: { exitCode: null, signal: SIGKILL, limit: 'cpu' } },
  sigpipe: { facts: { exitCode: null, signal: SIGPIPE } },
  epipe: { facts: { exitCode: 1 }, stderr: 'Traceback ...\nBrokenPipeError: [Errno 32] Broken pipe\n' },
  eof: { facts: { exitCode: 1 }, stderr: "ValueError: invalid literal for int() with base 10: ''\n" },
} as const satisfies Record<string, { facts: Partial<ProcessFacts>; stderr?: string }>;

type Order = 'validator first' | 'program first' | 'same wake-up';
const ENDS: Record<Order, [program: number, validator: number]> = {
  'validator first': [200, 100],
  'program first': [100, 200],
  'same wake-up': [100, 100.01],
};

function decide(order: Order, program: keyof typeof PROGRAM, validator: keyof typeof VALIDATOR, extra: Partial<InteractiveVerdictInput> = {}) {
  const [programEnd, validatorEnd] = ENDS[order];
  const p: { facts: Partial<ProcessFacts>; stderr?: string } = PROGRAM[program];
  const v: { facts: Partial<ProcessFacts>; stderr?: string } = VALIDATOR[validator];
  return decideInteractiveVerdict({
    program: at(programEnd, p.facts),
    oomKills: 0,
    memoryLimitKb: 262_144,
    ...(p.stderr === undefined ? {} : { stderrTail: p.stderr }),
    validator: { facts: at(validatorEnd, v.facts), judgeMessage: 'judge says', ...(v.stderr === undefined ? {} : { stderr: v.stderr }) },
    ...extra,
  }).verdict;
}

// [program, validator, validator first, program first, same wake-up]
const TABLE: [keyof typeof PROGRAM, keyof typeof VALIDATOR, string, string, string][] = [
  // The validator's answer stands for a program that ended well.
  ['ok', 'ac', 'AC', 'AC', 'AC'],
  ['ok', 'wa', 'WA', 'WA', 'WA'],
  // A rejection that came first wins over whatever the program did next; otherwise the program's failure.
  ['crash', 'wa', 'WA', 'RE', 'RE'],
  ['exit3', 'wa', 'WA', 'RE', 'RE'],
  ['cpu', 'wa', 'WA', 'TLE', 'TLE'],
  ['wall', 'wa', 'WA', 'TLE', 'TLE'],
  ['memory', 'wa', 'WA', 'MLE', 'MLE'],
  // A program's broken pipe proves the validator had closed first, whatever the clock says.
  ['sigpipe', 'wa', 'WA', 'WA', 'WA'],
  ['epipe', 'wa', 'WA', 'WA', 'WA'],
  // An accepting validator does not hide the program's own failure (problemtools: TLE / RTE).
  ['crash', 'ac', 'RE', 'RE', 'RE'],
  ['exit3', 'ac', 'RE', 'RE', 'RE'],
  ['cpu', 'ac', 'TLE', 'TLE', 'TLE'],
  ['wall', 'ac', 'TLE', 'TLE', 'TLE'],
  ['sigpipe', 'ac', 'RE', 'RE', 'RE'],
  // A validator that fails on its own is an IE naming it — unless the program had already failed.
  ['ok', 'crash', 'IE', 'IE', 'IE'],
  ['ok', 'time', 'IE', 'IE', 'IE'],
  ['ok', 'eof', 'IE', 'IE', 'IE'],
  ['crash', 'crash', 'IE', 'RE', 'IE'],
  ['crash', 'eof', 'IE', 'RE', 'IE'],
  ['wall', 'eof', 'IE', 'TLE', 'IE'],
  ['cpu', 'time', 'IE', 'TLE', 'IE'],
  ['sigpipe', 'crash', 'IE', 'IE', 'IE'],
  // A validator's broken pipe is the program's failure: it closed its end. Never an IE.
  ['ok', 'sigpipe', 'WA', 'WA', 'WA'],
  ['ok', 'epipe', 'WA', 'WA', 'WA'],
  ['crash', 'sigpipe', 'RE', 'RE', 'RE'],
  ['exit3', 'epipe', 'RE', 'RE', 'RE'],
  ['cpu', 'sigpipe', 'TLE', 'TLE', 'TLE'],
  ['wall', 'epipe', 'TLE', 'TLE', 'TLE'],
  ['memory', 'sigpipe', 'MLE', 'MLE', 'MLE'],
];

describe('decideInteractiveVerdict: who finished first decides', () => {
  it.each(TABLE)('program %s, validator %s: %s if the validator ended first, %s if the program did, %s in one wake-up', (program, validator, vFirst, pFirst, tie) => {
    expect([decide('validator first', program, validator), decide('program first', program, validator), decide('same wake-up', program, validator)]).toEqual([
      vFirst,
      pFirst,
      tie,
    ]);
  });

  it("carries the validator's judge message with its verdict and names the validator in an IE", () => {
    const input = (program: Partial<ProcessFacts>, validator: Partial<ProcessFacts>): InteractiveVerdictInput => ({
      program: at(100, program),
      oomKills: 0,
      memoryLimitKb: 262_144,
      validator: { facts: at(200, validator), judgeMessage: 'guess 3 was wrong' },
    });
    expect(decideInteractiveVerdict(input({}, { exitCode: 43 }))).toEqual({ verdict: 'WA', message: 'guess 3 was wrong' });
    expect(decideInteractiveVerdict(input({}, { exitCode: 42 }))).toEqual({ verdict: 'AC', message: 'guess 3 was wrong' });
    expect(decideInteractiveVerdict(input({}, { exitCode: 1 }))).toEqual({
      verdict: 'IE',
      culprit: 'validator',
      message: 'the output validator exited with code 1 (expected 42 or 43): guess 3 was wrong',
    });
    expect(decideInteractiveVerdict(input({ exitCode: 2 }, { exitCode: 42 }))).toMatchObject({ verdict: 'RE', exitCode: 2 });
    expect(decideInteractiveVerdict(input({}, { exitCode: null, signal: SIGPIPE }))).toMatchObject({
      verdict: 'WA',
      message: expect.stringContaining('stopped reading'),
    });
  });

  it('blames the program, not a validator the OOM killer took, when memory ran out', () => {
    expect(decide('validator first', 'crash', 'crash', { oomKills: 1 })).toBe('MLE');
    expect(decide('validator first', 'ok', 'crash', { oomKills: 1 })).toBe('MLE');
  });

  it('reports impossible facts as an IE of the sandbox', () => {
    const result = decideInteractiveVerdict({
      program: at(100),
      oomKills: 0,
      memoryLimitKb: 262_144,
      validator: { facts: at(100, { exitCode: null, signal: 0 }) },
    });
    expect(result).toMatchObject({ verdict: 'IE', culprit: 'sandbox' });
  });

  it('treats ends without endMs (facts made by hand) as a tie', () => {
    const { endMs: _p, ...program } = at(100, { exitCode: 3 });
    const { endMs: _v, ...validator } = at(50, { exitCode: 43 });
    expect(decideFirstToFinish(program, validator)).toBe('tie');
    expect(decideInteractiveVerdict({ program, oomKills: 0, memoryLimitKb: 262_144, validator: { facts: validator } }).verdict).toBe('RE');
  });
});

describe('decideFirstToFinish', () => {
  it('goes by endMs, with ends within one wake-up a tie', () => {
    expect(decideFirstToFinish(at(100), at(200))).toBe('program');
    expect(decideFirstToFinish(at(200), at(100))).toBe('validator');
    expect(decideFirstToFinish(at(100), at(100.5))).toBe('tie');
    expect(decideFirstToFinish(at(100), at(101.5))).toBe('program');
  });

  it('lets a broken pipe or an end of file tell the order, whatever the clock says', () => {
    expect(decideFirstToFinish(at(100, { exitCode: null, signal: SIGPIPE }), at(200, { exitCode: 43 }))).toBe('validator');
    expect(decideFirstToFinish(at(100, { exitCode: 1 }), at(100, { exitCode: 43 }), 'EOFError: EOF when reading a line')).toBe('validator');
    expect(decideFirstToFinish(at(200), at(100, { exitCode: null, signal: SIGPIPE }))).toBe('program');
    expect(decideFirstToFinish(at(200), at(100, { exitCode: 1 }), undefined, 'BrokenPipeError: [Errno 32] Broken pipe')).toBe('program');
    // A program exiting 0 with such words on stderr proves nothing.
    expect(decideFirstToFinish(at(100), at(100.5, { exitCode: 43 }), 'EOFError')).toBe('tie');
  });
});
