import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISPATCHER_NODE_OPTIONS, missingNodeOptions } from '../../../dispatcher/node-options.js';
import { dispatcherEnv } from '../../support/service-env.js';

const read = (file: string): string => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

describe("the dispatcher's Node options", () => {
  it('are given by every launcher', () => {
    const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const dockerfile = read('infra/docker/dispatcher.Dockerfile');
    const localScript = read('infra/local/juez-local.sh');
    const harness = dispatcherEnv({ id: 'x', keyPrefix: 'x:', queuePrefix: 'x', redisUrl: 'redis://h', amqpUrl: 'amqp://h', jwtSecret: 's', webhookSecret: 'w' }, 0);
    for (const option of DISPATCHER_NODE_OPTIONS) {
      expect(packageJson.scripts.dispatcher).toContain(` ${option} `);
      expect(dockerfile).toContain(`"${option}"`);
      expect(localScript).toContain(option);
      expect(harness.NODE_OPTIONS?.split(' ')).toContain(option);
    }
  });

  it('are found in the command line or in NODE_OPTIONS', () => {
    expect(missingNodeOptions([], undefined)).toEqual([...DISPATCHER_NODE_OPTIONS]);
    expect(missingNodeOptions([...DISPATCHER_NODE_OPTIONS], undefined)).toEqual([]);
    expect(missingNodeOptions([], `--enable-source-maps ${DISPATCHER_NODE_OPTIONS.join(' ')}`)).toEqual([]);
  });
});
