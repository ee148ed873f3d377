import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, statfs, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { archiveHash, extractArchive, PackageArchiveError } from '../../common/package-archive.js';
import { ProblemPackageError } from '../../common/problem/problem-package-error.js';
import type { ProblemPackage } from '../../common/problem/problem.js';
import { DiskFullError, isNoSpaceError } from './disk-full-error.js';
import { PackageError } from './package-error.js';

/** Where package archives come from (RedisPackageSource). Rejects with StoreUnavailableError when unreachable. */
export interface PackageArchiveSource {
  /** The archive stored under this content hash, or undefined when there is none. */
  fetch(hash: string): Promise<Buffer | undefined>;
}

/** A package in use: it is not evicted from disk until released. */
export interface PackageLease {
  readonly problem: ProblemPackage;
  release(): void;
}

export interface PackageCacheOptions {
  /** Cache directory; one folder per content hash. Created if missing. */
  dir: string;
  /** Disk space the unpacked packages may use before the least recently used ones are removed, bytes. */
  maxBytes: number;
  /** Largest archive, and largest unpacked package, accepted, bytes. */
  maxPackageBytes: number;
  archives: PackageArchiveSource;
  /** Reads and validates an unpacked package (readProblemPackage). Rejects with ProblemPackageError. */
  read(dir: string): Promise<ProblemPackage>;
  log: Logger;
}

interface Entry {
  dir: string;
  bytes: number;
  lastUsed: number;
  users: number;
  /** Read once per hash: the engine caches its test data per ProblemPackage object. */
  problem?: Promise<ProblemPackage>;
}

const HASH = /^[a-f0-9]{64}$/;
const TEMP_PREFIX = '.tmp-';

/**
 * Problem packages by content hash, fetched from Redis once per executor and unpacked on its disk.
 * Unpacking goes into a temporary folder renamed into place when complete, so a crash never leaves a
 * half-unpacked package that passes for whole; concurrent tasks for one hash share a single fetch.
 * Folders are evicted least recently used first when the cache outgrows its size, never while in use, and
 * also when the disk turns out to be fuller than that size allows (other files on it, or a disk smaller
 * than the configured size): a package that does not fit makes room by evicting unused ones.
 */
