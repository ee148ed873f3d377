import { createClient } from 'redis';

function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
}

/** The node-redis client type the stores use. */
export type RedisConnection = ReturnType<typeof makeClient>;

/**
 * Connects to Redis. The offline queue is disabled so that while Redis is down, commands fail at once
 * (answered 503) instead of piling up; the client reconnects by itself with capped backoff.
 */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<RedisConnection> {
  const client = makeClient(url);
  client.on('error', onError);
  await client.connect();
  return client;
}
