/**
 * Prometheus metrics (prom-client), one registry per dispatcher instance. Gauges that describe the whole
 * system (queue depths, rates, executor pools) are read from RabbitMQ and Redis at scrape time; the
 * judging-time histogram and verdict counter are fed, at scrape time too, from the jobs that finished
 * since the previous scrape (executors record them in Redis), so every dispatcher reports them — sum over
 * one instance, not over all, in dashboards.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { LANES } from '../../common/submission.js';
import type { TaskPublisher } from '../queue/task-publisher.js';
import type { RedisStatsStore } from '../store/redis-stats-store.js';

const RATE_WINDOW_MS = 60_000;
const EXECUTOR_STALE_MS = 60_000;

export class DispatcherMetrics {
  readonly registry = new Registry();
  readonly published: Counter<'lane'>;
  private lastScanMs = Date.now();
  private feeding: Promise<void> | undefined;
  private readonly judgingSeconds: Histogram<'lane'>;
  private readonly responseSeconds: Histogram<'lane'>;
  private readonly verdicts: Counter<'outcome' | 'kind'>;

  constructor(
    private readonly stats: RedisStatsStore,
    private readonly publisher: TaskPublisher,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'juez_dispatcher_' });
    this.published = new Counter({
      name: 'juez_tasks_published_total',
      help: 'Tasks confirmed by the broker, by lane (this dispatcher).',
      labelNames: ['lane'],
      registers,
    });
    this.judgingSeconds = new Histogram({
      name: 'juez_judging_seconds',
      help: 'Time from an executor starting a job to its result, by lane.',
      labelNames: ['lane'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
      registers,
      collect: () => this.feed(),
    });
    this.responseSeconds = new Histogram({
      name: 'juez_response_seconds',
      help: 'Time from publishing a task to its result (queueing + judging), by lane.',
      labelNames: ['lane'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
      collect: () => this.feed(),
    });
    this.verdicts = new Counter({
      name: 'juez_verdicts_total',
      help: 'Finished jobs by outcome (verdict for submissions, status for runs).',
      labelNames: ['outcome', 'kind'],
      registers,
      collect: () => this.feed(),
    });
    const queueDepth = new Gauge({
      name: 'juez_queue_depth',
      help: 'Tasks waiting on each lane queue.',
      labelNames: ['lane'],
      registers,
      collect: async () => {
        const depths = await this.publisher.queueDepths();
        queueDepth.reset();
        if (depths !== undefined) for (const [lane, depth] of Object.entries(depths)) queueDepth.set({ lane }, depth);
      },
    });
    const arrivalRate = new Gauge({
      name: 'juez_arrival_rate',
      help: 'Tasks published per second over the last minute, by lane.',
      labelNames: ['lane'],
      registers,
      collect: async () => {
        const now = Date.now();
        for (const lane of LANES) {
          arrivalRate.set({ lane }, (await this.stats.countArrivals(lane, now - RATE_WINDOW_MS + 1, now)) / (RATE_WINDOW_MS / 1000));
        }
      },
    });
    const serviceRate = new Gauge({
      name: 'juez_service_rate',
      help: 'Jobs finished per second over the last minute, by lane.',
      labelNames: ['lane'],
      registers,
      collect: async () => {
        const now = Date.now();
        const jobs = await this.stats.finishedBetween(now - RATE_WINDOW_MS, now);
        for (const lane of LANES) {
          serviceRate.set({ lane }, jobs.filter((job) => job.lane === lane).length / (RATE_WINDOW_MS / 1000));
        }
      },
    });
    const poolSize = new Gauge({
      name: 'juez_executor_pool_size',
      help: 'Sandbox slots per executor (executors with a heartbeat in the last minute).',
      labelNames: ['executor'],
      registers,
      collect: async () => {
        const executors = await this.stats.executors(Date.now() - EXECUTOR_STALE_MS);
        poolSize.reset();
        for (const executor of executors) poolSize.set({ executor: executor.name }, executor.poolSize);
      },
    });
    const busy = new Gauge({
      name: 'juez_executor_busy',
      help: 'Busy sandbox slots per executor (pool occupancy).',
      labelNames: ['executor'],
      registers,
      collect: async () => {
        const executors = await this.stats.executors(Date.now() - EXECUTOR_STALE_MS);
        busy.reset();
        for (const executor of executors) busy.set({ executor: executor.name }, executor.busy);
      },
    });
  }

  /**
   * The registry collects every metric concurrently: the three fed metrics share one read of the jobs
   * finished since the last scrape, and each waits for it before it is serialized.
   */
  private feed(): Promise<void> {
    this.feeding ??= this.observeFinished(Date.now()).finally(() => {
      this.feeding = undefined;
    });
    return this.feeding;
  }

  /** Feeds the histograms and the verdict counter with the jobs finished since the last scrape. */
  private async observeFinished(now: number): Promise<void> {
    const jobs = await this.stats.finishedBetween(this.lastScanMs, now);
    this.lastScanMs = now;
    for (const job of jobs) {
      this.judgingSeconds.observe({ lane: job.lane }, job.serviceMs / 1000);
      this.responseSeconds.observe({ lane: job.lane }, job.responseMs / 1000);
      this.verdicts.inc({ outcome: job.outcome || 'unknown', kind: job.kind });
    }
  }
}
