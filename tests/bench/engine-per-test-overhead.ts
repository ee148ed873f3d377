/**
 * perTestOverheadMs: what the engine adds to each test case of a fast program. A C `cat` is judged on 200
 * small tests; the engine's time per test is the interval between consecutive test completions as the host
 * sees them (onProgress), so it includes the supervisor's work, the round trip and the comparison. The
 * baseline is the same 200 runs as a bare bash loop in the same container (same lease, same binary, inputs
 * on the same kind of tmpfs). Overhead = engine quantile − bare quantile.
 */
import type { JudgeProgress } from '../../common/judge-result.js';
import { judgeSubmission } from '../../executor/judging/judge-submission.js';
import type { SandboxSession } from '../../executor/judging/sandbox-session.js';
import { makeFigure, type BenchOutcome } from './bench-figure.js';
import { round, roundDistribution, summarize } from './bench-stats.js';
import type { EngineBenchContext } from './engine-bench-context.js';
import { writeTempProblem, type GeneratedTest } from './temp-problem.js';

export interface PerTestOverheadOptions {
  tests: number;
  /** Judging + bare loop repetitions, interleaved so that a burst of load hits both alike. */
  rounds: number;
}

const CAT_C = `#include <unistd.h>
int main(void) {
    char buf[65536];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n) return 1;
    return n < 0;
}
`;

const BARE_DIR = '/work/bare';

export async function measurePerTestOverhead(ctx: EngineBenchContext, options: PerTestOverheadOptions): Promise<BenchOutcome> {
  const tests: GeneratedTest[] = Array.from({ length: options.tests }, (_, i) => {
    const text = `${i} ${'abcdefghij'.repeat(1 + (i % 8))}\n`;
    return { name: `secret/${String(i).padStart(3, '0')}`, input: text, answer: text };
  });
  const temp = await writeTempProblem('cat', 'name: cat\ntype: pass-fail\nvalidation: default\n', tests);
  ctx.cleanup.defer('removing the cat problem', temp.remove);
  const submission = { languageId: 'c', files: [{ name: 'cat.c', content: CAT_C }] };

  const lease = await ctx.pool.acquire();
  const engineMs: number[] = [];
  const bareMs: number[] = [];
  const programWallMs: number[] = [];
  let failed = true;
  try {
    const { session } = lease;
    // Warm-up: stages the data in the container, compiles, warms the page cache.
    const first = await judgeSubmission(session, temp.problem, submission, { stopOnFirstFailure: false });
    if (first.verdict !== 'AC') throw new Error(`the cat program was judged ${first.verdict}: ${JSON.stringify(first.internalError ?? first.tests[0])}`);
    for (const [i, test] of tests.entries()) await session.putFile(`${BARE_DIR}/${i}.in`, test.input, 'sandbox');

    for (let r = 0; r < options.rounds; r++) {
      const completions: number[] = [];
      const onProgress = (progress: JudgeProgress): void => {
        completions.push(performance.now());
        if (progress.last !== undefined) programWallMs.push(progress.last.wallMs);
      };
      const result = await judgeSubmission(session, temp.problem, submission, { onProgress, stopOnFirstFailure: false });
      if (result.verdict !== 'AC') throw new Error(`the cat program was judged ${result.verdict} in round ${r + 1}`);
      for (let i = 1; i < completions.length; i++) engineMs.push(completions[i]! - completions[i - 1]!);
      bareMs.push(...(await runBareLoop(session, options.tests)));
      ctx.log(`perTestOverhead: round ${r + 1}/${options.rounds} done`);
    }
    failed = false;
  } finally {
    // A container that failed under the benchmark is not trusted with the next one.
    await (failed ? lease.discard() : lease.release());
  }

  const engine = summarize(engineMs);
  const bare = summarize(bareMs);
  const overhead = { median: engine.median - bare.median, p99: engine.p99 - bare.p99 };
  const baseline = (value: number) => ({ what: 'bare bash loop, same container', value, unit: 'ms' });
  const note = (q: 'median' | 'p99') =>
    `engine ${round(engine[q], 3)} ms − bare ${round(bare[q], 3)} ms; ${options.rounds}×${options.tests} tests`;
  return {
    json: {
      perTestOverheadMs: {
        median: round(overhead.median, 3),
        p99: round(overhead.p99, 3),
        engine: roundDistribution(engine, 3),
        bare: roundDistribution(bare, 3),
      },
    },
    figures: [
      makeFigure({ key: 'perTestOverheadMs.median', unit: 'ms', goal: { direction: 'at-most', value: 1.5 }, measured: overhead.median, baseline: baseline(bare.median), note: note('median') }),
      makeFigure({ key: 'perTestOverheadMs.p99', unit: 'ms', goal: { direction: 'at-most', value: 5 }, measured: overhead.p99, baseline: baseline(bare.p99), note: note('p99') }),
    ],
    details: {
      perTestOverhead: {
        engineMs: roundDistribution(engine, 3),
        bareMs: roundDistribution(bare, 3),
        // The supervisor's own wall time of each program run: engine − this is the host side and the protocol.
        programWallMs: roundDistribution(summarize(programWallMs), 3),
      },
    },
  };
}

/**
 * The same program on the same inputs, timed by bash around each `./main < in > out` ($EPOCHREALTIME, µs).
 * Runs as the sandbox user: the test data below /judge is closed to it, hence the copies in /work/bare.
 */
async function runBareLoop(session: SandboxSession, tests: number): Promise<number[]> {
  const script = [
    `cd ${BARE_DIR}`,
    'd=()',
    `for ((i = 0; i < ${tests}; i++)); do`,
    '  t0=$EPOCHREALTIME; ../main < $i.in > out; t1=$EPOCHREALTIME',
    '  d+=($(( ${t1/./} - ${t0/./} )))',
    'done',
    'printf "%s\\n" "${d[@]}"',
  ].join('\n');
  // Run specs carry one line per value: the script travels as a file.
  await session.putFile(`${BARE_DIR}/loop.sh`, `${script}\n`, 'sandbox');
  const facts = await session.run([
    {
      user: 'sandbox',
      cwd: '/work',
      argv: ['bash', `${BARE_DIR}/loop.sh`],
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      cpuMs: 30_000,
      wallMs: 60_000,
      memoryKb: 256 * 1024,
      returnStdoutBytes: 64 * 1024,
      returnStderrBytes: 4096,
    },
  ]);
  const lines = facts.stdout.toString('utf8').trim().split('\n');
  const micros = lines.map(Number);
  if (facts.procs[0]?.exitCode !== 0 || micros.length !== tests || micros.some((n) => !Number.isFinite(n))) {
    throw new Error(`the bare loop failed: ${JSON.stringify(facts.procs[0])} ${facts.stderr.toString('utf8')}`);
  }
  return micros.map((us) => us / 1000);
}
