import type { Logger } from 'pino';
import type { LanguageVersions } from '../../common/language-versions.js';

/** What an executor reports about itself (the fields of redisKeys().executor(name)). */
export interface ExecutorStatus {
  name: string;
  poolSize: number;
  /** Pool slots judging a task. */
  busy: number;
  idle: number;
  /** Tasks delivered, waiting for a slot. */
  held: number;
  /** ms since epoch. */
  startedAt: number;
  judged: number;
  runs: number;
  internalErrors: number;
  requeued: number;
  imageTag: string;
  /** The languages this executor judges, with the versions read from its image (the dispatcher accepts only these). */
  languages: LanguageVersions;
}

/** Where heartbeats go (RedisExecutorRegistry). */
export interface ExecutorRegistry {
  /** Publishes the status, valid for `ttlMs`. */
  beat(status: ExecutorStatus, ttlMs: number): Promise<void>;
  /** Removes the executor at once (clean shutdown). */
  remove(name: string): Promise<void>;
}

/**
 * Tells the dispatcher every `intervalMs` that this executor is alive and how busy it is. A status lives
 * three intervals, so a crashed executor disappears on its own; a failed beat is logged and the next one
 * tries again.
 */
export class ExecutorHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly registry: ExecutorRegistry,
    private readonly status: () => ExecutorStatus,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** Beats once now (rejecting if that fails), then every interval. */
  async start(): Promise<void> {
    await this.registry.beat(this.status(), this.intervalMs * 3);
    this.timer = setInterval(() => this.beat(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating and removes the status. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    await this.registry.remove(this.status().name).catch((error: unknown) => this.log.warn({ err: error }, 'could not remove the heartbeat'));
  }

  private beat(): void {
    if (this.beating !== undefined) return; // Redis is slow: skip rather than pile up
    this.beating = this.registry
      .beat(this.status(), this.intervalMs * 3)
      .catch((error: unknown) => this.log.warn({ err: error }, 'heartbeat failed'))
      .finally(() => (this.beating = undefined));
  }
}
