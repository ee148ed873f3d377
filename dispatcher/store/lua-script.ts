/**
 * Lua scripts run by their SHA1 (EVALSHA): the hot path sends 40 bytes instead of the whole script on
 * every call, and Redis does not hash the source again. After a Redis restart (an empty script cache) the
 * first call answers NOSCRIPT and is sent once more with EVAL, which caches the script again.
 */
import { createHash } from 'node:crypto';
import { ErrorReply } from 'redis';
import type { RedisConnection } from './redis-connection.js';

export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Runs `script` atomically with `keys` and `args`; resolves with its reply as node-redis decodes it. */
export async function runScript(redis: RedisConnection, script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
  const options = { keys, arguments: args };
  try {
    return await redis.evalSha(script.sha, options);
  } catch (error) {
    if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw error;
    return redis.eval(script.source, options);
  }
}
