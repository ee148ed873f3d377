/** Problem packages and archives built by the tests (tar package, the `zip` command, or by hand). */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { create as createTar } from 'tar';

/** A small valid package: one sample, two secret tests, a statement. */
export async function writeSimplePackage(dir: string, options: { name?: string; secretAnswer?: string } = {}): Promise<void> {
  await mkdir(path.join(dir, 'data', 'sample'), { recursive: true });
  await mkdir(path.join(dir, 'data', 'secret'), { recursive: true });
  await mkdir(path.join(dir, 'problem_statement'), { recursive: true });
  await writeFile(path.join(dir, 'problem.yaml'), `name: ${options.name ?? 'Echo'}\nlimits:\n  memory: 128\n`);
  await writeFile(path.join(dir, '.timelimit'), '2\n');
  await writeFile(path.join(dir, 'problem_statement', 'problem.en.md'), '# Echo\n\nPrint the input.\n');
  await writeFile(path.join(dir, 'data', 'sample', '1.in'), 'sample input\n');
  await writeFile(path.join(dir, 'data', 'sample', '1.ans'), 'sample input\n');
  await writeFile(path.join(dir, 'data', 'secret', '1.in'), 'TOP SECRET INPUT\n');
  await writeFile(path.join(dir, 'data', 'secret', '1.ans'), `${options.secretAnswer ?? 'TOP SECRET ANSWER'}\n`);
  await writeFile(path.join(dir, 'data', 'secret', '2.in'), 'another secret\n');
  await writeFile(path.join(dir, 'data', 'secret', '2.ans'), 'another secret\n');
}

/** A temporary directory, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'juez-dispatcher-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** tar.gz of the contents of `dir` (files at the archive root). */
export async function tarGzOf(dir: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createTar({ gzip: true, cwd: dir, portable: true }, ['.']) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** zip of the folder `dir` (one top-level folder in the archive), with the `zip` command. */
export async function zipOf(dir: string): Promise<Buffer> {
  const out = path.join(path.dirname(dir), `${path.basename(dir)}.zip`);
  execFileSync('zip', ['-qr', out, path.basename(dir)], { cwd: path.dirname(dir) });
  const data = await readFile(out);
  await rm(out);
  return data;
}

export interface ZipEntrySpec {
  name: string;
  data?: Buffer;
  /** Unix mode including the type bits (e.g. 0o120777 for a symlink). */
  mode?: number;
  /** Deflate the data (default: stored). */
  deflate?: boolean;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
}

/** A zip built byte by byte, for names and modes no zip tool would write. */
export function handMadeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const stored = entry.deflate === true ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.deflate === true ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.deflate === true ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