export class PackageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly fetching = new Map<string, Promise<Entry>>();
  /** Evictions in progress: a new download of the same hash waits for the old folder to be gone. */
  private readonly removing = new Map<string, Promise<void>>();
  /** Evictions run one after the other. */
  private evicting: Promise<void> = Promise.resolve();
  private totalBytes = 0;

  constructor(private readonly options: PackageCacheOptions) {}

  /** Indexes what a previous run left on disk and removes half-unpacked folders. */
  async init(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    for (const name of await readdir(this.options.dir)) {
      const dir = path.join(this.options.dir, name);
      if (name.startsWith(TEMP_PREFIX)) {
        await rm(dir, { recursive: true, force: true });
      } else if (HASH.test(name)) {
        const info = await stat(dir);
        this.add(name, { dir, bytes: await diskUsage(dir), lastUsed: info.mtimeMs, users: 0 });
      }
    }
    await this.evict();
    this.options.log.info({ packages: this.entries.size, bytes: this.totalBytes }, 'package cache ready');
  }

  /**
   * The package with this content hash, held until released.
   * @throws PackageError when it is missing, corrupted or invalid.
   * @throws DiskFullError when it does not fit on the disk even with every unused package evicted.
   * Other errors are infrastructure too (Redis unreachable: StoreUnavailableError).
   */
  async acquire(hash: string): Promise<PackageLease> {
    if (!HASH.test(hash)) throw new PackageError(`invalid package hash ${JSON.stringify(hash)}`);
    let entry = this.entries.get(hash);
    if (entry === undefined) {
      entry = await this.download(hash);
      entry.users++;
      await this.evict(); // the new package is in use: the others make room for it
    } else {
      entry.users++;
    }
    entry.lastUsed = Date.now();
    // Recorded on disk too, so that the LRU order survives a restart.
    utimes(entry.dir, new Date(), new Date()).catch(() => {});
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      entry.users--;
      void this.evict();
    };
    try {
      entry.problem ??= this.read(hash, entry);
      return { problem: await entry.problem, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Bytes used by unpacked packages. */
  get size(): number {
    return this.totalBytes;
  }

  private async read(hash: string, entry: Entry): Promise<ProblemPackage> {
    try {
      return await this.options.read(entry.dir);
    } catch (error) {
      // Not memoized: a fixed reader (or a disk that recovered) gets another chance on the next task.
      entry.problem = undefined;
      if (error instanceof ProblemPackageError) throw new PackageError(`package ${hash} is invalid: ${error.message}`);
      throw error;
    }
  }

  private download(hash: string): Promise<Entry> {
    let pending = this.fetching.get(hash);
    if (pending === undefined) {
      pending = this.fetchAndUnpack(hash).finally(() => this.fetching.delete(hash));
      this.fetching.set(hash, pending);
    }
    return pending;
  }

  private async fetchAndUnpack(hash: string): Promise<Entry> {
    const { archives, log, dir } = this.options;
    const archive = await archives.fetch(hash);
    if (archive === undefined) throw new PackageError(`package ${hash} is not stored in Redis`);
    if (archiveHash(archive) !== hash) throw new PackageError(`package ${hash} is corrupted: its content does not match its hash`);
    for (let evicted = 0; ; evicted++) {
      try {
        return await this.unpack(hash, archive);
      } catch (error) {
        if (!isNoSpaceError(error)) throw error;
        // One package at a time, least recently used first, until this one fits: no more is thrown away
        // than needed.
        if (await this.evictOneForRoom(hash)) continue;
        const free = await freeBytes(dir);
        log.error(
          { packageHash: hash, archiveBytes: archive.length, freeBytes: free, evicted, dir, err: error },
          'package cache disk full: no room for the package even with every unused package evicted',
        );
        throw new DiskFullError(
          `no space left on the executor's disk for problem package ${hash.slice(0, 12)} (${dir}: ${free ?? '?'} bytes free after ` +
            `evicting every package not in use)`,
          { cause: error },
        );
      }
    }
  }

  /** Unpacks into a temporary folder, then renames it into place. */
  private async unpack(hash: string, archive: Buffer): Promise<Entry> {
    const { maxPackageBytes, log } = this.options;
    const temp = path.join(this.options.dir, `${TEMP_PREFIX}${hash.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
    const dir = path.join(this.options.dir, hash);
    await mkdir(temp);
    try {
      const summary = await extractArchive(archive, 'tar.gz', temp, {
        maxArchiveBytes: maxPackageBytes,
        maxEntries: 100_000,
        maxUncompressedBytes: maxPackageBytes,
      });
      await this.removing.get(hash);
      // Folders left by another process sharing the directory are replaced: only ours are trusted.
      await rm(dir, { recursive: true, force: true });
      await rename(temp, dir);
      const entry: Entry = { dir, bytes: summary.bytes, lastUsed: Date.now(), users: 0 };
      this.add(hash, entry);
      log.info({ packageHash: hash, bytes: summary.bytes, files: summary.files }, 'package unpacked');
      return entry;
    } catch (error) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      if (error instanceof PackageArchiveError) throw new PackageError(`package ${hash} cannot be unpacked: ${error.message}`);
      throw error;
    }
  }

  private add(hash: string, entry: Entry): void {
    this.entries.set(hash, entry);
    this.totalBytes += entry.bytes;
  }

  /** Removes least recently used packages not in use until the cache fits. */
  private evict(): Promise<void> {
    // A failed removal (a busy file) is logged and leaves the cache a bit too big until the next try.
    this.evicting = this.evicting.then(() =>
      this.evictNow().catch((error: unknown) => this.options.log.warn({ err: error }, 'package cache eviction failed')),
    );
    return this.evicting;
  }

  private async evictNow(): Promise<void> {
    if (this.totalBytes <= this.options.maxBytes) return;
    for (const [hash, entry] of this.unusedByAge()) {
      if (this.totalBytes <= this.options.maxBytes) break;
      if (entry.users > 0 || this.entries.get(hash) !== entry) continue;
      await this.remove(hash, entry, 'over the cache size');
    }
  }

  /**
   * Evicts the least recently used package not in use (other than `keep`), in turn with the other
   * evictions; false when there is none left to evict.
   */
  private evictOneForRoom(keep: string): Promise<boolean> {
    const evicted = this.evicting.then(async () => {
      const oldest = this.unusedByAge().find(([hash]) => hash !== keep);
      if (oldest === undefined) return false;
      await this.remove(oldest[0], oldest[1], 'disk full');
      return true;
    });
    this.evicting = evicted.then(
      () => {},
      () => {},
    );
    return evicted;
  }

  private unusedByAge(): [string, Entry][] {
    return [...this.entries].filter(([, e]) => e.users === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
  }

  private async remove(hash: string, entry: Entry, why: string): Promise<void> {
    this.entries.delete(hash);
    this.totalBytes -= entry.bytes;
    const removal = rm(entry.dir, { recursive: true, force: true }).finally(() => this.removing.delete(hash));
    this.removing.set(hash, removal);
    await removal;
    this.options.log.info({ packageHash: hash, bytes: entry.bytes, why }, 'package evicted from cache');
  }
}

/** Bytes an unprivileged writer may still use on the file system holding `dir`; undefined if unknown. */
async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const info = await statfs(dir);
    return info.bavail * info.bsize;
  } catch {
    return undefined;
  }
}

/** Bytes of the regular files below `dir`. */
async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) total += await diskUsage(full);
    else if (item.isFile()) total += (await stat(full)).size;
  }
  return total;
}
