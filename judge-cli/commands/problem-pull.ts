import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { archiveHash, extractArchive, PackageArchiveError, type ArchiveLimits, type ExtractSummary } from '../../common/package-archive.js';
import { ApiError } from '../api-client.js';
import type { ProblemView } from '../api-views.js';
import { loadCliServerEnv, resolveServer, type ServerTarget } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { formatKb } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addServerOptions, connectToServer, SERVER_EXIT_CODES, type Environment } from '../server-options.js';

interface ProblemPullCliOptions {
  version?: number;
  out?: string;
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * What a downloaded archive may unpack to. Above the dispatcher's default upload limits (64 MiB, 5000
 * entries, 256 MiB unpacked), with room for a server that raised them; a server, or whatever answers in
 * its place, still cannot fill the disk or write outside the target directory. Extraction happens in
 * memory, so the unpacked limit is also the memory a pull may take.
 */
const PULL_LIMITS: ArchiveLimits = { maxArchiveBytes: 512 * 1024 * 1024, maxEntries: 50_000, maxUncompressedBytes: 1024 * 1024 * 1024 };

/** How long the download may take, ms: archives can be large, but a stalled server must not hang us. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * `judge-cli problem pull <id> [--version N] [--out DIR]`: downloads a version of a problem (default: the
 * latest) as the archive the server stores and writes the package back to disk, extracted with the same
 * safety rules as uploads (common/package-archive.ts). The directory appears complete or not at all.
 * Course staff only. Exits 0 when written, 2 otherwise.
 */
export function problemPullCommand(env: Environment): Command {
  const command = new Command('pull')
    .description('download a problem version and write its package to a directory (course staff)')
    .argument('<problem>', 'problem id')
    .option('--version <n>', 'version to download (default: the latest)', parseVersion)
    .option('--out <dir>', 'directory to create (default: ./<problem>); it must not exist, or be empty')
    .option('--json', 'print {problemId, version, dir, packageHash, files, bytes} as one JSON object')
    .addHelpText(
      'after',
      examplesHelp('judge-cli problem pull hello', 'judge-cli problem pull aplusb --version 3 --out aplusb-v3', 'judge-cli problem pull hello --out /tmp/hello --json'),
    )
    .addHelpText('after', SERVER_EXIT_CODES)
    .action(async (problemId: string, options: ProblemPullCliOptions) => {
      process.exitCode = await pullProblem(problemId, options, env);
    });
  return addServerOptions(command);
}

async function pullProblem(problemId: string, options: ProblemPullCliOptions, env: Environment): Promise<number> {
  const target = await resolveServer(options, loadCliServerEnv(env));
  const out = path.resolve(options.out ?? problemId);
  await checkFreeTarget(out);
  const version = options.version ?? (await latestVersion(options, env, problemId));
  const { archive, packageHash } = await downloadArchive(target, problemId, version);
  const summary = await writePackage(archive, out);

  const shown = path.relative(process.cwd(), out) || '.';
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ problemId, version, dir: out, packageHash, files: summary.files, bytes: summary.bytes })}\n`);
  } else {
    process.stdout.write(`pulled ${problemId} version ${version} into ${shown} (${summary.files} files, ${formatKb(summary.bytes / 1024)})\n`);
  }
  return 0;
}

/** @throws CliError when `out` exists and is not an empty directory: pulling never overwrites anything. */
async function checkFreeTarget(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory() || (await readdir(out)).length > 0) {
    throw new CliError(`${out} already exists and is not an empty directory: choose another --out`);
  }
}

async function latestVersion(options: ProblemPullCliOptions, env: Environment, problemId: string): Promise<number> {
  const client = await connectToServer(options, env);
  const problem = await client.get<ProblemView>(`/api/v1/problems/${encodeURIComponent(problemId)}`);
  return problem.latestVersion;
}

/**
 * GET the archive of a version; its sha256 must match the ETag the server sends (the version's package
 * hash), so a truncated or altered download is refused rather than extracted.
 * @throws ApiError for an error answer (403 for non-staff, 404), CliError when unreachable or corrupt.
 */
async function downloadArchive(target: ServerTarget, problemId: string, version: number): Promise<{ archive: Buffer; packageHash: string }> {
  const url = `${target.url}/api/v1/problems/${encodeURIComponent(problemId)}/versions/${version}/archive`;
  let response: Response;
  let body: Buffer;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/gzip' },
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const reason = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new CliError(`cannot download ${url}: ${reason}`);
  }
  if (!response.ok) throw errorAnswer(response, body);
  const packageHash = archiveHash(body);
  const etag = response.headers.get('etag')?.replace(/^W\//, '').replace(/"/g, '');
  if (etag !== undefined && etag !== packageHash) {
    throw new CliError(`${url}: the download is damaged (its sha256 is ${packageHash}, the server announced ${etag})`);
  }
  return { archive: body, packageHash };
}

/** The server's `{"error": {...}}` as an ApiError, or a CliError for an answer that is not juez's. */
function errorAnswer(response: Response, body: Buffer): Error {
  let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
  try {
    error = (JSON.parse(body.toString('utf8')) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  if (typeof error?.code !== 'string') {
    return new CliError(`${response.url}: HTTP ${response.status} ${response.statusText} (not a juez error response; is this a juez server?)`);
  }
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  return new ApiError(response.status, error.code, typeof error.message === 'string' ? error.message : '', details);
}

/**
 * Extracts into a fresh sibling directory, then renames it to `out`: an interrupted or refused pull
 * leaves nothing half-written behind.
 */
async function writePackage(archive: Buffer, out: string): Promise<ExtractSummary> {
  await mkdir(path.dirname(out), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(out), `.${path.basename(out)}.pull-`));
  try {
    const summary = await extractArchive(archive, 'tar.gz', staging, PULL_LIMITS);
    // mkdtemp made it 0700; the package's own directories are 0755.
    await chmod(staging, 0o755);
    // rename replaces an empty directory standing at `out` (the only kind checkFreeTarget lets through).
    await rename(staging, out);
    return summary;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof PackageArchiveError) throw new CliError(`the server sent an archive that cannot be extracted safely: ${error.message}`);
    throw error;
  }
}

function parseVersion(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('expected a version number (1, 2, …)');
  return value;
}
