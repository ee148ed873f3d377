/**
 * Problem package archives: extracting an uploaded zip or tar.gz safely, and the normalized tar.gz form in
 * which a package version is stored (by content hash) and fetched by executors.
 *
 * Extraction refuses, before writing anything outside the destination or filling the disk:
 *   - archives larger than `maxArchiveBytes`, with more than `maxEntries` entries, or whose files add up to
 *     more than `maxUncompressedBytes` once decompressed (zip bombs: the declared sizes are checked first,
 *     then the bytes actually inflated are counted, so a lying header does not help);
 *   - absolute paths, drive letters, backslashes, `..` segments and NUL bytes in entry names (zip-slip);
 *   - anything that is not a regular file or a directory (symlinks, hard links, devices, FIFOs);
 *   - duplicate entries (a second entry would overwrite or merge into the first), and a file where another
 *     entry needs a folder (`x` and `x/y`);
 *   - names no file system takes: a segment over 255 bytes, a path over 1024 bytes.
 * Extracted files get mode 0644 (0755 if the archive marked them executable); directories 0755.
 *
 * The normalized archive (createNormalizedArchive) is a gzip'ed POSIX tar of a package directory, files at
 * its root (no top-level folder), entries in code-unit name order, mtime 0, no owner names, modes 0644 /
 * 0755: the same content always gives the same bytes, hence the same sha256 (archiveHash).
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser, create as createTar, type ReadEntry } from 'tar';
import yauzl from 'yauzl';

export type ArchiveFormat = 'zip' | 'tar.gz';

export interface ArchiveLimits {
  /** Size of the archive as uploaded, bytes. */
  maxArchiveBytes: number;
  /** Files and directories in the archive. */
  maxEntries: number;
  /** Sum of the sizes of the extracted files, bytes. */
  maxUncompressedBytes: number;
}

/** Why an archive was refused. Stable: the dispatcher maps each code to an HTTP error code. */
export type PackageArchiveErrorCode =
  | 'archive_too_large'
  | 'too_many_entries'
  | 'uncompressed_too_large'
  | 'unsafe_path'
  | 'unsupported_entry'
  | 'invalid_archive';

