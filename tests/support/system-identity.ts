/**
 * A fresh identity for one juez under test: a random id, the Redis key prefix and queue prefix that keep
 * it apart from every other system sharing the same Redis and RabbitMQ, and its own secrets.
 */
import { randomBytes } from 'node:crypto';
import type { SystemIdentity } from './service-env.js';

/** `kind` names the prefixes (`juezsys:<id>:`, `juezsys.<id>`), so leftovers say which tests made them. */
export function newSystemIdentity(kind: string, redisUrl: string, amqpUrl: string): SystemIdentity {
  const id = randomBytes(4).toString('hex');
  return {
    id,
    keyPrefix: `${kind}:${id}:`,
    queuePrefix: `${kind}.${id}`,
    redisUrl,
    amqpUrl,
    jwtSecret: randomBytes(32).toString('hex'),
    webhookSecret: `whsec_${randomBytes(32).toString('base64')}`,
  };
}
