/**
 * The soak, start to end, against a real juez started by the system harness (one dispatcher, one
 * executor, from dist/, on the shared Redis, RabbitMQ and Docker):
 *
 *   1. calibration: every reference submission once, pool-size at a time: each one's container time, and
 *      every client path (wait, events, LMS webhook, LMS retry) and every student used once;
 *   2. warm-up: submissions drawn like the soak's, so that lazy initialisation is not counted as growth;
 *   3. "before": the queues drained, a settle, then a few readings (flat-figures, redis-retention);
 *   4. the soak: `submissions` submissions, `concurrency` in flight, sampled every `sampleEveryS`;
 *   5. "after": the queues drained, the same settle and readings; every verdict checked.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CleanupStack } from '../bench/bench-cleanup.js';
import { repoPath } from '../bench/bench-repo.js';
import { round } from '../bench/bench-stats.js';
import { startJuezSystem } from '../support/juez-system.js';
import { pollUntil } from '../support/poll-until.js';
import { compareFigures } from './flat-figures.js';
import { canForceGc, INSPECT_OPTION } from './inspector-gc.js';
import { costsByReference, summarizeOutcomes } from './outcome-summary.js';
import { loadReferenceCatalog, type CatalogFilter } from './reference-catalog.js';
import { analyseRetention, keyNamer } from './redis-retention.js';
import type { KeyFamily } from './redis-figures.js';
import { ResourceProbe } from './resource-probe.js';
import { ResourceSampler, sampleMoment } from './resource-sampler.js';
import { runBounded } from './run-bounded.js';
import { SoakClient, type SubmissionOutcome } from './soak-client.js';
import { DEFAULT_MIX, planCalibration, planSoak, type PlannedSubmission, type SoakMix, type SoakPlan } from './soak-plan.js';
import { compactSample, listFailures, type SoakReport } from './soak-report.js';
import { WebhookInbox } from './webhook-inbox.js';

export interface SoakOptions extends CatalogFilter {
  submissions: number;
  /** Submissions drawn like the soak's, judged before the "before" readings. */
  warmUp: number;
  /** Submissions in flight at once. */
  concurrency: number;
  poolSize: number;
  seed: number;
  mix: SoakMix;
  /** `?wait=` of the student-wait client, s. */
  waitS: number;
  /** A submission not final this long after its POST is stuck, s. */
  stuckAfterS: number;
  /** Idle time before each of the "before" and "after" readings, s (keep-alive connections close in 5 s). */
  settleS: number;
  /** Readings per moment (before, after), 1 s apart. */
  momentSamples: number;
  sampleEveryS: number;
  /** Others use the machine now: figures of the shared services are reported, not judged. */
  sharedMachine: boolean;
  /** On SIGINT / SIGTERM, clean up (containers, keys, queues) and exit: for the command line, not for vitest. */
  exitOnSignals?: boolean;
  log: (line: string) => void;
}

export const DEFAULT_SOAK_OPTIONS: Omit<SoakOptions, 'log'> = {
  submissions: 5000,
  warmUp: 200,
  concurrency: 8,
  poolSize: 2,
  seed: 6,
  mix: DEFAULT_MIX,
  waitS: 10,
  stuckAfterS: 180,
  settleS: 10,
  momentSamples: 5,
  sampleEveryS: 10,
  sharedMachine: false,
};

const seconds = (fromMs: number): number => round((performance.now() - fromMs) / 1000, 1);
const minutes = (s: number): string => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

