/**
 * languages.<id> {jobsPerSecond, p50Ms, baselineJobsPerSecond}: hello world in every language (compile + 1
 * test: problems/hello with only its secret test), through the whole service as jobsPerSecond measures it —
 * POST /api/v1/submissions to the real dispatcher, RabbitMQ, one executor with its default pool (one warm
 * container per CPU), the verdict in Redis.
 *
 * Which languages: every language of common/languages.yaml that the runtime image serves (its version
 * command works there, as the executor decides at start) and that problems/hello has an accepted reference
 * for (language-hellos.ts); none is named here. What is left out is reported, with the reason.
 *
 * Per language, in this order:
 *   - warm-up: one job per slot in flight (IN_FLIGHT_PER_CONTAINER × pool size);
 *   - jobs/s: N jobs sustained at that concurrency (as jobsPerSecond), N by the language's family, every
 *     verdict AC; held to the family's goal (common/language.ts's LanguageFamily);
 *   - p50: submit-to-verdict median of M submissions one at a time (a student's wait on an idle judge);
 *   - baseline: the naive judge (one `docker run --rm` per submission: compile + run, same concurrency).
 *
 * A language below its goal is then profiled (language-cpu-cost.ts): its compile and run commands timed alone
 * in a container of the image, and the jobs/s the CPU alone allows on this machine, in its figure's note. A
 * ceiling below the goal says that the toolchain, not the service, is the cause.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Submission } from '../../executor/judging/check-submission.js';
import { EXECUTOR_CONFIG_TABLE } from '../../executor/service/config.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import { loadLanguages } from '../../common/languages.js';
import type { LanguageFamily } from '../../common/language.js';
import { probeLanguageVersions } from '../../executor/sandbox/docker-version-probe.js';
import { chooseServedLanguages } from '../../executor/service/choose-served-languages.js';
import { ensureRuntimeImage } from '../../executor/sandbox/runtime-image.js';
import { startJuezSystem } from '../support/juez-system.js';
import { makeFigure, type BenchOutcome, type Figure } from './bench-figure.js';
import { describeLoadWindow } from './bench-load.js';
import { repoPath } from './bench-repo.js';
import { round, roundDistribution } from './bench-stats.js';
import { IN_FLIGHT_PER_CONTAINER, LANGUAGE_GOALS, measureNaiveThroughput } from './bench-throughput.js';
import { describeCpuCost, measureLanguageCpuCost } from './language-cpu-cost.js';
import { chooseLanguageHellos } from './language-hellos.js';
import { NaiveDockerJudge } from './naive-docker-judge.js';
import { BENCH_DISPATCHER_ENV, systemPoolPrefix, watchServiceLoad, type HelloSubmission, type ServiceBenchContext } from './service-bench-context.js';
import { submitSustained } from './service-jobs-per-second.js';

/** Sizes and goals per family: a JVM compile takes ~100× a Python syntax check, so one N does not fit all. */
export interface LanguagesOptions {
  /** Sustained jobs per language, after the warm-up. */
  jobs: Record<LanguageFamily, number>;
  /** Submissions one at a time for the p50 (odd: the median is a measured one). */
  sequentialJobs: Record<LanguageFamily, number>;
  /** Jobs of the naive baseline per language. */
  naiveJobs: Record<LanguageFamily, number>;
  /** The goals, jobs/s. */
  goals: Record<LanguageFamily, number>;
  /** Rounds of the CPU profile of a language that misses its goal (0: none). */
  profileRounds: number;
  /** Only these language ids (all served ones with a hello when absent): for trying a fix on one. */
  only?: readonly string[];
}

/** What the JSON report holds per language id, under `languages`. */
export interface LanguageFigures {
  family: LanguageFamily;
  jobsPerSecond: number;
  /** Submit to verdict, one submission at a time, median, ms. */
  p50Ms: number;
  /** The naive judge (`docker run --rm` per submission) at the same concurrency, jobs/s. */
  baselineJobsPerSecond: number;
  /** The family's goal, jobs/s (at least). */
  goal: number;
  /** A language below its goal: where its job's CPU goes (language-cpu-cost.ts), ms, and what the CPU allows. */
  profile?: { compileCpuMs?: number; checkedByRun: boolean; runCpuMs: number; jobCpuMs: number; ceilingJobsPerSecond: number };
}

