/**
 * `npm run dispatcher`: load and validate the configuration (every problem listed), connect, listen;
 * SIGTERM / SIGINT shut down gracefully.
 */
import { ConfigError } from '../common/config-table.js';
import { loadDispatcherConfig } from './config.js';
import { createDispatcher } from './dispatcher.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadDispatcherConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const dispatcher = await createDispatcher(config);
  await dispatcher.listen();
  let signals = 0;
  const stop = (signal: string): void => {
    signals += 1;
    if (signals > 1) process.exit(1); // a second signal: the operator does not want to wait
    dispatcher.deps.log.info({ signal }, 'signal received');
    dispatcher.close().then(
      () => process.exit(0),
      (error: unknown) => {
        dispatcher.deps.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`dispatcher failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
