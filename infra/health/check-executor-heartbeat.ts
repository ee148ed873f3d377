/**
 * `node dist/infra/health/check-executor-heartbeat.js [--started-after <epoch ms>]` (the path in the images;
 * `npm start` runs it from dist/tools/): exits 0 when this executor's heartbeat is in Redis (and, with
 * --started-after, comes from a process started since then), 1 otherwise. The executor has no HTTP port; its
 * heartbeat (a hash living three heartbeats, first written once the pool is warm and the consumer runs) is
 * what says it is alive and taking tasks. Used by `npm start`, as the Docker Compose healthcheck and as the
 * Kubernetes probes, with the executor's own environment read through the executor's own configuration table.
 */
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { redisKeys } from '../../common/redis-keys.js';
import { loadExecutorConfig } from '../../executor/service/config.js';

const TIMEOUT_MS = 3000;

/** Why the executor does not count as healthy, or undefined when it does. */
async function findProblem(startedAfterMs: number): Promise<string | undefined> {
  const config = loadExecutorConfig(process.env);
  const client = createClient({ url: config.redisUrl, socket: { connectTimeout: TIMEOUT_MS, reconnectStrategy: false } });
  client.on('error', () => {}); // a failed connect rejects connect() below
  await client.connect();
  try {
    const startedAt = await client.hGet(redisKeys(config.keyPrefix).executor(config.name), 'startedAt');
    if (startedAt === null || startedAt === undefined) return `no heartbeat of executor ${config.name} in Redis`;
    if (Number(startedAt) < startedAfterMs) return `the heartbeat of executor ${config.name} is from an earlier process`;
    return undefined;
  } finally {
    client.destroy();
  }
}

const { values } = parseArgs({ options: { 'started-after': { type: 'string', default: '0' } } });
const timer = setTimeout(() => {
  process.stderr.write(`no answer from Redis within ${TIMEOUT_MS} ms\n`);
  process.exit(1);
}, TIMEOUT_MS * 2);
try {
  const problem = await findProblem(Number(values['started-after']));
  if (problem !== undefined) process.stderr.write(`${problem}\n`);
  process.exitCode = problem === undefined ? 0 : 1;
} catch (error) {
  process.stderr.write(`cannot check the heartbeat: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
}
