/**
 * Redis as the soak reads it: the instance's `used_memory` (INFO memory; shared with everyone using that
 * Redis), and the system's own share: its keys (`<keyPrefix>*`), grouped into families with their bytes
 * (MEMORY USAGE … SAMPLES 0: every element counted), and its pub/sub channels (a channel with a subscriber
 * left behind is a leaked subscription).
 */
import { createClient } from 'redis';

/** Keys of one family (the key with its ids replaced by placeholders) and their bytes. */
export interface KeyFamily {
  keys: number;
  bytes: number;
}

/** Turns a key (without the prefix) into its family name, e.g. `sub:s7Hx…:src` → `sub:<submission>:src`. */
export type KeyNamer = (key: string) => string;

/** A function of its own so that the client's type has a name (node-redis's generic types cannot be spelled out). */
function makeClient(url: string) {
  return createClient({ url });
}

/** Bytes asked about at once: node-redis pipelines them, and Redis answers each in microseconds. */
const BATCH = 500;

export class RedisFigures {
  private constructor(
    private readonly client: ReturnType<typeof makeClient>,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix: string): Promise<RedisFigures> {
    const client = makeClient(url);
    client.on('error', () => {});
    await client.connect();
    return new RedisFigures(client, prefix);
  }

  /** INFO memory `used_memory`, MiB. */
  async usedMemoryMb(): Promise<number> {
    const info = await this.client.info('memory');
    const match = info.match(/^used_memory:(\d+)/m);
    if (match === null) throw new Error('INFO memory has no used_memory');
    return Number(match[1]) / 1024 / 1024;
  }

  async ownKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const batch of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 1000 })) keys.push(...batch);
    return keys;
  }

  /** Pub/sub channels under the prefix that have a subscriber now (pattern subscriptions are not channels). */
  async ownChannels(): Promise<number> {
    return (await this.client.pubSubChannels(`${this.prefix}*`)).length;
  }

  /** The system's keys by family, with their bytes. */
  async keyFamilies(nameOf: KeyNamer): Promise<Record<string, KeyFamily>> {
    const keys = await this.ownKeys();
    const families: Record<string, KeyFamily> = {};
    for (let start = 0; start < keys.length; start += BATCH) {
      const batch = keys.slice(start, start + BATCH);
      const sizes = await Promise.all(batch.map((key) => this.client.memoryUsage(key, { SAMPLES: 0 })));
      batch.forEach((key, i) => {
        const family = (families[nameOf(key.slice(this.prefix.length))] ??= { keys: 0, bytes: 0 });
        family.keys += 1;
        // null: the key expired or was deleted between SCAN and MEMORY USAGE.
        family.bytes += sizes[i] ?? 0;
      });
    }
    return families;
  }

  /** A hash's fields (an executor's heartbeat counters). */
  async hash(key: string): Promise<Record<string, string>> {
    return this.client.hGetAll(key);
  }

  close(): void {
    this.client.destroy();
  }
}
