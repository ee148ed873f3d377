/**
 * `npm run dispatcher`: load and validate the configuration (every problem listed), wait for Redis (however
 * long it takes, answering /health 200 and everything else 503 `not_ready` meanwhile), then build the app
 * and listen. RabbitMQ may come later: until it answers, submissions get 503 and /ready says so. Either
 * dependency refusing the dispatcher for a reason waiting cannot fix (a wrong password, an unknown virtual
 * host) stops it with exit code 1 and a message naming the setting to check. SIGTERM / SIGINT shut down
 * gracefully, while waiting too.
 */
import { pino } from 'pino';
import { ConfigError } from '../common/config-table.js';
import { DependencyRefusedError } from '../common/dependencies/dependency.js';
import { rabbitMqDependency } from '../common/dependencies/rabbitmq-dependency.js';
import { redisDependency } from '../common/dependencies/redis-dependency.js';
import { waitForDependency } from '../common/dependencies/wait-for-dependencies.js';
import { loadDispatcherConfig } from './config.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { missingNodeOptions } from './node-options.js';
import { StartingServer } from './startup/starting-server.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadDispatcherConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, base: { service: 'dispatcher' } });
  const missing = missingNodeOptions(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length > 0) log.warn({ missing }, 'started without the Node options of dispatcher/node-options.ts: expect more memory use');

  // The first signal stops the dispatcher, whatever it is doing; a second one: the operator does not want to wait.
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping.signal.aborted) process.exit(1);
    log.info({ signal }, 'signal received');
    stopping.abort(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));

  const checks = { redis: 'waiting', rabbitmq: 'waiting' };
  const starting = await StartingServer.listen(config.httpHost, config.httpPort, () => checks);
  /** A dependency refused the dispatcher for good (anything else is rethrown): logged, exit code 1. */
  const refused = (error: unknown): number => {
    if (!(error instanceof DependencyRefusedError)) throw error;
    log.fatal({ err: error }, error.message);
    return 1;
  };
  // The broker is awaited in the background: the API can serve everything but submissions without it, and
  // the publisher connects by itself once it is up. Waiting for it here says so clearly, and stops the
  // dispatcher if the broker refuses it.
  let exitCode = 0;
  void waitForDependency(rabbitMqDependency(config.amqpUrl, 'JUEZ_AMQP_URL'), {
    log,
    signal: stopping.signal,
    meanwhile: 'submissions are answered 503 queue_unavailable until then',
    onStatus: (status) => (checks.rabbitmq = status),
  }).catch((error: unknown) => {
    if (stopping.signal.aborted) return; // stopped by a signal (or by Redis refusing us)
    exitCode = error instanceof DependencyRefusedError ? refused(error) : 1;
    stopping.abort(error);
  });
  try {
    await waitForDependency(redisDependency(config.redisUrl, 'JUEZ_REDIS_URL'), {
      log,
      signal: stopping.signal,
      meanwhile: 'every request but GET /health is answered 503 not_ready until then',
      onStatus: (status) => (checks.redis = status),
    });
  } catch (error) {
    await starting.close();
    if (stopping.signal.aborted) return exitCode; // a signal (0), or the broker refused us (1, logged)
    return refused(error);
  }

  let dispatcher: Dispatcher;
  try {
    // Port 0 (any free port) was resolved by the starting server: the app takes over the same one.
    dispatcher = await createDispatcher({ ...config, httpPort: starting.port }, { log });
  } finally {
    await starting.close();
  }
  await dispatcher.listen();
  await stopped;
  try {
    await dispatcher.close();
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    return 1;
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dispatcher failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
