import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultImageDir, ensureRuntimeImage, runtimeImageTag } from '../../../executor/sandbox/runtime-image.js';
import { docker } from './sandbox-fixture.js';

const run = promisify(execFile);

describe('runtime image', () => {
  it('computes the same tag as build.sh', async () => {
    const { stdout } = await run('bash', [join(defaultImageDir(), 'build.sh')], { maxBuffer: 1 << 20 });
    const printed = stdout.trim().split('\n').pop();
    expect(await runtimeImageTag()).toBe(printed);
  }, 600_000);

  it('ensureRuntimeImage returns the tag of an image Docker has', async () => {
    const tag = await ensureRuntimeImage({ docker });
    expect(tag).toBe(await runtimeImageTag());
    await expect(docker.getImage(tag).inspect()).resolves.toBeDefined();
  }, 600_000);

  it('follows build.sh’s rule on an odd folder: byte order, regular files only, not recursive, chosen package lists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'juez-tag-'));
    try {
      await copyFile(join(defaultImageDir(), 'build.sh'), join(dir, 'build.sh'));
      await writeFile(join(dir, 'base-packages.txt'), 'bash\n');
      await writeFile(join(dir, 'build-base.sh'), 'exit 1\n');
      await writeFile(join(dir, 'b'), 'second');
      await writeFile(join(dir, 'B'), 'upper case sorts first in C');
      await writeFile(join(dir, '.hidden'), 'dot files count');
      await writeFile(join(dir, 'é'), 'non-ASCII sorts last');
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'sub', 'ignored'), 'not at depth 1');
      await symlink(join(dir, 'b'), join(dir, 'link'));
      await mkdir(join(dir, 'packages'));
      await writeFile(join(dir, 'packages', 'x.txt'), 'xpkg\n');
      await writeFile(join(dir, 'packages', 'Y.txt'), 'ypkg\n');
      await writeFile(join(dir, 'packages', 'README.md'), 'not a package list');
      const tagOf = async (languages: string): Promise<string> =>
        (await run('bash', [join(dir, 'build.sh'), '--tag'], { env: { ...process.env, JUEZ_IMAGE_LANGUAGES: languages } })).stdout.trim();

      const all = await runtimeImageTag(dir);
      expect(all).toBe(await tagOf(''));
      expect(all).toBe(await tagOf('all'));
      expect(await runtimeImageTag(dir, ['x'])).toBe(await tagOf('x'));
      expect(await runtimeImageTag(dir, ['x', 'Y', 'x'])).toBe(await tagOf('x,Y'));
      expect(await runtimeImageTag(dir, ['x', 'Y'])).toBe(all);
      expect(await runtimeImageTag(dir, ['x'])).not.toBe(all);
      await expect(runtimeImageTag(dir, ['cobol'])).rejects.toThrow('JUEZ_IMAGE_LANGUAGES: no language cobol');
      await expect(tagOf('x,cobol')).rejects.toThrow(/no language 'cobol'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