/** The archive is refused; the message (safe to show the uploader) names the offending entry. */
export class PackageArchiveError extends Error {
  override readonly name = 'PackageArchiveError';
  constructor(
    readonly code: PackageArchiveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ExtractSummary {
  files: number;
  directories: number;
  /** Sum of file sizes, bytes. */
  bytes: number;
}

/** The archive format from its first bytes (zip local header or gzip magic), or undefined. */
export function detectArchiveFormat(data: Buffer): ArchiveFormat | undefined {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return 'zip';
  // An empty zip is only an end-of-central-directory record.
  if (data.length >= 4 && data.readUInt32LE(0) === 0x06054b50) return 'zip';
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return 'tar.gz';
  return undefined;
}

/** sha256 (hex) of an archive's bytes: its key in Redis (redisKeys().packageArchive). */
export function archiveHash(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Extracts `data` into `destDir` (which must exist and be empty), enforcing `limits` and the rules above.
 * @throws PackageArchiveError when the archive is refused.
 */
export async function extractArchive(
  data: Buffer,
  format: ArchiveFormat,
  destDir: string,
  limits: ArchiveLimits,
): Promise<ExtractSummary> {
  if (data.length > limits.maxArchiveBytes) {
    throw new PackageArchiveError('archive_too_large', `the archive is larger than ${limits.maxArchiveBytes} bytes`);
  }
  const writer = new ArchiveWriter(destDir, limits);
  if (format === 'zip') await extractZip(data, writer, limits);
  else await extractTarGz(data, writer, limits);
  return writer.summary;
}

/** Writes checked entries below the destination; shared by the zip and tar readers. */
class ArchiveWriter {
  readonly summary: ExtractSummary = { files: 0, directories: 0, bytes: 0 };
  private readonly seen = new Set<string>();
  /** What each claimed path (and each folder implied by one) is: a file may not hold entries. */
  private readonly kinds = new Map<string, 'file' | 'dir'>();
  /** Entries claimed so far: tar entries are all claimed before any is written. */
  private claimed = 0;
  private readonly root: string;

  constructor(
    destDir: string,
    private readonly limits: ArchiveLimits,
  ) {
    this.root = path.resolve(destDir);
  }

  /**
   * Checks the entry count and name; returns the absolute target path, or undefined for the root
   * directory itself (`./`, which tar writes first and which needs nothing).
   */
  claim(name: string, isDirectory: boolean): string | undefined {
    if (this.claimed >= this.limits.maxEntries) {
      throw new PackageArchiveError('too_many_entries', `the archive has more than ${this.limits.maxEntries} entries`);
    }
    this.claimed += 1;
    const relative = safeRelativePath(name);
    if (relative === '') {
      if (isDirectory) return undefined;
      throw new PackageArchiveError('unsafe_path', `entry ${quoteName(name)} has an empty name`);
    }
    if (this.seen.has(relative)) {
      throw new PackageArchiveError('invalid_archive', `entry ${quoteName(name)} appears twice`);
    }
    this.seen.add(relative);
    this.checkKind(name, relative, isDirectory ? 'dir' : 'file');
    const target = path.resolve(this.root, relative);
    // Defence in depth: safeRelativePath already refused every way out.
    if (!target.startsWith(this.root + path.sep)) {
      throw new PackageArchiveError('unsafe_path', `entry ${quoteName(name)} points outside the package`);
    }
    return target;
  }

  /**
   * Refuses a file where an earlier entry needs a folder, or an entry inside an earlier file: the file
   * system would refuse them later with an error naming our own paths.
   */
  private checkKind(name: string, relative: string, kind: 'file' | 'dir'): void {
    const segments = relative.split('/');
    for (let end = 1; end < segments.length; end += 1) {
      const parent = segments.slice(0, end).join('/');
      if (this.kinds.get(parent) === 'file') {
        throw new PackageArchiveError('invalid_archive', `entry ${quoteName(name)} is inside ${quoteName(parent)}, which is a file`);
      }
      this.kinds.set(parent, 'dir');
    }
    if (kind === 'file' && this.kinds.get(relative) === 'dir') {
      throw new PackageArchiveError('invalid_archive', `entry ${quoteName(name)} is a file, but other entries are inside it`);
    }
    this.kinds.set(relative, kind);
  }

  /** Counts bytes about to be written against the uncompressed limit. */
  account(bytes: number): void {
    this.summary.bytes += bytes;
    if (this.summary.bytes > this.limits.maxUncompressedBytes) {
      throw new PackageArchiveError(
        'uncompressed_too_large',
        `the extracted files would exceed ${this.limits.maxUncompressedBytes} bytes`,
      );
    }
  }

  async directory(target: string): Promise<void> {
    await mkdir(target, { recursive: true, mode: 0o755 });
    await chmod(target, 0o755);
    this.summary.directories += 1;
  }

  async file(target: string, content: Buffer, executable: boolean): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    const mode = executable ? 0o755 : 0o644;
    // `wx`: never follow or replace something already there.
    await writeFile(target, content, { flag: 'wx', mode });
    await chmod(target, mode);
    this.summary.files += 1;
  }
}

/**
 * The entry name as a clean relative path ('' for the root itself, e.g. `./`), or
 * PackageArchiveError('unsafe_path'). A trailing slash (directory entries) is dropped.
 */
export function safeRelativePath(name: string): string {
  const refuse = (why: string): never => {
    throw new PackageArchiveError('unsafe_path', `entry ${quoteName(name)} ${why}`);
  };
  if (name === '' || name === '/') refuse('has an empty name');
  if (name.includes('\0')) refuse('contains a NUL byte');
  if (name.includes('\\')) refuse('contains a backslash');
  if (name.startsWith('/')) refuse('is an absolute path');
  if (/^[A-Za-z]:/.test(name)) refuse('starts with a drive letter');
  const segments = name.replace(/\/+$/, '').split('/');
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '..') refuse('contains ".."');
    if (segment === '' || segment === '.') continue;
    if (Buffer.byteLength(segment) > MAX_NAME_BYTES) refuse(`has a file or folder name that is too long (over ${MAX_NAME_BYTES} bytes)`);
    kept.push(segment);
  }
  const relative = kept.join('/');
  if (Buffer.byteLength(relative) > MAX_PATH_BYTES) refuse(`is a path that is too long (over ${MAX_PATH_BYTES} bytes)`);
  return relative;
}

