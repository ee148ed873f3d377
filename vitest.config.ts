import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration tests share one Docker engine, RabbitMQ and Redis; each isolates itself with its own
    // queue names and key prefixes, but container-heavy files are kept from starving each other on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
