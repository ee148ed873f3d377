import type { RedisConnection } from './redis-connection.js';

/**
 * Redis pub/sub for SSE and `wait`: one dedicated subscriber connection per process, any number of
 * listeners per channel (node-redis multiplexes them).
 */
export class RedisEventSubscriber {
  private closed = false;

  private constructor(private readonly connection: RedisConnection) {}

  /** Opens the subscriber connection (a duplicate of `redis`). */
  static async open(redis: RedisConnection, onError: (error: Error) => void): Promise<RedisEventSubscriber> {
    const connection = redis.duplicate();
    connection.on('error', onError);
    await connection.connect();
    return new RedisEventSubscriber(connection);
  }

  /**
   * Calls `onMessage` for every message on `channel` until the returned function is called. Resolves once
   * the subscription is active, so that a state read afterwards cannot miss an event published after it.
   */
  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const listener = (message: string): void => onMessage(message);
    await this.connection.subscribe(channel, listener);
    return async () => {
      if (this.closed) return;
      await this.connection.unsubscribe(channel, listener).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close().catch(() => undefined);
  }
}
