/**
 * warmVsNaiveSpeedup: one Python hello-world submission (syntax check + 1 test) end to end through the warm
 * pool (Judge.judge: lease, stage, compile, run, compare, reset) versus a fresh `docker run --rm` per
 * submission doing the same work. Both sequential, medians; speedup = naive median / warm median.
 */
import { makeFigure, type BenchOutcome } from './bench-figure.js';
import { round, roundDistribution, summarize } from './bench-stats.js';
import { prepareHelloProblem, type EngineBenchContext } from './engine-bench-context.js';

export interface WarmVsNaiveOptions {
  warmJobs: number;
  naiveJobs: number;
}

const WARM_UP = 3;

export async function measureWarmVsNaive(ctx: EngineBenchContext, options: WarmVsNaiveOptions): Promise<BenchOutcome> {
  const hello = await prepareHelloProblem(ctx);
  const { problem } = hello;
  const submission = await hello.submissionIn('python');

  const warmMs: number[] = [];
  for (let i = 0; i < WARM_UP + options.warmJobs; i++) {
    const start = performance.now();
    const result = await ctx.judge.judge(problem, submission);
    const ms = performance.now() - start;
    if (result.verdict !== 'AC') throw new Error(`warm: hello.py was judged ${result.verdict}: ${result.internalError?.message ?? ''}`);
    if (i >= WARM_UP) warmMs.push(ms);
  }
  ctx.log(`warmVsNaive: warm ${warmMs.map((ms) => ms.toFixed(0)).join(' ')}`);

  const naiveMs: number[] = [];
  for (let i = 0; i < 1 + options.naiveJobs; i++) {
    const judged = await ctx.naive.judge(problem, submission);
    if (!judged.accepted) throw new Error(`naive: hello.py was not accepted: ${judged.why ?? ''}`);
    if (i >= 1) naiveMs.push(judged.ms);
  }
  ctx.log(`warmVsNaive: naive ${naiveMs.map((ms) => ms.toFixed(0)).join(' ')}`);

  const warm = summarize(warmMs);
  const naive = summarize(naiveMs);
  const speedup = naive.median / warm.median;
  return {
    json: { warmVsNaiveSpeedup: round(speedup, 2) },
    figures: [
      makeFigure({
        key: 'warmVsNaiveSpeedup',
        unit: '×',
        goal: { direction: 'at-least', value: 8 },
        measured: speedup,
        baseline: { what: `docker run --rm per submission, median of ${naive.n}`, value: naive.median, unit: 'ms' },
        note: `warm pool median ${round(warm.median, 1)} ms (N=${warm.n}, p99 ${round(warm.p99, 1)} ms)`,
      }),
    ],
    details: { warmVsNaive: { warmMs: roundDistribution(warm, 1), naiveMs: roundDistribution(naive, 1) } },
  };
}
