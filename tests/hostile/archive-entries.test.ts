/**
 * Archive entries that try to leave the package or to be something other than a file: `..` and absolute
 * names (also hidden in pax headers and GNU long names), drive letters, backslashes, NUL bytes, symlinks
 * and hard links (and writing through them), devices, FIFOs, sockets, duplicates, a file where a folder
 * must be, names too long for a file system. Each is refused with 400 invalid_archive, a `reason` and a
 * message quoting the entry — and nothing is written outside the extraction folder.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostileZip, tarEntriesOf, tarGz, validPackageFiles, zipEntriesOf, type TarEntrySpec, type ZipSpec } from './hostile-archives.js';
import { startGuardedDispatcher, type GuardedDispatcher } from './upload-guard.js';

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
const tarWith = (...extra: TarEntrySpec[]): Buffer => tarGz([...tarEntriesOf(pkg), ...extra]);

describe('paths that leave the package', () => {
  /** `<BASE>` is replaced by the guarded folder: an absolute target that must stay absent. */
  const NAMES: [string, string][] = [
    ['../ at the start', '../../escaped.txt'],
    ['../ past the extraction folder', '../../../escaped.txt'],
    ['../ in the middle', 'data/../../../escaped.txt'],
    ['an absolute path', '<BASE>/abs-target.txt'],
    ['a drive letter', 'C:/escaped.txt'],
    ['backslashes', '..\\..\\escaped.txt'],
  ];
  const resolve = (name: string): string => name.replace('<BASE>', g.base);

  it.each([...NAMES, ['a NUL byte', 'problem.yaml\0../../escaped.txt']])('refuses a zip entry with %s', async (_what, name) => {
    const response = await g.upload(zipWith({ name: resolve(name), data: 'pwned' }), ZIP);
    await g.expectRefused(response, { status: 400, code: 'invalid_archive', reason: 'unsafe_path', message: /unsafe|entry/ });
  });

  it.each(NAMES)('refuses a tar entry with %s', async (_what, name) => {
    const response = await g.upload(tarWith({ path: resolve(name), data: 'pwned' }), GZIP);
    await g.expectRefused(response, {
      status: 400,
      code: 'invalid_archive',
      reason: 'unsafe_path',
      message: /^entry ".*" (contains|is an absolute|starts with)/,
    });
  });

  it('reads a tar name only up to a NUL byte (ustar or pax): what follows cannot escape', async () => {
    for (const paxPath of [false, true]) {
      const response = await g.upload(tarWith({ path: 'problem.yaml\0../../escaped.txt', data: 'pwned', paxPath }), GZIP);
      await g.expectRefused(response, { status: 400, code: 'invalid_archive', reason: 'invalid_archive', message: /^entry "problem.yaml" appears twice$/ });
    }
  });

  it('refuses traversal hidden in a pax header or a GNU long name (which override the ustar name)', async () => {
    const pax = await g.upload(tarWith({ path: '../../escaped.txt', data: 'pwned', paxPath: true }), GZIP);
    await g.expectRefused(pax, { status: 400, code: 'invalid_archive', reason: 'unsafe_path', message: /escaped\.txt.*\.\./ });
    const gnu = await g.upload(tarWith({ path: `${g.base}/abs-target.txt`, data: 'pwned', gnuLongName: true }), GZIP);
    await g.expectRefused(gnu, { status: 400, code: 'invalid_archive', reason: 'unsafe_path', message: /absolute path/ });
  });

  it('refuses a problem id that tries to leave the upload folder', async () => {
    for (const id of ['..', '%2e%2e', '..%2F..%2Fescaped', 'UPPER', 'a%00b']) {
      const response = await g.upload(hostileZip(zipEntriesOf(pkg)), ZIP, id);
      expect(response.status, `${id}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(typeof response.body?.error?.code).toBe('string');
    }
  });
});

describe('links, devices and other entry types', () => {
  it('refuses symlinks in zips: to outside, to inside, and the link-then-write-through trick', async () => {
    const cases: ZipSpec[][] = [
      [{ name: 'data', data: '/etc', mode: 0o120777 }],
      [{ name: 'statement.md', data: 'problem.yaml', mode: 0o120777 }],
      [{ name: 'attachments', data: '', mode: 0o040755 }, { name: 'attachments/link', data: '../../outside', mode: 0o120777 }, { name: 'attachments/link/pwned', data: 'x' }],
    ];
    for (const extra of cases) {
      const response = await g.upload(hostileZip([...zipEntriesOf(pkg), ...extra]), ZIP);
      await g.expectRefused(response, { status: 400, code: 'invalid_archive', reason: 'unsupported_entry', message: /not a regular file or directory/ });
    }
  });

  it('refuses symlinks and hard links in tars, including a link followed by a write through it', async () => {
    const cases: TarEntrySpec[][] = [
      [{ path: 'link', type: 'SymbolicLink', linkpath: '/etc/passwd' }],
      [{ path: 'sub', type: 'SymbolicLink', linkpath: g.outside }, { path: 'sub/pwned', data: 'x' }],
      [{ path: 'hard', type: 'Link', linkpath: '/etc/passwd' }],
      [{ path: 'hard', type: 'Link', linkpath: 'problem.yaml' }],
    ];
    for (const extra of cases) {
      await g.expectRefused(await g.upload(tarWith(...extra), GZIP), {
        status: 400,
        code: 'invalid_archive',
        reason: 'unsupported_entry',
        message: /is a (SymbolicLink|Link), not a regular file or directory/,
      });
    }
  });

  it('refuses devices, FIFOs and sockets', async () => {
    for (const type of ['CharacterDevice', 'BlockDevice', 'FIFO'] as const) {
      await g.expectRefused(await g.upload(tarWith({ path: 'dev', type }), GZIP), {
        status: 400,
        code: 'invalid_archive',
        reason: 'unsupported_entry',
        message: new RegExp(`is a ${type}`),
      });
    }
    for (const mode of [0o020644, 0o060644, 0o010644, 0o140644]) {
      await g.expectRefused(await g.upload(zipWith({ name: 'dev', mode }), ZIP), {
        status: 400,
        code: 'invalid_archive',
        reason: 'unsupported_entry',
        message: /"dev" is not a regular file or directory/,
      });
    }
  });

  it('refuses an entry that appears twice, or a file that another entry treats as a folder', async () => {
    const conflicts: [string, Buffer, string][] = [
      ['zip duplicate', hostileZip([...zipEntriesOf(pkg), { name: 'problem.yaml', data: 'name: Evil\n' }]), ZIP],
      ['tar duplicate', tarWith({ path: 'problem.yaml', data: 'name: Evil\n' }), GZIP],
      ['zip file then file below it', zipWith({ name: 'x', data: '1' }, { name: 'x/y', data: '2' }), ZIP],
      ['tar file then file below it', tarWith({ path: 'x', data: '1' }, { path: 'x/y', data: '2' }), GZIP],
      ['zip file below then file', zipWith({ name: 'x/y', data: '2' }, { name: 'x', data: '1' }), ZIP],
      ['tar file below then file', tarWith({ path: 'x/y', data: '2' }, { path: 'x', data: '1' }), GZIP],
      ['tar file then directory', tarWith({ path: 'x', data: '1' }, { path: 'x/', type: 'Directory' }), GZIP],
    ];
    for (const [what, body, type] of conflicts) {
      const response = await g.upload(body, type);
      await g.expectRefused(response, { status: 400, code: 'invalid_archive', message: /appears twice|inside|file/ });
      expect(response.body.error.details.reason, what).toBe('invalid_archive');
    }
  });

  it('refuses names too long for a file system with a clear message', async () => {
    const longSegment = `${'a'.repeat(300)}.txt`;
    const deep = Array.from({ length: 600 }, () => 'abcdefgh').join('/');
    for (const [body, type] of [
      [zipWith({ name: longSegment, data: 'x' }), ZIP],
      [tarWith({ path: longSegment, data: 'x', paxPath: true }), GZIP],
      [zipWith({ name: `${deep}/x`, data: 'x' }), ZIP],
      [tarWith({ path: `${deep}/x`, data: 'x', paxPath: true }), GZIP],
    ] as const) {
      await g.expectRefused(await g.upload(body, type), { status: 400, code: 'invalid_archive', reason: 'unsafe_path', message: /too long/ });
    }
  });
});
