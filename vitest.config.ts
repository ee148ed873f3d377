import { defineConfig } from 'vitest/config';

/**
 * Three projects. `default`: unit and integration tests, files in parallel; each isolates itself with its own
 * queue names and key prefixes. `faults`: tests/faults, which kill executors, restart brokers and flood the
 * queue with slow submissions: one file at a time, and only after the default project is done
 * (sequence.groupOrder), so that they neither starve nor disturb the others. `faults-docker`: the one fault
 * test that kills the host's Docker daemon (and so every container on the host), after everything else.
 *
 *   npx vitest run                      all three, in that order
 *   npx vitest run --project default    the quick subset
 *   npx vitest run --project faults     the fault tests only (needs `npm run build`: they run dist/)
 *   npx vitest run --project faults-docker   the Docker daemon restart (nothing else may use Docker meanwhile)
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/faults/**', '**/node_modules/**'],
          // Integration tests share one Docker engine, RabbitMQ and Redis; container-heavy files are kept
          // from starving each other on 2 cores.
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          exclude: ['tests/faults/docker-restart.test.ts', '**/node_modules/**'],
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Kills the host's Docker daemon, and with it every container on the host: alone, and last of all.
        extends: true,
        test: {
          name: 'faults-docker',
          include: ['tests/faults/docker-restart.test.ts'],
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
