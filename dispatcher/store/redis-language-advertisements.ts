import type { LanguageVersions } from '../../common/language-versions.js';
import type { RedisKeys } from '../../common/redis-keys.js';
import type { LanguageAdvertisements } from '../languages/language-availability.js';
import { luaScript, runScript } from './lua-script.js';
import type { RedisConnection } from './redis-connection.js';

/**
 * KEYS: executors set. ARGV: oldest lastSeen to consider (ms), executor hash key prefix. One round trip
 * for the whole fleet. A name whose hash expired (its executor died: 3 heartbeats without a beat) or was
 * deleted (it stopped) has no `languages` any more and is skipped; the lastSeen bound only keeps names of
 * executors long gone from being visited at all.
 */
const READ = luaScript(`
local names = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
local found = {}
for _, name in ipairs(names) do
  local languages = redis.call('HGET', ARGV[2] .. name, 'languages')
  if languages then found[#found + 1] = languages end
end
return found
`);

/** The longest an executor's hash lives without a heartbeat: 3 × the largest JUEZ_HEARTBEAT_S (300 s). */
const LONGEST_TTL_MS = 3 * 300_000;

/** The languages live executors advertise in their heartbeat hashes (redisKeys().executor). */
export class RedisLanguageAdvertisements implements LanguageAdvertisements {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async read(): Promise<LanguageVersions[]> {
    const found = (await runScript(this.redis, READ, [this.keys.executors()], [String(Date.now() - LONGEST_TTL_MS), this.keys.executor('')])) as string[];
    return found.flatMap((json) => {
      try {
        const parsed: unknown = JSON.parse(json);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? [parsed as LanguageVersions] : [];
      } catch {
        return []; // an executor of another version writing something else: it advertises nothing usable
      }
    });
  }
}
