/**
 * Archives too big to take, however they hide it — zip and tar.gz bombs (high ratio, many entries,
 * overlapping entries, lying headers, nested), single files and bodies over the limits — and bodies that
 * are not archives at all. Each is refused with a 4xx, a stable code, a `reason` and a message naming the
 * limit or the entry, without inflating more than the limit, and leaves nothing behind.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostileZip, rawTar, tarEntriesOf, tarGz, validPackageFiles, zipEntriesOf, type ZipSpec } from './hostile-archives.js';
import { LIMITS, startGuardedDispatcher, type GuardedDispatcher } from './upload-guard.js';

const ZIP = 'application/zip';
const GZIP = 'application/gzip';

let g: GuardedDispatcher;
beforeAll(async () => {
  g = await startGuardedDispatcher();
});
afterAll(async () => {
  await g?.close();
});
afterEach(async () => {
  await g.expectNothingWritten();
});

const pkg = validPackageFiles();
const zipWith = (...extra: ZipSpec[]): Buffer => hostileZip([...zipEntriesOf(pkg), ...extra]);

describe('bombs', () => {
  it('refuses a zip whose one entry inflates far beyond the limit (ratio ~1000:1)', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = hostileZip([{ name: 'problem.yaml', data: '' }, { name: 'zeros.bin', data: zeros, deflate: true }]);
    expect(bomb.length).toBeLessThan(LIMITS.archiveBytes);
    await g.expectRefused(await g.upload(bomb, ZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: new RegExp(`exceed ${LIMITS.uncompressedBytes} bytes`),
    });
  });

  it('refuses a zip bomb whose headers lie about the size (declared 10 bytes, inflates to 64 MiB)', async () => {
    const bomb = hostileZip([{ name: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024), deflate: true, declaredSize: 10 }]);
    // Inflating stops at the first chunk past the declared size: an inconsistent archive, not a big one.
    await g.expectRefused(await g.upload(bomb, ZIP), {
      status: 400,
      code: 'invalid_archive',
      reason: 'invalid_archive',
      message: /^entry "zeros\.bin" inflates to more than the 10 bytes its header declares$/,
    });
  });

  it('refuses an overlapping-entries zip bomb (one deflated stream named by 40 entries)', async () => {
    const entries: ZipSpec[] = [{ name: 'f0', data: Buffer.alloc(100 * 1024), deflate: true }];
    for (let i = 1; i < 40; i += 1) entries.push({ name: `f${i}`, overlap: 0 });
    await g.expectRefused(await g.upload(hostileZip(entries), ZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: /exceed/,
    });
  });

  it('refuses a zip with too many entries, and one whose end record claims 65535 of them', async () => {
    const many = hostileZip(Array.from({ length: 5000 }, (_, i) => ({ name: `e/${i}` })));
    await g.expectRefused(await g.upload(many, ZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'too_many_entries',
      message: new RegExp(`more than ${LIMITS.entries} entries`),
    });
    const liar = hostileZip([{ name: 'problem.yaml', data: '' }], { declaredEntries: 65535 });
    const response = await g.upload(liar, ZIP);
    expect([400, 413]).toContain(response.status);
    expect(['invalid_archive', 'archive_too_large']).toContain(response.body.error.code);
  });

  it('stores a nested bomb (a zip inside the package) as an opaque file, never expanding it', async () => {
    const inner = hostileZip([{ name: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }]);
    const outer = zipWith({ name: 'attachments/inner.zip', data: inner });
    const response = await g.upload(outer, ZIP, 'nested');
    expect(response.status, response.text).toBe(201);
    const stored = await g.t.redis.strLen(g.t.keys.packageArchive(response.body.packageHash));
    expect(stored).toBeLessThan(inner.length + 64 * 1024);
  });

  it('refuses a tar.gz bomb (gzip of 64 MiB) before inflating it all', async () => {
    const bomb = gzipSync(rawTar([{ path: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(LIMITS.archiveBytes);
    await g.expectRefused(await g.upload(bomb, GZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: /inflates beyond/,
    });
  });

  it('refuses a tar with too many entries, and a header declaring a 3 GiB file', async () => {
    const many = tarGz(Array.from({ length: 200 }, (_, i) => ({ path: `e${i}`, data: '' })));
    await g.expectRefused(await g.upload(many, GZIP), { status: 413, code: 'archive_too_large', reason: 'too_many_entries', message: /entries/ });
    // Only the header: the 3 GiB it announces never arrive, and are never waited for.
    const huge = gzipSync(rawTar([{ path: 'huge.bin', size: 3 * 1024 ** 3 }], { end: false }));
    await g.expectRefused(await g.upload(huge, GZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: /exceed/,
    });
  });

  it('refuses a single file over the limit, honestly declared (zip) or in the tar stream', async () => {
    const big = Buffer.alloc(LIMITS.uncompressedBytes + 1, 'a');
    await g.expectRefused(await g.upload(hostileZip([{ name: 'big.txt', data: big, deflate: true }]), ZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: /exceed/,
    });
    await g.expectRefused(await g.upload(tarGz([{ path: 'big.txt', data: big }]), GZIP), {
      status: 413,
      code: 'archive_too_large',
      reason: 'uncompressed_too_large',
      message: /exceed|inflates beyond/,
    });
  });
});

describe('bodies that are not archives', () => {
  it('answers 413 for an archive over the size limit, declared or streamed', async () => {
    const big = Buffer.alloc(LIMITS.archiveBytes + 1, 1);
    const declared = await g.upload(big, ZIP);
    await g.expectRefused(declared, { status: 413, code: 'payload_too_large', message: /archive is larger than/ });
    // No Content-Length: counted as it streams in.
    const streamed = await fetch(`${g.t.url}/api/v1/problems/evil/versions?courseId=c1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.teacher}`, 'content-type': ZIP },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i += 1) controller.enqueue(new Uint8Array(LIMITS.archiveBytes / 4));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers 415 for a wrong or missing content type, listing the accepted ones', async () => {
    const archive = hostileZip(zipEntriesOf(pkg));
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/octet-stream', '']) {
      const response = await g.upload(archive, type);
      await g.expectRefused(response, { status: 415, code: 'unsupported_media_type', message: /is not accepted here; send application\/zip/ });
      expect(response.body.error.details.accepted).toContain('application/zip');
    }
  });

  it('refuses corrupt and mislabelled archives as invalid_archive', async () => {
    const good = hostileZip(zipEntriesOf(pkg));
    const goodTar = tarGz(tarEntriesOf(pkg));
    const cases: [string, Buffer, string][] = [
      ['empty body', Buffer.alloc(0), ZIP],
      ['random bytes', Buffer.from('not an archive at all'), ZIP],
      ['PK header then garbage', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), ZIP],
      ['zip cut in half', good.subarray(0, Math.floor(good.length / 2)), ZIP],
      ['zip labelled gzip', good, GZIP],
      ['tar.gz labelled zip', goodTar, ZIP],
      ['gzip cut short', goodTar.subarray(0, goodTar.length - 20), GZIP],
      ['gzip of text', gzipSync('just some text, no tar headers here'), GZIP],
      ['gzip magic then garbage', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(100, 3)]), GZIP],
      ['unknown compression method', zipWith({ name: 'x.bin', data: 'abc', method: 99 }), ZIP],
      ['encrypted entry', zipWith({ name: 'x.bin', data: 'abc', flags: 1 }), ZIP],
      ['deflate stream that is not deflate', hostileZip([{ name: 'problem.yaml', data: Buffer.alloc(64, 0xff), method: 8 }]), ZIP],
    ];
    for (const [what, body, type] of cases) {
      const response = await g.upload(body, type);
      expect(response.status, `${what}: ${response.text}`).toBe(400);
      await g.expectRefused(response, { status: 400, code: 'invalid_archive', message: /archive|entry/ });
    }
  });

  it('refuses a deflated problem.yaml whose stream inflates to more than declared', async () => {
    const body = hostileZip([{ name: 'problem.yaml', data: 'name: x\n'.repeat(100), deflate: true, declaredSize: 8 }]);
    const response = await g.upload(body, ZIP);
    expect([400, 413]).toContain(response.status);
    expect(['invalid_archive', 'archive_too_large']).toContain(response.body.error.code);
  });
});
