import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create as createTar } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveHash, createNormalizedArchive } from '../../../common/package-archive.js';
import { readProblemPackage } from '../../../common/problem/read-problem-package.js';
import { PackageCache, type PackageArchiveSource } from '../../../executor/service/package-cache.js';
import { PackageError } from '../../../executor/service/package-error.js';
import { RedisConnection } from '../../../executor/service/redis-connection.js';
import { RedisPackageSource } from '../../../executor/service/redis-package-source.js';
import { openScope, REDIS_URL, silentLog, type TestScope } from './executor-test-kit.js';

const HELLO = path.resolve('problems/hello');

let scope: TestScope;
let connection: RedisConnection;
let work: string;
let fetches: string[];
let source: PackageArchiveSource;

beforeEach(async () => {
  scope = await openScope();
  connection = await RedisConnection.connect({ url: REDIS_URL, log: silentLog });
  work = await mkdtemp(path.join(tmpdir(), 'juez-cache-test-'));
  fetches = [];
  const redisSource = new RedisPackageSource(connection, scope.keyPrefix);
  source = { fetch: (hash) => (fetches.push(hash), redisSource.fetch(hash)) };
});

afterEach(async () => {
  await connection.close();
  await scope.cleanup();
  await rm(work, { recursive: true, force: true });
});

function makeCache(maxBytes = 64 * 1024 * 1024): PackageCache {
  return new PackageCache({
    dir: path.join(work, 'cache'),
    maxBytes,
    maxPackageBytes: 16 * 1024 * 1024,
    archives: source,
    read: (dir) => readProblemPackage(dir),
    log: silentLog,
  });
}

/** Stores a package archive in Redis as the dispatcher does; returns its hash. */
async function storeArchive(archive: Buffer, hash = archiveHash(archive)): Promise<string> {
  await scope.redis.set(scope.keys.packageArchive(hash), archive);
  return hash;
}

/** A copy of problems/hello with a different answer, so that it has another hash. */
async function variantOfHello(name: string): Promise<string> {
  const dir = path.join(work, name);
  await cp(HELLO, dir, { recursive: true });
  await writeFile(path.join(dir, 'data', 'secret', '1.ans'), `Hello, ${name}!\n`);
  return dir;
}

describe('PackageCache', () => {
  it('fetches a package once, unpacks it by hash and reads it once', async () => {
    const hash = await storeArchive(await createNormalizedArchive(HELLO));
    const cache = makeCache();
    await cache.init();
    const first = await cache.acquire(hash);
    const second = await cache.acquire(hash);
    expect(first.problem).toBe(second.problem);
    expect(first.problem.dir).toBe(path.join(work, 'cache', hash));
    expect(first.problem.secret.tests.length).toBeGreaterThan(0);
    expect(fetches).toEqual([hash]);
    first.release();
    second.release();
    expect(await readdir(path.join(work, 'cache'))).toEqual([hash]);
  });

  it('shares one fetch between concurrent tasks of the same package', async () => {
    const hash = await storeArchive(await createNormalizedArchive(HELLO));
    const cache = makeCache();
    await cache.init();
    const leases = await Promise.all(Array.from({ length: 5 }, () => cache.acquire(hash)));
    expect(new Set(leases.map((l) => l.problem)).size).toBe(1);
    expect(fetches).toHaveLength(1);
  });

  it('refuses a missing, corrupted, unsafe or invalid package with PackageError', async () => {
    const cache = makeCache();
    await cache.init();
    await expect(cache.acquire('b'.repeat(64))).rejects.toThrow(/not stored/);

    const archive = await createNormalizedArchive(HELLO);
    const corrupted = Buffer.from(archive);
    const at = corrupted.length - 20;
    corrupted.writeUInt8(corrupted.readUInt8(at) ^ 0xff, at);
    const corruptedHash = await storeArchive(corrupted, archiveHash(archive));
    await expect(cache.acquire(corruptedHash)).rejects.toThrow(PackageError);
    await expect(cache.acquire(corruptedHash)).rejects.toThrow(/does not match its hash/);

    const evil = path.join(work, 'evil');
    await mkdir(path.join(evil, 'inner'), { recursive: true });
    await writeFile(path.join(evil, 'inner', 'x'), 'x');
    const slip = await streamToBuffer(createTar({ gzip: true, cwd: evil, prefix: '../../escape' }, ['inner']));
    await expect(cache.acquire(await storeArchive(slip))).rejects.toThrow(/cannot be unpacked/);

    const empty = path.join(work, 'empty');
    await mkdir(empty);
    await writeFile(path.join(empty, 'README'), 'not a problem');
    await expect(cache.acquire(await storeArchive(await createNormalizedArchive(empty)))).rejects.toThrow(/is invalid/);

    expect((await readdir(path.join(work, 'cache'))).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(await readdir(work)).not.toContain('escape');
  });

  it('evicts the least recently used package when over its size, never one in use', async () => {
    const helloArchive = await createNormalizedArchive(HELLO);
    const [a, b, c] = await Promise.all([
      storeArchive(helloArchive),
      variantOfHello('b').then(createNormalizedArchive).then((x) => storeArchive(x)),
      variantOfHello('c').then(createNormalizedArchive).then((x) => storeArchive(x)),
    ]);
    const probe = makeCache();
    await probe.init();
    (await probe.acquire(a)).release();
    const oneSize = probe.size;
    await rm(path.join(work, 'cache'), { recursive: true });

    // Room for two packages, not three.
    const cache = makeCache(Math.floor(oneSize * 2.5));
    await cache.init();
    const leaseA = await cache.acquire(a);
    (await cache.acquire(b)).release();
    const leaseC = await cache.acquire(c);
    // a is in use, so b (the only one free) made room for c.
    expect((await readdir(path.join(work, 'cache'))).sort()).toEqual([a, c].sort());
    leaseA.release();
    leaseC.release();
    // Both free now: a, used longest ago, makes room for b.
    (await cache.acquire(b)).release();
    expect((await readdir(path.join(work, 'cache'))).sort()).toEqual([b, c].sort());
    expect(cache.size).toBeLessThanOrEqual(Math.floor(oneSize * 2.5));
  });

  it('keeps packages across restarts and removes half-unpacked folders', async () => {
    const hash = await storeArchive(await createNormalizedArchive(HELLO));
    const first = makeCache();
    await first.init();
    (await first.acquire(hash)).release();
    await mkdir(path.join(work, 'cache', '.tmp-deadbeef-0001', 'data'), { recursive: true });

    const second = makeCache();
    await second.init();
    expect(await readdir(path.join(work, 'cache'))).toEqual([hash]);
    expect(second.size).toBe(first.size);
    const lease = await second.acquire(hash);
    expect(lease.problem.shortName).toBe(hash);
    expect(fetches).toEqual([hash]);
  });
});

async function streamToBuffer(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
