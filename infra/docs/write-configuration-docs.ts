/**
 * `npm run docs:config`: writes docs/configuration.md from the configuration tables.
 *   --check   writes nothing; exits 1 when the committed page differs from what the tables give.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIGURATION_DOCS_FILE, renderConfigurationDocs } from './configuration-docs.js';

/** The repository root: the nearest directory above this file (compiled into dist/tools/infra/docs/) with a package.json. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const file = path.join(repoRoot(), CONFIGURATION_DOCS_FILE);
const page = renderConfigurationDocs();

if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== page) {
    process.stderr.write(`${CONFIGURATION_DOCS_FILE} is out of date: run npm run docs:config\n`);
    process.exitCode = 1;
  }
} else {
  await writeFile(file, page);
  process.stdout.write(`wrote ${CONFIGURATION_DOCS_FILE}\n`);
}
