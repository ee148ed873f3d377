/**
 * docs/configuration.md is generated from the configuration tables (`npm run docs:config`): this fails when
 * a table changed and the page was not regenerated. No network: it could run with the unit tests.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPATCHER_CONFIG_TABLE } from '../../../dispatcher/config.js';
import { EXECUTOR_CONFIG_TABLE } from '../../../executor/service/config.js';
import { CLI_SERVER_ENV_TABLE } from '../../../judge-cli/cli-config.js';
import { CONFIGURATION_DOCS_FILE, renderConfigurationDocs } from '../../../infra/docs/configuration-docs.js';
import { REPO } from './run-script.js';

describe('docs/configuration.md', () => {
  it('is what npm run docs:config generates from the configuration tables', async () => {
    const committed = await readFile(path.join(REPO, CONFIGURATION_DOCS_FILE), 'utf8');
    expect(committed, `${CONFIGURATION_DOCS_FILE} is out of date: run npm run docs:config`).toBe(renderConfigurationDocs());
  });

  it('has a row for every variable of each table, with its description', () => {
    const rows = renderConfigurationDocs().split('\n');
    const tables = [DISPATCHER_CONFIG_TABLE, EXECUTOR_CONFIG_TABLE, CLI_SERVER_ENV_TABLE];
    for (const entry of tables.flatMap((table) => Object.values(table))) {
      const description = entry.description.slice(0, 30).replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(rows.some((row) => row.startsWith(`| \`${entry.name}\` |`) && row.includes(description)), entry.name).toBe(true);
    }
    const count = rows.filter((row) => row.startsWith('| `')).length;
    expect(count).toBe(tables.reduce((sum, table) => sum + Object.keys(table).length, 0));
  });

  it('shows no value that depends on the machine it was generated on', () => {
    const page = renderConfigurationDocs();
    expect(page).toMatch(/^\| `JUEZ_EXECUTOR_NAME` \| the host name \|/m);
    expect(page).toMatch(/^\| `JUEZ_POOL_SIZE` \| the number of CPUs \|/m);
    expect(page).not.toContain(process.env.HOME ?? '/nonexistent-home');
  });
});
