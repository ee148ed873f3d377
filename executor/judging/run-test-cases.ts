import type { JudgeProgress, TestCaseResult } from '../../common/judge-result.js';
import type { InternalErrorCulprit, Verdict } from '../../common/verdict.js';
import { isCutOff } from './grade-groups.js';
import { runInteractiveTestCase } from './interactive-run.js';
import { runMultiPassTestCase } from './multi-pass-run.js';
import { isSelfInflictedStartFailure } from './process-start-error.js';
import type { StagedTestCase } from './problem-data.js';
import { runTestCase } from './run-test-case.js';
import { makeTestOutcome, makeTestPaths, type TestOutcome, type TestRun } from './test-run.js';

/**
 * Test cases in flight at once. The supervisor runs one at a time; keeping the next one queued means it
 * never waits for the host to read a result and send the next request (measured: ~1.0 ms per tiny test
 * instead of ~1.4 ms). A test started ahead of a failure that stops judging ran for nothing (its result is
 * dropped, so the outcome never depends on the depth), which is why the depth stays small.
 */
const PIPELINE_DEPTH = 2;

/**
 * Tests are started ahead only while the last one took less wall time than this, ms. Only short tests
 * gain from it, and a slow test is a hint that the next one may be a time limit spent for nothing.
 */
const SPECULATE_BELOW_MS = 50;

export interface RunTestCasesOptions {
  stopOnFirstFailure: boolean;
  onProgress?: (progress: JudgeProgress) => void;
  signal?: AbortSignal;
  /**
   * Told the first judged result before anything else is done with it (no other test is in flight then);
   * resolving false stops judging with no result kept or reported (a deferred compile check failed).
   */
  acceptFirst?: (first: TestCaseResult) => Promise<boolean>;
}

export interface TestCasesOutcome {
  /** Judged test cases, in test order; tests skipped by a stop rule are absent. */
  results: TestCaseResult[];
  /** Set when a test ended in IE (a validator failed): judging stopped there. */
  internalError?: { culprit: InternalErrorCulprit; message: string };
}

interface InFlight {
  staged: StagedTestCase;
  outcome: Promise<TestOutcome>;
}

/**
 * Runs the test cases in order, pipelined, applying the problem's stop rules (isCutOff) to the
 * results in order. Rejects with SandboxError (after every call in flight settled) when the container fails,
 * and with the signal's reason when aborted.
 */
export async function runTestCases(
  run: TestRun,
  tests: readonly StagedTestCase[],
  options: RunTestCasesOptions,
): Promise<TestCasesOutcome> {
  const results: TestCaseResult[] = [];
  const verdicts = new Map<string, Verdict>();
  let stopped = false;
  // A test is no longer wanted once the format's grader would not see it (on_reject: break): with the
  // default flags, a pass-fail problem stops at its first failure.
  const wanted = (staged: StagedTestCase): boolean =>
    !stopped && !(options.stopOnFirstFailure && isCutOff(run.problem, staged.test, verdicts));

  const inFlight: InFlight[] = [];
  let next = 0;
  let started = 0;
  let depth = 1; // nothing is known about the program before its first test
  try {
    for (;;) {
      while (inFlight.length < depth && next < tests.length && !options.signal?.aborted) {
        const staged = tests[next] as StagedTestCase;
        const index = next++;
        if (!wanted(staged)) continue;
        // A slot is reused PIPELINE_DEPTH starts later, when its previous test has been taken off the queue.
        const paths = makeTestPaths(index, started++ % PIPELINE_DEPTH);
        const outcome = startTestCase(run, staged, paths, index);
        outcome.catch(() => {}); // awaited below, or settled in finally: never unhandled
        inFlight.push({ staged, outcome });
      }
      const head = inFlight.shift();
      if (head === undefined) break;
      const { result, culprit, internalDetail } = await head.outcome;
      depth = result.wallMs < SPECULATE_BELOW_MS ? PIPELINE_DEPTH : 1;
      if (!wanted(head.staged)) continue; // started ahead of a failure that rules it out
      if (results.length === 0 && options.acceptFirst !== undefined && !(await options.acceptFirst(result))) {
        stopped = true;
        return { results };
      }
      results.push(result);
      verdicts.set(result.name, result.verdict);
      options.onProgress?.({ done: results.length, total: tests.length, last: result });
      if (result.verdict === 'IE') {
        stopped = true;
        const detail = internalDetail === undefined ? '' : `\n${internalDetail}`;
        return { results, internalError: { culprit: culprit ?? 'executor', message: `test ${result.name}: ${result.message ?? ''}${detail}` } };
      }
      options.signal?.throwIfAborted();
    }
    options.signal?.throwIfAborted();
    return { results };
  } finally {
    // Nothing may still be running in this container when the caller releases or discards it.
    await Promise.allSettled(inFlight.map((f) => f.outcome));
  }
}

async function startTestCase(
  run: TestRun,
  staged: StagedTestCase,
  paths: ReturnType<typeof makeTestPaths>,
  index: number,
): Promise<TestOutcome> {
  try {
    switch (run.problem.validation) {
      case 'custom-interactive':
        return await runInteractiveTestCase(run, staged, paths);
      case 'custom-multipass':
        return await runMultiPassTestCase(run, staged, paths, index);
      default:
        return await runTestCase(run, staged, paths);
    }
  } catch (error) {
    // A program that deleted its own executable (or locked /work) on an earlier test case cannot be started now:
    // its failure, not the container's, so an RE rather than a discarded container and, after the retry, an IE.
    if (!isSelfInflictedStartFailure(error)) throw error;
    const facts = { exitCode: 127, signal: 0, cpuMs: 0, wallMs: 0, memoryKb: 0, limit: null, stdoutBytes: 0, stderrBytes: 0 };
    const message = `the program could not be started (${error.step}: ${error.code}): an earlier run changed its files`;
    return makeTestOutcome(staged, facts, { verdict: 'RE', message }, undefined);
  }
}
