import type { LanguageVersions } from '../../common/language-versions.js';
import type { RedisKeys } from '../../common/redis-keys.js';
import type { LanguageAdvertisements } from '../languages/language-availability.js';
import { luaScript, runScript } from './lua-script.js';
import type { RedisConnection } from './redis-connection.js';

/**
 * KEYS: executors set, languages-seen hash. ARGV: oldest lastSeen to consider (ms), executor hash key
 * prefix. One round trip for the whole fleet: the live executors' `languages`, then the languages-seen hash
 * (HGETALL). A name whose hash expired (its executor died: 3 heartbeats without a beat) or was deleted (it
 * stopped) has no `languages` any more and is skipped; the lastSeen bound only keeps names of executors
 * long gone from being visited at all.
 */
const READ = luaScript(`
local names = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
local found = {}
for _, name in ipairs(names) do
  local languages = redis.call('HGET', ARGV[2] .. name, 'languages')
  if languages then found[#found + 1] = languages end
end
return {found, redis.call('HGETALL', KEYS[2])}
`);

/** The longest an executor's hash lives without a heartbeat: 3 × the largest JUEZ_HEARTBEAT_S (300 s). */
const LONGEST_TTL_MS = 3 * 300_000;

/**
 * The languages live executors advertise in their heartbeat hashes (redisKeys().executor), and, as one more
 * advertisement, those some executor advertised within the last `graceMs` (redisKeys().languagesSeen): an
 * executor restarting, or all of them down for a moment, does not make its languages unavailable. Tasks
 * accepted meanwhile wait in the queue for an executor; one that never comes back for a language lets
 * its tasks end as IE after JUEZ_UNSERVED_TIMEOUT_S (handed back by the others), and refuses new ones
 * once the grace period is over.
 */
export class RedisLanguageAdvertisements implements LanguageAdvertisements {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly graceMs = 0,
  ) {}

  async read(): Promise<LanguageVersions[]> {
    const now = Date.now();
    const [found, seen] = (await runScript(this.redis, READ, [this.keys.executors(), this.keys.languagesSeen()], [String(now - LONGEST_TTL_MS), this.keys.executor('')])) as [string[], string[]];
    const recent = this.graceMs > 0 ? recentlySeen(seen, now - this.graceMs) : {};
    return [...parseAdvertisements(found), ...(Object.keys(recent).length > 0 ? [recent] : [])];
  }
}

/** The languages-seen hash (HGETALL: id, `<ms> <version>`, ...) reduced to those seen since `since` (ms). */
export function recentlySeen(flat: readonly string[], since: number): LanguageVersions {
  const recent: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [id, value] = [flat[i] as string, flat[i + 1] as string];
    const space = value.indexOf(' ');
    const at = Number(space < 0 ? value : value.slice(0, space));
    if (Number.isFinite(at) && at >= since) recent[id] = space < 0 ? '' : value.slice(space + 1);
  }
  return recent;
}

function parseAdvertisements(found: readonly string[]): LanguageVersions[] {
  return found.flatMap((json) => {
    try {
      const parsed: unknown = JSON.parse(json);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? [parsed as LanguageVersions] : [];
    } catch {
      return []; // an executor of another version writing something else: it advertises nothing usable
    }
  });
}
