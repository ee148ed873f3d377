import { ErrorReply, SocketClosedUnexpectedlyError } from 'redis';
import { describe, expect, it } from 'vitest';
import { isConnectionFailure } from '../../../common/dependencies/connection-failure.js';
import { type Dependency, DependencyRefusedError, describeFailure, urlWithoutCredentials } from '../../../common/dependencies/dependency.js';
import { rabbitMqDependency } from '../../../common/dependencies/rabbitmq-dependency.js';
import { redisDependency } from '../../../common/dependencies/redis-dependency.js';
import { waitForDependencies, waitForDependency } from '../../../common/dependencies/wait-for-dependencies.js';

const refusedConnection = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', syscall: 'connect' });

/** A dependency whose probe fails with `failures` (in order), then answers. */
function scripted(name: string, failures: unknown[]): Dependency & { calls: number } {
  const dependency = {
    name,
    address: `tcp://${name}:1`,
    setting: `THE_${name.toUpperCase()}_URL`,
    calls: 0,
    async probe() {
      const failure = failures[dependency.calls++];
      if (failure !== undefined) throw failure;
    },
    isUnreachable: (error: unknown) => isConnectionFailure(error),
  };
  return dependency;
}

function recordingLog() {
  const lines: { level: 'error' | 'info'; message: string; fields: object }[] = [];
  return {
    lines,
    error: (fields: object, message: string) => void lines.push({ level: 'error', message, fields }),
    info: (fields: object, message: string) => void lines.push({ level: 'info', message, fields }),
  };
}

