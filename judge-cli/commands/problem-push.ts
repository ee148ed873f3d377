import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { createNormalizedArchive } from '../../common/package-archive.js';
import { readProblemPackage } from '../../common/problem/read-problem-package.js';
import type { UploadProgress } from '../api-client.js';
import type { ProblemView } from '../api-views.js';
import { formatKb } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addPoolOptions, type PoolCliOptions } from '../pool-options.js';
import { addServerOptions, connectToServer, type Environment } from '../server-options.js';
import { renderReport, verifyPackages, type VerifyReport } from './verify.js';

interface ProblemPushCliOptions extends PoolCliOptions {
  id?: string;
  course?: string;
  skipVerify?: boolean;
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * `judge-cli problem push <dir>`: verifies the package here first (`judge-cli verify`: every reference
 * submission must get its directory's verdict), then packs it (the normalized tar.gz the server stores) and
 * uploads it as a new version. Exits 0 when pushed, 1 when verification failed (nothing is pushed), 2 when
 * it could not push (invalid package, no Docker, server error).
 */
export function problemPushCommand(env: Environment): Command {
  const command = new Command('push')
    .description('verify a problem package locally, then upload it as a new version (course staff)')
    .argument('<dir>', 'problem package directory')
    .option('--id <problem-id>', 'problem id on the server (default: the directory name)')
    .option('--course <id>', 'course of the problem (needed for its first upload)')
    .option('--skip-verify', 'upload without judging the reference submissions first')
    .option('--json', 'print {verify, problem} as one JSON object')
    .addHelpText(
      'after',
      examplesHelp(
        'judge-cli problem push problems/hello --course cs101',
        'judge-cli problem push problems/aplusb --id aplusb-2025 --course cs101 --pool-size 4',
        'judge-cli problem push problems/hello --skip-verify --json',
      ),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 pushed, 1 a reference submission did not get its expected verdict (nothing pushed),\n' +
        '2 could not push (invalid package, Docker or server unreachable, an error answered by the server).',
    )
    .action(async (dir: string, options: ProblemPushCliOptions) => {
      process.exitCode = await pushProblem(dir, options, env);
    });
  return addServerOptions(addPoolOptions(command));
}

async function pushProblem(dir: string, options: ProblemPushCliOptions, env: Environment): Promise<number> {
  // Configuration first: a missing login should not cost a verification run.
  const client = await connectToServer(options, env);
  const problem = await readProblemPackage(dir);
  const json = options.json === true;

  let verified: VerifyReport | undefined;
  if (options.skipVerify !== true) {
    verified = await verifyPackages([dir], { ...options, quiet: json });
    if (json && !verified.ok) process.stdout.write(`${JSON.stringify({ verify: verified })}\n`);
    if (!json) process.stdout.write(`${renderReport(verified)}\n`);
    if (!verified.ok) {
      process.stderr.write('judge-cli: not pushed: fix the package or the submissions (--skip-verify pushes anyway)\n');
      return 1;
    }
  }

  const archive = await createNormalizedArchive(dir);
  const problemId = options.id ?? problem.shortName;
  const bar = process.stderr.isTTY && !json
    ? new cliProgress.SingleBar({ format: 'uploading [{bar}] {percentage}% {sent}/{size}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(archive.length, 0, { sent: formatKb(0), size: formatKb(archive.length / 1024) });
  let pushed: ProblemView;
  try {
    pushed = await client.upload<ProblemView>(
      `/api/v1/problems/${encodeURIComponent(problemId)}/versions`,
      { courseId: options.course },
      archive,
      'application/gzip',
      ({ sentBytes }: UploadProgress) => bar?.update(sentBytes, { sent: formatKb(sentBytes / 1024) }),
    );
  } finally {
    bar?.stop();
  }

  if (json) {
    process.stdout.write(`${JSON.stringify({ ...(verified !== undefined && { verify: verified }), problem: pushed })}\n`);
  } else {
    const tests = pushed.secretTestCount === undefined ? '' : `, ${pushed.secretTestCount} secret tests`;
    process.stdout.write(`pushed ${pushed.id} version ${pushed.version} (course ${pushed.courseId}${tests}, ${formatKb(archive.length / 1024)})\n`);
  }
  return 0;
}
