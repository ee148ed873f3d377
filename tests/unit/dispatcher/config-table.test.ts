import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, parsers, validators } from '../../../common/config-table.js';
import { loadDispatcherConfig } from '../../../dispatcher/config.js';

const table = {
  port: { name: 'PORT', description: 'port', default: 8080, parse: parsers.integer, validate: validators.range(1, 65535) },
  url: { name: 'URL', description: 'broker URL', parse: parsers.url(['amqp:']) },
  token: { name: 'TOKEN', description: 'a secret', default: undefined as string | undefined, parse: parsers.string, secret: true },
  flags: { name: 'FLAGS', description: 'flags', default: [] as string[], parse: parsers.list },
  mode: { name: 'MODE', description: 'mode', default: 'fast' as const, parse: parsers.oneOf(['fast', 'slow'] as const) },
};

describe('loadConfig', () => {
  it('parses values, applies defaults and returns a frozen typed object', () => {
    const config = loadConfig(table, { URL: 'amqp://host', FLAGS: 'a, b,,c', MODE: 'slow' });
    expect(config).toEqual({ port: 8080, url: 'amqp://host', token: undefined, flags: ['a', 'b', 'c'], mode: 'slow' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, never echoing secrets', () => {
    const load = () => loadConfig(table, { PORT: '99999', TOKEN: 'x', MODE: 'medium', FLAGS: 'ok' }, () => ['not reached']);
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual([
        'PORT: must be between 1 and 65535',
        'URL is required (broker URL)',
        'MODE: expected one of fast, slow (got "medium")',
      ]);
    }
    expect(() => loadConfig({ token: { ...table.token, parse: () => { throw new Error('bad'); } } }, { TOKEN: 'hunter2' })).toThrow(
      /TOKEN: bad$/m,
    );
  });

  it('runs the cross-field check once every entry is valid', () => {
    expect(() => loadConfig(table, { URL: 'amqp://h' }, () => ['TOKEN or FLAGS needed'])).toThrow(/TOKEN or FLAGS needed/);
  });

  it('describes the table for documentation', () => {
    const text = describeConfig(table);
    expect(text).toContain('| `URL` | broker URL | (required) |');
    expect(text).toContain('| `PORT` | port | `8080` |');
    expect(text).toContain('| `TOKEN` | a secret | (unset) |');
  });
});

describe('the dispatcher configuration', () => {
  it('needs a way to verify tokens and reports every bad variable together', () => {
    expect(() => loadDispatcherConfig({})).toThrow(/JUEZ_JWT_HS256_SECRET or JUEZ_JWT_RS256_PUBLIC_KEY/);
    let problems: readonly string[] = [];
    try {
      loadDispatcherConfig({ JUEZ_HTTP_PORT: 'eighty', JUEZ_REDIS_URL: 'http://x', JUEZ_JWT_HS256_SECRET: 'short', JUEZ_WEBHOOK_SECRET: 'plain' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).not.toContain('short');
  });

  it('has working defaults', () => {
    const config = loadDispatcherConfig({ JUEZ_JWT_HS256_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ httpPort: 8080, redisPrefix: 'juez:', queuePrefix: 'juez', maxWaitS: 30, webhookTimeoutMs: 5000 });
    expect(config.webhookRetryWindowS).toBeGreaterThanOrEqual(86400);
  });
});
