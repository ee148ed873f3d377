import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../common/config-table.js';
import { checkCpuset, checkLanguageIds, loadExecutorConfig } from '../../../executor/service/config.js';

describe('JUEZ_LANGUAGES', () => {
  it('is unset by default (every language the image has), else the ids listed', () => {
    expect(loadExecutorConfig({}).languages).toBeUndefined();
    expect(loadExecutorConfig({ JUEZ_LANGUAGES: ' python, c ' }).languages).toEqual(['python', 'c']);
  });

  it('refuses ids the table does not define, repeated ones and an empty list', () => {
    expect(() => loadExecutorConfig({ JUEZ_LANGUAGES: 'python,cobol' })).toThrow(/JUEZ_LANGUAGES.*unknown language cobol; known: c, cpp, python/);
    expect(checkLanguageIds(['c', 'c'], ['c'])).toBe('c listed twice');
    expect(checkLanguageIds([], ['c'])).toMatch(/at least one/);
    expect(checkLanguageIds(['c'], ['c', 'python'])).toBeUndefined();
  });
});

describe('loadExecutorConfig', () => {
  it('has a default for everything', () => {
    const config = loadExecutorConfig({});
    expect(config.poolSize).toBeGreaterThanOrEqual(1);
    expect(config.packageCacheDir).toBe('/var/cache/juez/packages');
    expect(config.deliveryLimit).toBe(3);
    expect(config.imageTag).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the environment', () => {
    const config = loadExecutorConfig({ JUEZ_EXECUTOR_NAME: 'judge-7', JUEZ_POOL_SIZE: '4', JUEZ_LOG_LEVEL: 'debug', JUEZ_RUNTIME_IMAGE: 'juez-runtime:0123456789abcdef' });
    expect(config).toMatchObject({ name: 'judge-7', poolSize: 4, logLevel: 'debug', imageTag: 'juez-runtime:0123456789abcdef' });
  });

  it('lists every problem at once, without echoing secrets', () => {
    const env = { JUEZ_POOL_SIZE: '0', JUEZ_AMQP_URL: 'http://user:hunter2@host', JUEZ_LOG_LEVEL: 'loud', JUEZ_PACKAGE_CACHE_DIR: 'relative' };
    expect(() => loadExecutorConfig(env)).toThrow(ConfigError);
    const error = captureError(() => loadExecutorConfig(env)) as ConfigError;
    expect(error.problems).toHaveLength(4);
    expect(error.problems.join('\n')).toMatch(/POOL_SIZE[\s\S]*AMQP_URL[\s\S]*PACKAGE_CACHE_DIR[\s\S]*LOG_LEVEL/);
    expect(error.message).not.toContain('hunter2');
  });

  it('reads a sandbox cpuset and refuses a malformed one or one naming CPUs this host lacks', () => {
    expect(loadExecutorConfig({}).sandboxCpuset).toBeUndefined();
    expect(loadExecutorConfig({ JUEZ_SANDBOX_CPUSET: '0' }).sandboxCpuset).toBe('0');
    expect(checkCpuset('0-3,6', 8)).toBeUndefined();
    expect(checkCpuset('0-', 8)).toMatch(/expected CPU numbers and ranges/);
    expect(checkCpuset('3-1', 8)).toMatch(/runs backwards/);
    expect(checkCpuset('0,8', 8)).toBe('CPU 8 does not exist: this host has CPUs 0-7');
    expect(() => loadExecutorConfig({ JUEZ_SANDBOX_CPUSET: '0;1' })).toThrow(/JUEZ_SANDBOX_CPUSET: expected CPU numbers/);
    expect(() => loadExecutorConfig({ JUEZ_SANDBOX_CPUSET: `${cpus().length}` })).toThrow(/JUEZ_SANDBOX_CPUSET: CPU \d+ does not exist/);
  });

  it('checks that one package fits in the cache', () => {
    expect(() => loadExecutorConfig({ JUEZ_PACKAGE_CACHE_MB: '100', JUEZ_MAX_PACKAGE_MB: '200' })).toThrow(/MAX_PACKAGE_MB/);
  });
});

/** The error `fn` throws; fails the test when it throws nothing. */
function captureError(fn: () => unknown): unknown {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Error);
  return caught;
}
