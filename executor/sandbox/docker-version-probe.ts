import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Language } from '../../common/language.js';
import { parseVersionProbeOutput, versionProbeScript, type ProbedVersion, VERSION_COMMAND_TIMEOUT_S } from '../../common/language-versions.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { DockerStreamDemuxer } from './docker-stream-demuxer.js';

export interface VersionProbeOptions {
  docker: Docker;
  image: string;
  languages: readonly Language[];
  /** The whole probe's deadline, ms (default: every command's own bound plus a margin). */
  timeoutMs?: number;
}

/** The sandbox user of the runtime image (executor/image/Dockerfile): version commands need no more. */
const PROBE_USER = '10000:10000';

/**
 * Reads every language's version from `image` by running common/language-versions.ts's probe script in
 * one short-lived container (no network, read-only root, removed when done): one container start for all
 * the languages, which run side by side. Resolves with one result per language of `languages`.
 * @throws SandboxError (culprit `image`) when the container cannot be created, run or read.
 */
export async function probeLanguageVersions(options: VersionProbeOptions): Promise<Map<string, ProbedVersion>> {
  const { docker, image, languages } = options;
  const nonce = randomBytes(8).toString('hex');
  const timeoutMs = options.timeoutMs ?? (VERSION_COMMAND_TIMEOUT_S + 15) * 1000;
  let container: Docker.Container;
  try {
    container = await docker.createContainer({
      Image: image,
      Entrypoint: ['/bin/sh', '-c', versionProbeScript(languages, nonce)],
      Cmd: [],
      User: PROBE_USER,
      Env: ['HOME=/tmp', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LC_ALL=C.UTF-8'],
      Labels: { 'juez.role': 'version-probe' },
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        // Twenty-odd toolchains start at once, three or four of them JVMs.
        Memory: 4 * 1024 * 1024 * 1024,
        PidsLimit: 1024,
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,size=256m,mode=1777' },
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        AutoRemove: true,
      },
    });
  } catch (error) {
    throw new SandboxError(`cannot create the version probe container of ${image}: ${(error as Error).message}`, 'image', { cause: error });
  }
  const chunks: Buffer[] = [];
  const demuxer = new DockerStreamDemuxer(
    (chunk) => chunks.push(Buffer.from(chunk)),
    (chunk) => chunks.push(Buffer.from(chunk)),
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const ended = new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        try {
          demuxer.push(chunk);
        } catch (error) {
          reject(error as Error);
        }
      });
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    await container.start();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    // The attach stream ends when the container exits (AutoRemove then removes it).
    await Promise.race([ended, deadline]);
  } catch (error) {
    await container.remove({ force: true }).catch(() => undefined);
    throw new SandboxError(`the version probe in ${image} failed: ${(error as Error).message}`, 'image', { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return parseVersionProbeOutput(Buffer.concat(chunks).toString('utf8'), languages, nonce);
}
