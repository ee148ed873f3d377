import type { InternalErrorCulprit, Verdict } from './verdict.js';

/** The outcome of one test case (one input file, or one pass chain of a multi-pass problem). */
export interface TestCaseResult {
  /** Path of the test below data/, without extension, e.g. `sample/1` or `secret/group1/03`. */
  name: string;
  /** Test group: `sample`, `secret`, or a nested group such as `secret/group1`. */
  group: string;
  verdict: Verdict;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** Exit code of a program that ended on its own with a non-zero code (RE). */
  exitCode?: number;
  /** Signal name of a program killed by a signal, e.g. `SIGSEGV` (RE). */
  signal?: string;
  /** Feedback for people: the validator's judge message, or why the verdict was given. */
  message?: string;
  /** Sample tests only: the program's output (truncated). Hidden tests never carry data. */
  output?: string;
  /** Sample tests only: the expected answer (truncated). */
  expected?: string;
}

/** Score of one test group of a scoring problem. */
export interface GroupResult {
  group: string;
  verdict: Verdict;
  score: number;
  maxScore: number;
}

/** The full result of judging one submission. */
export interface JudgeResult {
  verdict: Verdict;
  score: number;
  maxScore: number;
  /** Compiler output (stdout and stderr merged), truncated. Present when a compile step ran. */
  compileOutput?: string;
  /** Present iff verdict is IE: which component failed and why. */
  internalError?: { culprit: InternalErrorCulprit; message: string };
  tests: TestCaseResult[];
  /** Scoring problems: one entry per test group. */
  groups?: GroupResult[];
  /** Totals over all test cases that ran. */
  cpuMs: number;
  maxMemoryKb: number;
}

/** Progress reported while judging: `done` of `total` test cases finished. */
export interface JudgeProgress {
  done: number;
  total: number;
  /** Last finished test case. */
  last?: TestCaseResult;
}
