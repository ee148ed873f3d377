/**
 * `judge-cli languages`: the versions read from this machine's runtime image (the probe an executor runs),
 * or with --server what the server's live executors advertise (issue 11).
 */
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguages } from '../../../common/languages.js';
import { ensureRuntimeImage } from '../../../executor/sandbox/runtime-image.js';
import { startTestDispatcher, type TestDispatcher } from '../dispatcher/dispatcher-test-kit.js';
import { spawnJudgeCli, STACK_LINE } from './spawn-judge-cli.js';

const docker = new Docker();
let t: TestDispatcher;
let image: string;

beforeAll(async () => {
  image = await ensureRuntimeImage({ docker });
  t = await startTestDispatcher();
  await t.advertise(undefined);
  await t.advertise({ python: '3.11.2', c: '12.2.0' }, 'exec-a');
});

afterAll(async () => {
  await t?.close();
});

/** What a command prints in the image, read independently of the probe (another flag, docker run). */
async function printedInImage(...cmd: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Entrypoint: cmd, Cmd: [], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString('latin1');
  } finally {
    await container.remove({ force: true });
  }
}

describe('judge-cli languages', () => {
  it('lists every language with the version read from the local runtime image', async () => {
    const run = await spawnJudgeCli(['languages', '--json', '--image', image], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { items } = JSON.parse(run.stdout) as { items: { id: string; available: boolean; version?: string }[] };
    expect(items.map((item) => item.id)).toEqual(loadLanguages().map((language) => language.id));
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get('c')).toMatchObject({ available: true });
    expect((await printedInImage('gcc', '-dumpfullversion')).trim()).toContain(byId.get('c')?.version);
    expect(await printedInImage('node', '-p', 'process.versions.node')).toContain(byId.get('javascript')?.version);
    for (const item of items) expect(item.available).toBe(item.version !== undefined);

    const table = await spawnJudgeCli(['languages', '--image', image], {});
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`\\bc\\b.*${(byId.get('c')?.version ?? '').replaceAll('.', '\\.')}`));
  });

  it('with --server prints what the server answers: the languages its executors serve', async () => {
    const run = await spawnJudgeCli(['languages', '--server', '--json'], { JUEZ_URL: t.url, JUEZ_TOKEN: t.token('alice', 'student') });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout);
    expect(listed).toEqual((await t.call('GET', '/api/v1/languages', { token: t.token('alice', 'student') })).body);
    expect(listed.items.filter((item: { available: boolean }) => item.available).map((item: { id: string }) => item.id)).toEqual(['c', 'python']);

    const table = await spawnJudgeCli(['languages', '--url', t.url, '--token', t.token('alice', 'student')], {});
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/python .*3\.11\.2/);
    expect(table.stdout).toMatch(/rust .*not available/);
  });

  it('refuses --image with --server in one line, exit 2', async () => {
    const run = await spawnJudgeCli(['languages', '--server', '--image', image], { JUEZ_URL: t.url, JUEZ_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^judge-cli: --image reads this machine’s image/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
