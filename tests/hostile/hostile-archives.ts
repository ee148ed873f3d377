/**
 * Archives no honest tool writes, built byte by byte: tar entries through the `tar` package's Header and
 * Pax encoders (so names, types and sizes are exactly what the test says, unsanitized), and zips with
 * overlapping entries, lying sizes, flags and Unix modes. Plus a small valid package to hide them in.
 */
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';

/** One tar entry. `size` defaults to the data's length; a larger one makes a header that lies. */
export interface TarEntrySpec {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO';
  data?: Buffer | string;
  mode?: number;
  linkpath?: string;
  size?: number;
  /** Put the path in a pax extended header (which overrides the ustar name) and `ustarPath` in the header. */
  paxPath?: boolean;
  ustarPath?: string;
  /** Give the path as a GNU long-name entry (`././@LongLink`, type L) before the header. */
  gnuLongName?: boolean;
}

const BLOCK = 512;

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

function header(fields: ConstructorParameters<typeof Header>[0]): Buffer {
  const block = Buffer.alloc(BLOCK);
  new Header(fields).encode(block, 0);
  return block;
}

/** The raw (uncompressed) tar of `entries`, with the two zero blocks that end an archive. */
export function rawTar(entries: readonly TarEntrySpec[], options: { end?: boolean } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'File';
    const data = Buffer.from(entry.data ?? '');
    const size = entry.size ?? (type === 'File' ? data.length : 0);
    let name = entry.path;
    if (entry.paxPath === true) {
      blocks.push(new Pax({ path: entry.path }).encode());
      name = entry.ustarPath ?? 'innocent';
    } else if (entry.gnuLongName === true) {
      const longName = Buffer.from(`${entry.path}\0`);
      blocks.push(header({ path: '././@LongLink', type: 'NextFileHasLongPath', size: longName.length, mode: 0o644 }), padded(longName));
      name = entry.ustarPath ?? 'innocent';
    }
    blocks.push(
      header({
        path: name,
        type,
        size,
        mode: entry.mode ?? (type === 'Directory' ? 0o755 : 0o644),
        mtime: new Date(0),
        ...(entry.linkpath !== undefined && { linkpath: entry.linkpath }),
      }),
    );
    if (data.length > 0) blocks.push(padded(data));
  }
  if (options.end !== false) blocks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(blocks);
}

/** rawTar, gzip'ed: what an upload with Content-Type application/gzip carries. */
export function tarGz(entries: readonly TarEntrySpec[]): Buffer {
  return gzipSync(rawTar(entries));
}

/** One zip entry; everything a header can say is settable. */
export interface ZipSpec {
  name: string | Buffer;
  data?: Buffer | string;
  /** Unix mode with type bits, stored as made-by Unix (default a plain file, 0o100644). */
  mode?: number;
  deflate?: boolean;
  /** Uncompressed size written in the headers instead of the real one. */
  declaredSize?: number;
  /** General-purpose flags (bit 0: encrypted). UTF-8 (bit 11) is always set. */
  flags?: number;
  /** Compression method written in the headers (default 8 when deflated, else 0). */
  method?: number;
  /**
   * Point this central-directory entry at the local header of entry number `overlap` instead of its
   * own data (the "overlapping files" zip bomb: one deflated stream, many entries).
   */
  overlap?: number;
}

/** A zip built from specs, central directory and end record included. */
export function hostileZip(entries: readonly ZipSpec[], options: { declaredEntries?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  const shapes: { crc: number; stored: number; size: number; method: number }[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8');
    const flags = 0x0800 | (entry.flags ?? 0);
    let shape: { crc: number; stored: number; size: number; method: number };
    let localOffset: number;
    if (entry.overlap !== undefined) {
      shape = shapes[entry.overlap] as (typeof shapes)[number];
      localOffset = offsets[entry.overlap] as number;
    } else {
      const stored = entry.deflate === true ? deflateRawSync(data) : data;
      shape = {
        crc: crc32(data),
        stored: stored.length,
        size: entry.declaredSize ?? data.length,
        method: entry.method ?? (entry.deflate === true ? 8 : 0),
      };
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(shape.method, 8);
      local.writeUInt32LE(shape.crc, 14);
      local.writeUInt32LE(shape.stored, 18);
      local.writeUInt32LE(shape.size, 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, stored);
      localOffset = offset;
      offset += local.length + name.length + stored.length;
    }
    offsets.push(localOffset);
    shapes.push(shape);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(shape.method, 10);
    central.writeUInt32LE(shape.crc, 16);
    central.writeUInt32LE(shape.stored, 20);
    central.writeUInt32LE(shape.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(localOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const count = options.declaredEntries ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files of a small valid package (relative path → content): one sample, one secret test. */
export function validPackageFiles(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    'problem.yaml': 'name: Echo\n',
    'data/sample/1.in': 'hi\n',
    'data/sample/1.ans': 'hi\n',
    'data/secret/1.in': 'secret\n',
    'data/secret/1.ans': 'secret\n',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(files).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

/** Tar entries of a file map (directories implied). */
export function tarEntriesOf(files: Record<string, string | Buffer>): TarEntrySpec[] {
  return Object.entries(files).map(([path, data]) => ({ path, data: Buffer.from(data) }));
}

/** Zip entries of a file map. */
export function zipEntriesOf(files: Record<string, string | Buffer>): ZipSpec[] {
  return Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data), deflate: true }));
}
