import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
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

  it('follows build.sh’s rule on an odd folder: byte order, regular files only, not recursive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'juez-tag-'));
    try {
      await writeFile(join(dir, 'b'), 'second');
      await writeFile(join(dir, 'B'), 'upper case sorts first in C');
      await writeFile(join(dir, '.hidden'), 'dot files count');
      await writeFile(join(dir, 'é'), 'non-ASCII sorts last');
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'sub', 'ignored'), 'not at depth 1');
      await symlink(join(dir, 'b'), join(dir, 'link'));
      // The same pipeline as build.sh, on this folder.
      const script = `cd "$1" && mapfile -t f < <(find . -maxdepth 1 -type f -printf '%f\\n' | LC_ALL=C sort) && cat "\${f[@]}" | sha256sum | cut -c1-16`;
      const { stdout } = await run('bash', ['-c', script, 'bash', dir]);
      expect(await runtimeImageTag(dir)).toBe(`juez-runtime:${stdout.trim()}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
