import { describe, expect, it } from 'vitest';
import { runJudgeCli } from './run-judge-cli.js';

/** Every judge-cli command, as typed after `judge-cli` (the empty one is the top-level help). */
const COMMANDS: readonly (readonly string[])[] = [
  [],
  ['judge'],
  ['verify'],
  ['languages'],
  ['login'],
  ['token'],
  ['problem'],
  ['problem', 'push'],
  ['problem', 'list'],
  ['problem', 'pull'],
  ['submit'],
  ['status'],
  ['rejudge'],
];

describe('judge-cli --help', () => {
  it.each(COMMANDS.map((command) => [command.join(' ') || '(top level)', command] as const))(
    '%s: exits 0 and shows examples',
    async (_name, command) => {
      const run = await runJudgeCli([...command, '--help']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\nExamples:\n {2}\$ judge-cli \S/);
      // Every example is for this command (the top level shows several).
      if (command.length > 0) expect(run.stdout).toContain(`$ judge-cli ${command.join(' ')} `);
      // A group ('problem') only lists its commands; everything that does something prints JSON on request.
      if (command.length > 0 && command.join(' ') !== 'problem') expect(run.stdout).toMatch(/^ {2}--json +\S/m);
    },
  );

  it('top level documents --json, exit status and the config file', async () => {
    const run = await runJudgeCli(['--help']);
    expect(run.stdout).toContain('Every command accepts --json');
    expect(run.stdout).toContain('Exit status:');
    expect(run.stdout).toContain('$JUEZ_CLI_CONFIG');
    expect(run.stdout).toContain('~/.config/juez/cli.json');
  });
});
