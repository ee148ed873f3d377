/**
 * The runtime image's tag, and building it when it is missing. The tag rule is executor/image/build.sh's
 * (an integration test checks both agree): `juez-runtime:` + the first 16 hex digits of the sha256 of every
 * regular file directly in executor/image/, concatenated in byte order of their names (LC_ALL=C sort).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { SandboxError } from '../judging/sandbox-error.js';

/**
 * executor/image/ of this checkout. The recipe is not compiled, so from dist/executor/sandbox/ it is three
 * levels further up than from executor/sandbox/.
 */
export function defaultImageDir(): string {
  const candidates = ['../image', '../../../executor/image'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'build.sh'))) ?? candidates[0]!;
}

/** The tag build.sh gives the image built from `imageDir` (default: this checkout's executor/image/). */
export async function runtimeImageTag(imageDir = defaultImageDir()): Promise<string> {
  const entries = await readdir(imageDir, { withFileTypes: true });
  // find -type f: regular files only, symlinks excluded; sort compares bytes, not UTF-16 code units.
  const names = entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('sha256');
  for (const name of names) hash.update(await readFile(join(imageDir, name)));
  return `juez-runtime:${hash.digest('hex').slice(0, 16)}`;
}

export interface EnsureRuntimeImageOptions {
  docker: Docker;
  imageDir?: string;
  /** Progress lines of a build (build.sh's stderr). */
  onLog?: (line: string) => void;
}

/** Lines of build output kept for the error message of a failed build. */
const LOG_TAIL_LINES = 30;

/**
 * Returns the runtime image's tag, running build.sh first when Docker does not have it (seconds when only
 * the runtime layer is missing, minutes when the Debian base layer is too). A failed build rejects with
 * SandboxError culprit `image` carrying the tail of the build log.
 */
export async function ensureRuntimeImage({ docker, imageDir = defaultImageDir(), onLog }: EnsureRuntimeImageOptions): Promise<string> {
  const tag = await runtimeImageTag(imageDir);
  if (await imageExists(docker, tag)) return tag;
  const built = await runBuildScript(imageDir, onLog);
  if (built !== tag) {
    // The recipe changed while building (someone editing executor/image/): use what was built.
    onLog?.(`[image] build.sh built ${built}, expected ${tag}`);
  }
  return built;
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw new SandboxError(`cannot inspect image ${tag}: ${(error as Error).message}`, 'image', { cause: error });
  }
}

function runBuildScript(imageDir: string, onLog?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(imageDir, 'build.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const tail: string[] = [];
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        onLog?.(line);
        tail.push(line);
        if (tail.length > LOG_TAIL_LINES) tail.shift();
      }
    });
    child.on('error', (error) =>
      reject(new SandboxError(`cannot run build.sh: ${error.message}`, 'image', { cause: error })),
    );
    child.on('close', (code, signal) => {
      if (partial) tail.push(partial);
      const tag = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && /^juez-runtime:[0-9a-f]{16}$/.test(tag)) return resolve(tag);
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      reject(new SandboxError(`building the runtime image failed: build.sh ${how}\n${tail.join('\n')}`, 'image'));
    });
  });
}
