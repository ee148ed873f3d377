import { mkdir, readFile, readdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  archiveHash,
  createNormalizedArchive,
  detectArchiveFormat,
  extractArchive,
  PackageArchiveError,
  safeRelativePath,
} from '../../../common/package-archive.js';
import { handMadeZip, tarGzOf, tempDir } from '../../integration/dispatcher/test-packages.js';

const limits = { maxArchiveBytes: 1024 * 1024, maxEntries: 20, maxUncompressedBytes: 64 * 1024 };

async function refusal(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageArchiveError);
  return (error as PackageArchiveError).code;
}

describe('safeRelativePath', () => {
  it('cleans harmless names and refuses every way out', () => {
    expect(safeRelativePath('data/sample/1.in')).toBe('data/sample/1.in');
    expect(safeRelativePath('./data//x/')).toBe('data/x');
    expect(safeRelativePath('./')).toBe('');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a\0b', '']) {
      expect(() => safeRelativePath(bad), bad).toThrow(PackageArchiveError);
    }
  });
});

describe('extractArchive', () => {
  it('extracts zips and tarballs with normalized modes', async () => {
    const { dir, remove } = await tempDir();
    try {
      const zip = handMadeZip([
        { name: 'pkg/', mode: 0o040755 },
        { name: 'pkg/run.sh', data: Buffer.from('#!/bin/sh\n'), mode: 0o100775, deflate: true },
        { name: 'pkg/data.txt', data: Buffer.from('x'), mode: 0o100600 },
      ]);
      expect(detectArchiveFormat(zip)).toBe('zip');
      await mkdir(path.join(dir, 'out'));
      const summary = await extractArchive(zip, 'zip', path.join(dir, 'out'), limits);
      expect(summary).toEqual({ files: 2, directories: 1, bytes: 11 });
      expect((await stat(path.join(dir, 'out/pkg/run.sh'))).mode & 0o777).toBe(0o755);
      expect((await stat(path.join(dir, 'out/pkg/data.txt'))).mode & 0o777).toBe(0o644);

      const tarball = await tarGzOf(path.join(dir, 'out'));
      expect(detectArchiveFormat(tarball)).toBe('tar.gz');
      await mkdir(path.join(dir, 'again'));
      await extractArchive(tarball, 'tar.gz', path.join(dir, 'again'), limits);
      expect(await readFile(path.join(dir, 'again/pkg/run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    } finally {
      await remove();
    }
  });

  it('refuses symlinks in tarballs and zips, and writes nothing outside', async () => {
    const { dir, remove } = await tempDir();
    try {
      await mkdir(path.join(dir, 'src'));
      await symlink('/etc/passwd', path.join(dir, 'src', 'link'));
      await mkdir(path.join(dir, 'out'));
      expect(await refusal(async () => extractArchive(await tarGzOf(path.join(dir, 'src')), 'tar.gz', path.join(dir, 'out'), limits))).toBe(
        'unsupported_entry',
      );
      expect(await refusal(() => extractArchive(handMadeZip([{ name: 'l', data: Buffer.from('/'), mode: 0o120777 }]), 'zip', path.join(dir, 'out'), limits))).toBe(
        'unsupported_entry',
      );
      expect(await refusal(() => extractArchive(handMadeZip([{ name: '../escape', data: Buffer.from('x') }]), 'zip', path.join(dir, 'out'), limits))).toBe(
        'unsafe_path',
      );
      expect(await readdir(dir)).toEqual(['out', 'src']);
    } finally {
      await remove();
    }
  });

  it('refuses bombs by declared and by actual size, and too many entries', async () => {
    const { dir, remove } = await tempDir();
    try {
      const out = path.join(dir, 'out');
      await mkdir(out);
      const declared = handMadeZip([{ name: 'big', data: Buffer.alloc(128 * 1024), deflate: true }]);
      expect(await refusal(() => extractArchive(declared, 'zip', out, limits))).toBe('uncompressed_too_large');
      // Headers that lie (4 bytes declared, 128 KiB inside) do not help.
      const lying = handMadeZip([{ name: 'liar', data: Buffer.alloc(128 * 1024), deflate: true, declaredSize: 4 }]);
      expect(['uncompressed_too_large', 'invalid_archive']).toContain(await refusal(() => extractArchive(lying, 'zip', out, limits)));
      const many = handMadeZip(Array.from({ length: 21 }, (_, i) => ({ name: `f${i}` })));
      expect(await refusal(() => extractArchive(many, 'zip', out, limits))).toBe('too_many_entries');
      expect(await refusal(() => extractArchive(Buffer.alloc(2 * 1024 * 1024), 'zip', out, limits))).toBe('archive_too_large');
      expect(await refusal(() => extractArchive(Buffer.from('not a zip at all'), 'zip', out, limits))).toBe('invalid_archive');
    } finally {
      await remove();
    }
  });
});

describe('createNormalizedArchive', () => {
  it('gives the same bytes for the same content, whatever the timestamps and creation order', async () => {
    const { dir, remove } = await tempDir();
    try {
      const a = path.join(dir, 'a');
      const b = path.join(dir, 'b');
      await mkdir(path.join(a, 'data'), { recursive: true });
      await writeFile(path.join(a, 'data', 'x.in'), '1\n');
      await writeFile(path.join(a, 'problem.yaml'), 'name: X\n');
      await mkdir(b);
      await writeFile(path.join(b, 'problem.yaml'), 'name: X\n');
      await mkdir(path.join(b, 'data'));
      await writeFile(path.join(b, 'data', 'x.in'), '1\n');
      await utimes(path.join(b, 'problem.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
      const first = await createNormalizedArchive(a);
      const second = await createNormalizedArchive(b);
      expect(archiveHash(first)).toBe(archiveHash(second));
      await writeFile(path.join(b, 'data', 'x.in'), '2\n');
      expect(archiveHash(await createNormalizedArchive(b))).not.toBe(archiveHash(first));
      // And it extracts back to the same files, at the archive root.
      await mkdir(path.join(dir, 'c'));
      await extractArchive(first, 'tar.gz', path.join(dir, 'c'), limits);
      expect((await readdir(path.join(dir, 'c'))).sort()).toEqual(['data', 'problem.yaml']);
    } finally {
      await remove();
    }
  });
});
