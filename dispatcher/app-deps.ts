import type { Logger } from 'pino';
import type { Language } from '../common/language.js';
import type { RedisKeys } from '../common/redis-keys.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { DispatcherConfig } from './config.js';
import type { SseRegistry } from './http/sse-registry.js';
import type { LanguageAvailability } from './languages/language-availability.js';
import type { DispatcherMetrics } from './metrics/dispatcher-metrics.js';
import type { DefaultRunPackage } from './problems/default-run-package.js';
import type { ProblemUploader } from './problems/problem-uploader.js';
import type { TaskPublisher } from './queue/task-publisher.js';
import type { RedisEventSubscriber } from './store/redis-event-subscriber.js';
import type { RedisProblemStore } from './store/redis-problem-store.js';
import type { RedisRateLimiter } from './store/redis-rate-limiter.js';
import type { RedisRunStore } from './store/redis-run-store.js';
import type { RedisStatsStore } from './store/redis-stats-store.js';
import type { RedisSubmissionStore } from './store/redis-submission-store.js';
import type { RedisWebhookStore } from './store/redis-webhook-store.js';
import type { HostResolver } from './webhooks/check-callback-url.js';

/** Everything the routes need, built once by createDispatcher and passed down. */
export interface AppDeps {
  config: DispatcherConfig;
  log: Logger;
  keys: RedisKeys;
  tokens: TokenVerifier;
  rateLimiter: RedisRateLimiter;
  submissions: RedisSubmissionStore;
  problems: RedisProblemStore;
  runs: RedisRunStore;
  webhooks: RedisWebhookStore;
  stats: RedisStatsStore;
  events: RedisEventSubscriber;
  publisher: TaskPublisher;
  languages: readonly Language[];
  /** Which of them some live executor serves, with the versions read from its image (cached ≤ 1 s). */
  availability: LanguageAvailability;
  uploader: ProblemUploader;
  defaultRunPackage: Omit<DefaultRunPackage, 'archive'>;
  sse: SseRegistry;
  metrics: DispatcherMetrics;
  /** Resolves when Redis answers a PING; rejects otherwise. */
  pingRedis(): Promise<void>;
  /** Aborted when the dispatcher shuts down: long waits end early. */
  shutdownSignal: AbortSignal;
  /** DNS for callback URL checks (tests substitute it). */
  resolveHost?: HostResolver;
}