/** Longest file or folder name most file systems take, bytes. */
const MAX_NAME_BYTES = 255;
/** Longest path inside a package, bytes: well below PATH_MAX once below an extraction or cache folder. */
const MAX_PATH_BYTES = 1024;

/** An entry name for a message: quoted, control characters escaped, cut short. */
function quoteName(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 117)}...` : name);
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

async function extractZip(data: Buffer, writer: ArchiveWriter, limits: ArchiveLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    // strictFileNames: backslashes stay in names so that safeRelativePath refuses them;
    // validateEntrySizes: a stream that inflates to more than its declared size errors out.
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw invalidArchive(error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new PackageArchiveError('too_many_entries', `the archive has more than ${limits.maxEntries} entries`);
    }
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      // Unix zips keep st_mode in the high 16 bits of the external attributes (made-by host 3).
      const unixMode = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
      const type = unixMode & S_IFMT;
      const isDirectoryName = entry.fileName.endsWith('/');
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
        throw new PackageArchiveError(
          'unsupported_entry',
          `entry ${quoteName(entry.fileName)} is not a regular file or directory (symlink or device)`,
        );
      }
      const target = writer.claim(entry.fileName, isDirectoryName || type === S_IFDIR);
      if (target === undefined) continue;
      if (isDirectoryName || type === S_IFDIR) {
        await writer.directory(target);
        continue;
      }
      if (entry.isEncrypted()) {
        throw new PackageArchiveError('invalid_archive', `entry ${quoteName(entry.fileName)} is encrypted`);
      }
      declared += entry.uncompressedSize;
      writer.account(entry.uncompressedSize);
      const content = await readZipEntry(zip, entry, limits.maxUncompressedBytes - (declared - entry.uncompressedSize));
      await writer.file(target, content, (unixMode & 0o111) !== 0);
    }
  } catch (error) {
    if (error instanceof PackageArchiveError) throw error;
    // Our disk failing is not the uploader's fault, and its message names our paths: not an invalid_archive.
    if (typeof (error as NodeJS.ErrnoException).syscall === 'string') throw error;
    // yauzl refuses the same names safeRelativePath does, sometimes first: report them as unsafe paths.
    const message = error instanceof Error ? error.message : String(error);
    if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(message)) {
      throw new PackageArchiveError('unsafe_path', `the archive has an unsafe entry name: ${message}`);
    }
    throw invalidArchive(error);
  } finally {
    zip.close();
  }
}

/** Reads one entry, never buffering more than `budget` bytes whatever its header claims. */
async function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > budget) {
        stream.destroy();
        throw new PackageArchiveError('uncompressed_too_large', `entry ${quoteName(entry.fileName)} inflates beyond the limit`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PackageArchiveError) throw error;
    // validateEntrySizes: the stream inflated to more (or less) than the header declares.
    const detail = error instanceof Error ? error.message : String(error);
    const lie = /^too many bytes in the stream/.test(detail)
      ? `inflates to more than the ${entry.uncompressedSize} bytes its header declares`
      : `cannot be read: ${detail}`;
    throw new PackageArchiveError('invalid_archive', `entry ${quoteName(entry.fileName)} ${lie}`);
  }
  return Buffer.concat(chunks);
}

/** Tar entry types extracted; anything else (links, devices, FIFOs) refuses the archive. */
const TAR_KEPT_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

/** Tar headers and padding on top of the file bytes: 512 B header (+ pax) and up to 511 B padding. */
const TAR_OVERHEAD_PER_ENTRY = 2048;

async function extractTarGz(data: Buffer, writer: ArchiveWriter, limits: ArchiveLimits): Promise<void> {
  let tarData: Buffer;
  try {
    // maxOutputLength stops inflating as soon as the output would pass the limit: a gzip bomb costs us
    // at most the limit in memory, never its full expansion.
    tarData = gunzipSync(data, {
      maxOutputLength: limits.maxUncompressedBytes + limits.maxEntries * TAR_OVERHEAD_PER_ENTRY + 10240,
    });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PackageArchiveError(
        'uncompressed_too_large',
        `the archive inflates beyond ${limits.maxUncompressedBytes} bytes of files`,
      );
    }
    throw invalidArchive(error);
  }
  const entries = await readTarEntries(tarData, writer);
  for (const entry of entries) {
    if (entry.kind === 'directory') await writer.directory(entry.target);
    else await writer.file(entry.target, entry.content, entry.executable);
  }
}

type TarItem =
  | { kind: 'directory'; target: string }
  | { kind: 'file'; target: string; content: Buffer; executable: boolean };

/** Parses the tar in memory, checking each entry as it comes; writes nothing. */
function readTarEntries(tarData: Buffer, writer: ArchiveWriter): Promise<TarItem[]> {
  return new Promise((resolve, reject) => {
    const items: TarItem[] = [];
    let failure: unknown;
    const parser = new Parser({ strict: true });
    const fail = (error: unknown): void => {
      if (failure === undefined) failure = error;
    };
    parser.on('entry', (entry: ReadEntry) => {
      if (failure !== undefined) {
        entry.resume();
        return;
      }
      try {
        if (!TAR_KEPT_TYPES.has(entry.type)) {
          throw new PackageArchiveError(
            'unsupported_entry',
            `entry ${quoteName(entry.path)} is a ${entry.type}, not a regular file or directory`,
          );
        }
        const target = writer.claim(entry.path, entry.type === 'Directory');
        if (target === undefined) {
          entry.resume();
          return;
        }
        if (entry.type === 'Directory') {
          items.push({ kind: 'directory', target });
          entry.resume();
          return;
        }
        writer.account(entry.size);
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          items.push({ kind: 'file', target, content: Buffer.concat(chunks), executable: ((entry.mode ?? 0) & 0o111) !== 0 });
        });
      } catch (error) {
        fail(error);
        entry.resume();
      }
    });
    parser.on('error', (error: unknown) => fail(invalidArchive(error)));
    parser.on('warn', (_code: string, message: string | Error) => fail(invalidArchive(message)));
    parser.on('end', () => (failure === undefined ? resolve(items) : reject(failure)));
    parser.end(tarData);
  });
}

function invalidArchive(error: unknown): PackageArchiveError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PackageArchiveError('invalid_archive', `the archive cannot be read: ${detail}`);
}

/**
 * The normalized tar.gz of a package directory (see the module comment). Only regular files and
 * directories are included.
 */
export async function createNormalizedArchive(dir: string): Promise<Buffer> {
  const entries = await listTree(dir, '');
  const stream = createTar(
    { cwd: dir, gzip: { level: 9 }, portable: true, mtime: new Date(0), noDirRecurse: true, strict: true },
    entries,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every file and directory below `dir`, relative, parents before children, in code-unit name order. */
async function listTree(root: string, relative: string): Promise<string[]> {
  const names = (await readdir(path.join(root, relative))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: string[] = [];
  for (const name of names) {
    const child = relative === '' ? name : `${relative}/${name}`;
    const info = await stat(path.join(root, child));
    if (info.isDirectory()) {
      result.push(`${child}/`);
      result.push(...(await listTree(root, child)));
    } else if (info.isFile()) {
      result.push(child);
    }
  }
  return result;
}