/**
 * Full-run sizes: each language's sustained phase lasts a few seconds at its goal's rate (a 1.5 jobs/s
 * language: 12 jobs ≈ 8 s), so that 25 languages fit in a few minutes and a figure still averages over
 * dozens of compiles on 2 containers.
 */
export const LANGUAGES_DEFAULTS: LanguagesOptions = {
  jobs: { interpreted: 60, compiled: 30, 'jvm-mono-ghc': 12 },
  sequentialJobs: { interpreted: 9, compiled: 7, 'jvm-mono-ghc': 5 },
  naiveJobs: { interpreted: 8, compiled: 8, 'jvm-mono-ghc': 4 },
  goals: LANGUAGE_GOALS,
  profileRounds: 5,
};

export async function measureLanguages(ctx: ServiceBenchContext, options: LanguagesOptions): Promise<BenchOutcome & { notes: string[] }> {
  const poolSize = EXECUTOR_CONFIG_TABLE.poolSize.default;
  const concurrency = IN_FLIGHT_PER_CONTAINER * poolSize;
  const image = await ensureRuntimeImage({ docker: ctx.docker, onLog: ctx.log });
  const languages = loadLanguages();
  // What the executor will serve: the same probe and choice as executor/main.ts at start.
  const { served } = chooseServedLanguages(await probeLanguageVersions({ docker: ctx.docker, image, languages }), undefined);
  const notServed = languages.filter((language) => served[language.id] === undefined);
  const helloPackage = await readProblemPackage(repoPath('problems', 'hello'));
  const wanted = languages.filter((language) => served[language.id] !== undefined && (options.only === undefined || options.only.includes(language.id)));
  const { hellos, leftOut } = chooseLanguageHellos(helloPackage.submissions, wanted);
  const notes = [
    ...notServed.map((language) => `languages.${language.id}: not measured — the runtime image ${image} does not serve it (its version command fails there)`),
    ...leftOut.map(({ languageId, why }) => `languages.${languageId}: not measured — ${why}`),
  ];
  if (hellos.length === 0) throw new Error('no language to benchmark: none that the image serves has a hello reference submission');

  const naive = new NaiveDockerJudge(ctx.docker, image);
  ctx.ownLabels.push(naive.label);
  ctx.cleanup.defer('removing naive containers', () => naive.removeLeftovers());
  const system = await startJuezSystem({ executors: 1, poolSize, dispatcherEnv: BENCH_DISPATCHER_ENV });
  ctx.cleanup.defer('stopping the languages system', () => system.stop());
  ctx.ownPools.push(systemPoolPrefix(system));
  await system.pushProblem(ctx.hello.dir, 'hello');
  const token = system.token({ sub: 'bench-student', role: 'student' });

  const json: Record<string, LanguageFigures> = {};
  const details: Record<string, unknown> = {};
  const figures: Figure[] = [];
  const input = await readFile(repoPath('problems', 'hello', 'data', 'secret', '1.in'));
  for (const hello of hellos) {
    const { language, family, reference } = hello;
    const id = language.id;
    const files = await Promise.all(reference.files.map(async (file) => ({ name: path.basename(file), content: await readFile(file) })));
    const submission: Submission = { languageId: id, files };
    const body: HelloSubmission = { problemId: 'hello', languageId: id, files: files.map((f) => ({ name: f.name, content: f.content.toString('utf8') })) };
    const n = options.jobs[family];
    const warmUp = await submitSustained(system, token, body, { jobs: concurrency, concurrency, poolSize });
    const { result: sustained, load } = await watchServiceLoad(ctx, () => submitSustained(system, token, body, { jobs: n, concurrency, poolSize }));
    const sequential = await submitSustained(system, token, body, { jobs: options.sequentialJobs[family], concurrency: 1, poolSize });
    const naiveRun = await measureNaiveThroughput(naive, ctx.hello, submission, options.naiveJobs[family], concurrency);
    ctx.log(
      `languages ${id} (${family}): ${sustained.jobsPerSecond.toFixed(2)} jobs/s (${n} jobs), p50 ${sequential.latencyMs.median.toFixed(0)} ms, ` +
        `naive ${naiveRun.jobsPerSecond.toFixed(2)} jobs/s`,
    );

    const wrong = [...warmUp.wrong, ...sustained.wrong, ...sequential.wrong, ...naiveRun.wrong];
    const goal = options.goals[family];
    const missed = wrong.length === 0 && sustained.jobsPerSecond < goal;
    const cost = missed && options.profileRounds > 0 ? await measureLanguageCpuCost(image, hello, input, options.profileRounds) : undefined;
    if (cost !== undefined) {
      ctx.log(`languages ${id}: below its goal; profile: ${describeCpuCost(cost)}`);
      notes.push(`languages.${id}: below its goal of ${goal} jobs/s; profile: ${describeCpuCost(cost)}`);
    }
    json[id] = {
      family,
      jobsPerSecond: round(sustained.jobsPerSecond, 2),
      p50Ms: round(sequential.latencyMs.median, 1),
      baselineJobsPerSecond: round(naiveRun.jobsPerSecond, 2),
      goal,
      ...(cost === undefined
        ? {}
        : {
            profile: {
              ...(cost.compile === undefined ? {} : { compileCpuMs: cost.compile.cpuMs }),
              checkedByRun: cost.checkedByRun,
              runCpuMs: cost.run.cpuMs,
              jobCpuMs: cost.jobCpuMs,
              ceilingJobsPerSecond: cost.ceilingJobsPerSecond,
            },
          }),
    };
    figures.push(
      makeFigure({
        key: `languages.${id}.jobsPerSecond`,
        unit: 'jobs/s',
        goal: { direction: 'at-least', value: goal },
        measured: sustained.jobsPerSecond,
        baseline: { what: `docker run --rm per submission, ${naiveRun.jobs} jobs, ${concurrency} in flight`, value: naiveRun.jobsPerSecond, unit: 'jobs/s' },
        note:
          `${family}, ${reference.name}; through the service: ${n} jobs after ${concurrency} warm-up, ${concurrency} in flight, pool of ${poolSize}; ` +
          `p50 ${round(sequential.latencyMs.median, 0)} ms one at a time (N=${sequential.jobs}); under load medians: latency ${round(sustained.latencyMs.median, 0)} ms, ` +
          `judging ${round(sustained.judgingMs.median, 0)} ms; pool judging ${round(100 * sustained.poolBusy, 0)}% of the time; ${describeLoadWindow(load)}` +
          (cost === undefined ? '' : `; profile: ${describeCpuCost(cost)}`),
        ...(wrong.length === 0 ? {} : { invalid: `${wrong.length} job(s) not AC: ${wrong[0]}` }),
      }),
    );
    details[id] = {
      family,
      submission: reference.name,
      sustained: {
        jobs: n,
        concurrency,
        poolSize,
        wallMs: round(sustained.wallMs, 0),
        latencyMs: roundDistribution(sustained.latencyMs, 1),
        toStartMs: roundDistribution(sustained.toStartMs, 1),
        judgingMs: roundDistribution(sustained.judgingMs, 1),
        poolBusyFraction: round(sustained.poolBusy, 3),
        load,
      },
      sequential: {
        latencyMs: roundDistribution(sequential.latencyMs, 1),
        toStartMs: roundDistribution(sequential.toStartMs, 1),
        judgingMs: roundDistribution(sequential.judgingMs, 1),
      },
      naive: { jobs: naiveRun.jobs, jobsPerSecond: round(naiveRun.jobsPerSecond, 2), latencyMs: roundDistribution(naiveRun.latencyMs, 1) },
      ...(cost === undefined ? {} : { cpuCost: cost }),
    };
  }
  await system.stop();
  return { json: { languages: json }, figures, details: { languages: details }, notes };
}