describe('waitForDependency', () => {
  it('waits while the dependency is unreachable: one error naming it and where, reminders, a line when it answers', async () => {
    const log = recordingLog();
    const statuses: string[] = [];
    const redis = scripted('redis', Array.from({ length: 6 }, refusedConnection));
    await waitForDependency(redis, { log, remindMs: 40, initialDelayMs: 10, maxDelayMs: 20, onStatus: (status) => statuses.push(status) });
    expect(redis.calls).toBe(7);
    const [first, ...rest] = log.lines;
    expect(first?.level).toBe('error');
    expect(first?.message).toMatch(/^waiting for redis at tcp:\/\/redis:1: connect ECONNREFUSED 127\.0\.0\.1:6379; retrying with backoff/);
    const reminders = rest.filter((line) => line.level === 'error');
    // Six failures over at least 10 + 20 + 20 + 20 + 20 ms: some reminders, far fewer than failures.
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders.length).toBeLessThan(5);
    for (const reminder of reminders) expect(reminder.message).toMatch(/^still waiting for redis at tcp:\/\/redis:1 after \d+ s \(\d+ attempts\)/);
    expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: expect.stringMatching(/^redis at tcp:\/\/redis:1 answers after \d+ s \(6 failed attempts\)/) });
    expect(statuses.at(0)).toBe('waiting: connect ECONNREFUSED 127.0.0.1:6379');
    expect(statuses.at(-1)).toBe('ok');
  });

  it('says nothing when the dependency answers at once', async () => {
    const log = recordingLog();
    await waitForDependency(scripted('redis', []), { log });
    expect(log.lines).toEqual([]);
  });

  it('fails at once, naming the setting, when the dependency refuses for a reason waiting will not fix', async () => {
    const log = recordingLog();
    const redis = scripted('redis', [refusedConnection(), new Error('WRONGPASS invalid username-password pair or user is disabled.')]);
    const waiting = waitForDependency(redis, { log, initialDelayMs: 1 });
    await expect(waiting).rejects.toThrow(DependencyRefusedError);
    await expect(waiting).rejects.toThrow(
      'redis at tcp://redis:1 refused the connection: WRONGPASS invalid username-password pair or user is disabled; waiting will not fix this: check THE_REDIS_URL',
    );
    expect(redis.calls).toBe(2);
  });

  it('stops waiting when its signal aborts, rejecting with the reason', async () => {
    const stop = new AbortController();
    const redis = scripted('redis', Array.from({ length: 1000 }, refusedConnection));
    const waiting = waitForDependency(redis, { log: recordingLog(), signal: stop.signal, initialDelayMs: 10_000 });
    setTimeout(() => stop.abort('SIGTERM'), 20);
    const started = Date.now();
    await expect(waiting).rejects.toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('waitForDependencies', () => {
  it('reports every missing dependency at once and resolves when all answer', async () => {
    const log = recordingLog();
    await waitForDependencies([scripted('redis', [refusedConnection()]), scripted('rabbitmq', [refusedConnection(), refusedConnection()])], { log, initialDelayMs: 5 });
    const firstErrors = log.lines.filter((line) => line.level === 'error').map((line) => line.message.split(':')[0]);
    expect(firstErrors).toEqual(['waiting for redis at tcp', 'waiting for rabbitmq at tcp']);
    expect(log.lines.filter((line) => line.level === 'info')).toHaveLength(2);
  });

  it('stops the other waits at the first refusal', async () => {
    const forever = scripted('redis', Array.from({ length: 1_000 }, refusedConnection));
    const started = Date.now();
    await expect(
      waitForDependencies([forever, scripted('rabbitmq', [new Error('ACCESS_REFUSED')])], { log: recordingLog(), initialDelayMs: 50 }),
    ).rejects.toThrow(/rabbitmq at tcp:\/\/rabbitmq:1 refused the connection: ACCESS_REFUSED/);
    const calls = forever.calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(forever.calls).toBe(calls);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('what counts as unreachable', () => {
  it('connection failures, in a cause chain or an AggregateError, and a unix socket that does not exist yet', () => {
    expect(isConnectionFailure(refusedConnection())).toBe(true);
    expect(isConnectionFailure(new Error('wrapped', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND redis'), { code: 'ENOTFOUND' }) }))).toBe(true);
    expect(isConnectionFailure(new AggregateError([refusedConnection(), refusedConnection()], ''))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error('connect ENOENT /run/docker.sock'), { code: 'ENOENT', syscall: 'connect' }))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isConnectionFailure(Object.assign(new Error('connect EACCES /run/docker.sock'), { code: 'EACCES', syscall: 'connect' }))).toBe(false);
    expect(isConnectionFailure('ECONNREFUSED')).toBe(false);
  });

  it('Redis: not yet up or not ready yet, but not a refused login or an unknown database', () => {
    const redis = redisDependency('redis://user:secret@redis:6379/2', 'JUEZ_REDIS_URL');
    expect(redis.address).toBe('redis://redis:6379/2');
    expect(redis.isUnreachable(refusedConnection())).toBe(true);
    expect(redis.isUnreachable(new SocketClosedUnexpectedlyError())).toBe(true);
    expect(redis.isUnreachable(new ErrorReply('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(redis.isUnreachable(new ErrorReply('WRONGPASS invalid username-password pair or user is disabled.'))).toBe(false);
    expect(redis.isUnreachable(new ErrorReply('NOAUTH Authentication required.'))).toBe(false);
    expect(redis.isUnreachable(new ErrorReply('ERR DB index is out of range'))).toBe(false);
  });

  it('RabbitMQ: not yet up or shutting down, but not a refused login, a closed virtual host or another protocol', () => {
    const rabbit = rabbitMqDependency('amqp://guest:guest@mq:5672/judge?heartbeat=10', 'JUEZ_AMQP_URL');
    expect(rabbit.address).toBe('amqp://mq:5672/judge');
    expect(rabbit.isUnreachable(refusedConnection())).toBe(true);
    expect(rabbit.isUnreachable(new Error('connect ETIMEDOUT'))).toBe(true);
    expect(rabbit.isUnreachable(new Error('Socket closed abruptly during opening handshake'))).toBe(true);
    expect(rabbit.isUnreachable(new Error('Handshake terminated by server: 320 (CONNECTION-FORCED) with message "broker shutting down"'))).toBe(true);
    expect(rabbit.isUnreachable(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused"'))).toBe(false);
    expect(rabbit.isUnreachable(new Error('Frame size 1345270062 exceeds maxFrameSize 67108864'))).toBe(false);
  });

  it('messages are never empty and URLs lose their credentials', () => {
    expect(describeFailure(new AggregateError([refusedConnection(), Object.assign(new Error('connect ECONNREFUSED ::1:6379'), { code: 'ECONNREFUSED' })], ''))).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379; connect ECONNREFUSED ::1:6379',
    );
    expect(urlWithoutCredentials('amqps://user:p%40ss@mq.example:5671/')).toBe('amqps://mq.example:5671/');
  });
});
