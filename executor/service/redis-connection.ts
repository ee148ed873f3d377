import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient, ErrorReply, RESP_TYPES } from 'redis';
import { StoreUnavailableError } from './store-unavailable-error.js';

/** A Lua script with its SHA1, run with EVALSHA (EVAL once after a Redis restart emptied the script cache). */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

export interface RedisConnectionOptions {
  url: string;
  log: Logger;
  /** A command without an answer after this long fails with StoreUnavailableError, ms. */
  commandTimeoutMs?: number;
}

/** Error replies that mean "the server cannot serve right now", not "your command is wrong". */
const TRANSIENT_REPLY = /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|READONLY|CLUSTERDOWN)\b/;

/**
 * The executor's Redis client. It reconnects by itself after a restart (backoff up to 5 s, forever);
 * while it is disconnected commands fail at once (no offline queue) with StoreUnavailableError, so callers
 * decide how long to retry instead of piling commands up in memory.
 */
export class RedisConnection {
  private readonly client: ReturnType<typeof createClient>;
  private readonly timeoutMs: number;

  private constructor(options: RedisConnectionOptions) {
    const { log } = options;
    this.timeoutMs = options.commandTimeoutMs ?? 10_000;
    let lastError = '';
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      // Detects a half-open connection (host gone without a FIN) within seconds, and reconnects.
      pingInterval: 5_000,
      socket: {
        connectTimeout: 5_000,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) + Math.floor(Math.random() * 100),
      },
    });
    // Without an 'error' listener node-redis would crash the process; errors repeat on every reconnect
    // attempt, so only changes are logged.
    this.client.on('error', (error: Error) => {
      if (error.message !== lastError) log.warn({ err: error }, 'redis connection error');
      lastError = error.message;
    });
    this.client.on('ready', () => {
      if (lastError !== '') log.info('redis connection restored');
      lastError = '';
    });
  }

  /** Connects, waiting (with the same backoff, logging each failure) until Redis answers. */
  static async connect(options: RedisConnectionOptions): Promise<RedisConnection> {
    const connection = new RedisConnection(options);
    try {
      await connection.client.connect();
    } catch (error) {
      connection.client.destroy();
      throw new StoreUnavailableError(`cannot connect to Redis: ${(error as Error).message}`, { cause: error });
    }
    return connection;
  }

  get isReady(): boolean {
    return this.client.isReady;
  }

  /** Runs one command; bulk strings come back as Buffers when `binary`. */
  async command<T>(args: readonly (string | Buffer)[], options: { binary?: boolean } = {}): Promise<T> {
    try {
      return await this.client.sendCommand<T>(args, {
        timeout: this.timeoutMs,
        ...(options.binary === true ? { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } } : {}),
      });
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs a Lua script atomically. */
  async script<T>(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<T> {
    const tail = [String(keys.length), ...keys, ...args.map(String)];
    try {
      return await this.command<T>(['EVALSHA', script.sha, ...tail]);
    } catch (error) {
      const cause = (error as Error).cause;
      if (!(cause instanceof ErrorReply && cause.message.startsWith('NOSCRIPT'))) throw error;
      return this.command<T>(['EVAL', script.source, ...tail]);
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.close();
    } catch {
      this.client.destroy();
    }
  }
}

/**
 * Connection trouble and transient server states become StoreUnavailableError (retry later); an error
 * reply to the command itself (a bug, never retried) becomes a plain Error with the reply as its cause.
 */
function toStoreError(error: unknown): Error {
  if (error instanceof ErrorReply && !TRANSIENT_REPLY.test(error.message)) {
    return new Error(`redis refused a command: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`redis unavailable: ${message}`, { cause: error });
}