/**
 * Runs a whole soak and reports it; whatever happens, the system it started is stopped and removed.
 * @throws Error when it cannot run (no Docker, a service that does not start): wrong verdicts and figures
 * that moved are in the report (`pass: false`), not thrown.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { log } = options;
  const started = performance.now();
  const cleanup = new CleanupStack(log);
  const removeSignalHandlers = options.exitOnSignals === true ? cleanup.exitOnSignals() : () => {};
  try {
    if (!canForceGc()) throw new Error('the soak reads memory after a GC over the inspector: run node with --experimental-websocket (Node 20; npm run soak does)');
    const references = await loadReferenceCatalog(repoPath('problems'), options);
    log(`soak: ${references.length} reference submissions; starting a juez (1 executor, pool of ${options.poolSize})`);
    // Inspectable, so that their memory can be read after a GC (inspector-gc.ts); the rest as the harness has it.
    const inspectable = { NODE_OPTIONS: [process.env.NODE_OPTIONS, INSPECT_OPTION].filter(Boolean).join(' ') };
    const system = await startJuezSystem({ executors: 1, poolSize: options.poolSize, dispatcherEnv: inspectable, executorEnv: inspectable });
    cleanup.defer('stopping the juez system', () => system.stop());
    for (const dir of new Set(references.map((reference) => reference.problemDir))) await system.pushProblem(dir);
    const inbox = await WebhookInbox.start();
    cleanup.defer('stopping the webhook receiver', () => inbox.stop());
    const probe = await ResourceProbe.start(system);
    cleanup.defer('closing the probe', async () => probe.close());
    const runId = randomBytes(3).toString('hex');
    const client = new SoakClient(system, inbox, { waitS: options.waitS, stuckAfterMs: options.stuckAfterS * 1000, runId });
    const executorName = system.executors[0]!.name;

    // Ids the key families are named by (redis-retention.ts keyNamer), learnt as submissions are made.
    const known = new Map<string, string>([[executorName, '<executor>']]);
    for (let n = 1; n <= options.mix.students; n++) known.set(`student-${n}`, '<user>');
    const judge = async (planned: PlannedSubmission): Promise<SubmissionOutcome> => {
      if (planned.client === 'lms') known.set(client.externalId(planned), '<externalId>');
      const outcome = await client.judge(planned);
      if (outcome.id !== undefined) known.set(outcome.id, '<submission>');
      return outcome;
    };

    const calibrationStart = performance.now();
    const calibration = await runBounded(planCalibration(references, options.mix), options.poolSize, judge);
    const calibrationS = seconds(calibrationStart);
    const costs = costsByReference(calibration);
    log(`soak: calibrated ${calibration.length} references in ${calibrationS} s`);

    let nextIndex = calibration.length;
    const plan = (count: number, seed: number): SoakPlan => {
      const made = planSoak(references, costs, { count, mix: options.mix, seed, poolSize: options.poolSize, firstIndex: nextIndex });
      nextIndex += count;
      return made;
    };
    const warmPlan = plan(options.warmUp, options.seed + 1);
    const mainPlan = plan(options.submissions, options.seed);
    log(`soak: plan of ${options.submissions}: verdicts ${JSON.stringify(mainPlan.perVerdict)}; languages ${JSON.stringify(mainPlan.perLanguage)}; clients ${JSON.stringify(mainPlan.perClient)}`);
    log(
      `soak: expected run ≥ ${minutes(mainPlan.expectedSeconds)} (${round(mainPlan.containerSeconds, 0)} s of container time on ${options.poolSize} containers), ` +
        `warm-up ≥ ${minutes(warmPlan.expectedSeconds)}, settles and readings ≈ ${minutes(2 * (options.settleS + options.momentSamples) + 10)}`,
    );

    const warmStart = performance.now();
    const warmUp = await runBounded(warmPlan.submissions, options.concurrency, judge);
    const warmUpS = seconds(warmStart);
    // The warm-up ran like the soak will (same mix, same concurrency): its pace, scaled by container time,
    // includes what the calibration cannot see (queueing, storing results, resets, other people's load).
    const expectedRunS = warmPlan.containerSeconds > 0 && warmUpS > 0 ? (warmUpS * mainPlan.containerSeconds) / warmPlan.containerSeconds : mainPlan.expectedSeconds;
    log(`soak: warm-up of ${warmUp.length} done in ${warmUpS} s; the run should take ≈ ${minutes(expectedRunS)} at that pace; settling ${options.settleS} s`);

    const drainAndSettle = async (): Promise<void> => {
      await pollUntil(async () => (await probe.sample()).queuedMessages === 0, { timeoutMs: 120_000, intervalMs: 1_000, what: 'the queues to drain' });
      await sleep(options.settleS * 1000);
    };
    await drainAndSettle();
    const namer = keyNamer(known);
    const before = await sampleMoment(probe, options.momentSamples, 1_000);
    const familiesBefore: Record<string, KeyFamily> = await probe.redis.keyFamilies(namer);

    const runStart = performance.now();
    const wallStart = Date.now();
    let done = 0;
    let failed = 0;
    const sampler = new ResourceSampler(probe, options.sampleEveryS * 1000, (sample) => {
      const elapsed = (performance.now() - runStart) / 1000;
      const rate = done / Math.max(elapsed, 1);
      const eta = rate > 0 ? (options.submissions - done) / rate : Number.NaN;
      log(
        `soak: ${done}/${options.submissions} judged, ${rate.toFixed(1)}/s, eta ${Number.isFinite(eta) ? minutes(eta) : '?'}; problems ${failed}; ` +
          `queued ${sample.queuedMessages}; rss dispatcher ${sample.rssMb.dispatcher.toFixed(0)} executor ${sample.rssMb.executor.toFixed(0)} MiB; ` +
          `fds ${sample.fds.dispatcher}/${sample.fds.executor}; pool containers ${sample.containers.pool}`,
      );
    });
    cleanup.defer('stopping the sampler', async () => void (await sampler.stop()));
    const run = await runBounded(mainPlan.submissions, options.concurrency, judge, (outcome) => {
      done += 1;
      if (outcome.problem !== undefined) {
        failed += 1;
        if (failed <= 20) log(`soak: #${outcome.index} ${outcome.reference} (${outcome.client}, ${outcome.id ?? 'no id'}): ${outcome.problem.kind}: ${outcome.problem.detail}`);
      }
    });
    const runS = seconds(runStart);
    const during = await sampler.stop();
    log(`soak: ${run.length} judged in ${minutes(runS)} (expected ≈ ${minutes(expectedRunS)}); draining and settling ${options.settleS} s`);

    await drainAndSettle();
    const after = await sampleMoment(probe, options.momentSamples, 1_000);
    const familiesAfter = await probe.redis.keyFamilies(namer);

    const accepted = run.filter((outcome) => outcome.id !== undefined);
    const lmsIds = [...calibration, ...warmUp, ...run].filter((outcome) => outcome.client === 'lms' && outcome.id !== undefined).map((o) => o.id!);
    const retention = analyseRetention({
      before: familiesBefore,
      after: familiesAfter,
      submissions: accepted.length,
      lmsSubmissions: accepted.filter((outcome) => outcome.client === 'lms').length,
      usedMemoryMbBefore: Math.min(...before.map((s) => s.redis.usedMemoryMb)),
      usedMemoryMbAfter: Math.min(...after.map((s) => s.redis.usedMemoryMb)),
      sharedMachine: options.sharedMachine,
    });
    const figures = compareFigures(before, after, during, { sharedMachine: options.sharedMachine });
    const webhooks = {
      lmsSubmissions: lmsIds.length,
      requests: inbox.received,
      moreThanOneDeliveryId: lmsIds.filter((id) => (inbox.arrivalsOf(id)?.deliveryIds.size ?? 0) > 1).length,
      unreadable: inbox.unreadable.length,
    };

    const summaries = { calibration: summarizeOutcomes(calibration), warmUp: summarizeOutcomes(warmUp), run: summarizeOutcomes(run) };
    const failures = listFailures(summaries, figures, retention, webhooks);

    const { log: _log, exitOnSignals: _exit, ...settings } = options;
    const { submissions: _planned, ...planSummary } = mainPlan;
    return {
      pass: failures.length === 0,
      failures,
      settings,
      system: { keyPrefix: system.keyPrefix, queuePrefix: system.queuePrefix, executor: executorName },
      plan: { ...planSummary, containerSeconds: round(planSummary.containerSeconds, 1), expectedSeconds: round(planSummary.expectedSeconds, 1), costsMs: Object.fromEntries([...costs].map(([name, ms]) => [name, round(ms, 0)])) },
      timing: {
        calibrationS,
        warmUpS,
        runS,
        expectedRunS: round(expectedRunS, 1),
        totalS: seconds(started),
        submissionsPerSecond: round(run.length / runS, 2),
      },
      ...summaries,
      webhooks,
      figures,
      retention,
      during: { samples: during.length, failedReadings: sampler.failures, series: during.map((sample) => compactSample(sample, wallStart)) },
      executorCounters: await probe.redis.hash(system.keys.executor(executorName)),
    };
  } finally {
    await cleanup.run();
    removeSignalHandlers();
  }
}
