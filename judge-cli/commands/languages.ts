import Table from 'cli-table3';
import { Command } from 'commander';
import { loadLanguages } from '../../common/languages.js';
import { probeLanguageVersions } from '../../executor/sandbox/docker-version-probe.js';
import type { LanguagesView } from '../api-views.js';
import { CliError } from '../cli-error.js';
import { colorsFor, PLAIN_TABLE_STYLE } from '../format.js';
import { examplesHelp } from '../help-examples.js';
import { addServerOptions, connectToServer, type Environment } from '../server-options.js';
import { openRuntimeImage } from '../start-judge.js';

interface LanguagesCliOptions {
  server?: boolean;
  image?: string;
  json?: boolean;
  url?: string;
  token?: string;
}

/**
 * `judge-cli languages`: every language juez knows, with the version of its toolchain read from the
 * runtime image. Here: from this machine's image (one short-lived container runs every version command,
 * as an executor does at start); with --server: what the server's live executors advertise. Exits 0 when
 * listed.
 */
export function languagesCommand(env: Environment): Command {
  const command = new Command('languages')
    .description('list the languages, with the versions read from the runtime image (here, or the server’s executors)')
    .option('--server', "ask the juez server: the languages its live executors serve (GET /api/v1/languages)")
    .option('--image <tag>', "runtime image to read the versions from (default: this checkout's, built if missing)")
    .option('--json', 'print {items: [{id, name, extensions, available, version}]} as one JSON object')
    .addHelpText(
      'after',
      examplesHelp('judge-cli languages', 'judge-cli languages --server', "judge-cli languages --json | jq -r '.items[] | select(.available) | .id'"),
    )
    .addHelpText(
      'after',
      "\nA language is available when its version command (common/languages.yaml) answers in the image; with\n" +
        '--server, when some live executor serves it. Exit status: 0 listed, 2 could not (no Docker, no image,\n' +
        'server unreachable or refusing the token).',
    )
    .action(async (options: LanguagesCliOptions) => {
      // --url or --token name a server: asking it is what they can mean.
      const server = options.server === true || options.url !== undefined || options.token !== undefined;
      if (server && options.image !== undefined) throw new CliError('--image reads this machine’s image: leave it out when asking the server');
      const view = server ? await fromServer(options, env) : await fromImage(options.image);
      if (options.json === true) process.stdout.write(`${JSON.stringify(view)}\n`);
      else process.stdout.write(`${renderLanguages(view)}\n`);
      process.exitCode = 0;
    });
  return addServerOptions(command);
}

async function fromServer(options: LanguagesCliOptions, env: Environment): Promise<LanguagesView> {
  const client = await connectToServer(options, env);
  return client.get<LanguagesView>('/api/v1/languages');
}

/** The same view as the server's, from the local image: available = the image answers the version command. */
async function fromImage(requested: string | undefined): Promise<LanguagesView> {
  const { docker, image } = await openRuntimeImage(requested, (line) => void process.stderr.write(`${line}\n`));
  const languages = loadLanguages();
  const probed = await probeLanguageVersions({ docker, image, languages });
  return {
    items: languages.map(({ id, name, extensions }) => {
      const result = probed.get(id);
      return result?.found === true ? { id, name, extensions, available: true, version: result.version } : { id, name, extensions, available: false };
    }),
  };
}

function renderLanguages({ items }: LanguagesView): string {
  const colors = colorsFor(process.stdout);
  const table = new Table({ head: ['id', 'name', 'version', 'extensions'], style: PLAIN_TABLE_STYLE });
  for (const item of items) {
    table.push([item.id, item.name, item.available ? (item.version ?? '') : colors.dim('not available'), item.extensions.join(' ')]);
  }
  return table.toString();
}
