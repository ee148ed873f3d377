/**
 * The runtime image's tag, and building it when it is missing. The tag rule is executor/image/build.sh's
 * (an integration test checks both agree): `juez-runtime:` + the first 16 hex digits of the sha256 of every
 * regular file directly in executor/image/, concatenated in byte order of their names (LC_ALL=C sort),
 * followed by the package lists of the languages the image carries (packages/<id>.txt, in byte order of
 * their names; every one unless JUEZ_IMAGE_LANGUAGES chooses some).
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

/**
 * The tag build.sh gives the image built from `imageDir` (default: this checkout's executor/image/) with the
 * packages of `languages` (ids; default: every language of packages/).
 * @throws SandboxError (culprit `image`) naming a language that has no packages/<id>.txt.
 */
export async function runtimeImageTag(imageDir = defaultImageDir(), languages?: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await regularFilesIn(imageDir)) hash.update(await readFile(join(imageDir, name)));
  for (const name of await chosenPackageLists(imageDir, languages)) hash.update(await readFile(join(imageDir, 'packages', name)));
  return `juez-runtime:${hash.digest('hex').slice(0, 16)}`;
}

/** find -maxdepth 1 -type f | LC_ALL=C sort: regular files only, symlinks excluded, byte order (not UTF-16). */
async function regularFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort(byBytes);
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The package lists (names in packages/) of the chosen languages, as build.sh picks them. */
async function chosenPackageLists(imageDir: string, languages: readonly string[] | undefined): Promise<string[]> {
  const all = (await regularFilesIn(join(imageDir, 'packages'))).filter((name) => name.endsWith('.txt'));
  if (languages === undefined || languages.length === 0) return all;
  const chosen = [...new Set(languages.map((id) => `${id}.txt`))].sort(byBytes);
  const missing = chosen.filter((name) => !all.includes(name));
  if (missing.length > 0) {
    const ids = missing.map((name) => name.slice(0, -'.txt'.length)).join(', ');
    throw new SandboxError(`JUEZ_IMAGE_LANGUAGES: no language ${ids} (no executor/image/packages/<id>.txt)`, 'image');
  }
  return chosen;
}

export interface EnsureRuntimeImageOptions {
  docker: Docker;
  imageDir?: string;
  /** Languages whose packages the image carries (JUEZ_IMAGE_LANGUAGES; default: every one). */
  languages?: readonly string[];
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
export async function ensureRuntimeImage({ docker, imageDir = defaultImageDir(), languages, onLog }: EnsureRuntimeImageOptions): Promise<string> {
  const tag = await runtimeImageTag(imageDir, languages);
  if (await imageExists(docker, tag)) return tag;
  const built = await runBuildScript(imageDir, languages ?? [], onLog);
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

function runBuildScript(imageDir: string, languages: readonly string[], onLog?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    // The selection is always given, so that a JUEZ_IMAGE_LANGUAGES this process inherited cannot differ from it.
    const env = { ...process.env, JUEZ_IMAGE_LANGUAGES: languages.join(',') };
    const child = spawn('bash', [join(imageDir, 'build.sh')], { stdio: ['ignore', 'pipe', 'pipe'], env });
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
