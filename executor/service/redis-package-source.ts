import { redisKeys, type RedisKeys } from '../../common/redis-keys.js';
import type { PackageArchiveSource } from './package-cache.js';
import type { RedisConnection } from './redis-connection.js';

/** Problem package archives as the dispatcher stores them: binary strings at redisKeys().packageArchive(hash). */
export class RedisPackageSource implements PackageArchiveSource {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: RedisConnection,
    keyPrefix: string,
  ) {
    this.keys = redisKeys(keyPrefix);
  }

  async fetch(hash: string): Promise<Buffer | undefined> {
    const data = await this.redis.command<Buffer | null>(['GET', this.keys.packageArchive(hash)], { binary: true });
    return data ?? undefined;
  }
}
