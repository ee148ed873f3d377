/**
 * A Redis server of the fault tests' own (same redis-server and persistence settings as infra/setup.sh:
 * append-only file, no RDB snapshots), on its own port and data directory, so that restarting it disturbs
 * no other test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { freePort } from './free-port.js';
import { pollUntil } from './poll-until.js';
import { logTail, spawnProcess, type ServiceProcess } from './service-process.js';

export class PrivateRedis {
  private process: ServiceProcess | undefined;
  private readonly runs: ServiceProcess[] = [];

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** @param port where to listen (a port a service was told about before Redis existed); default a free one. */
  static async start(port?: number): Promise<PrivateRedis> {
    const server = new PrivateRedis(await mkdtemp(path.join(tmpdir(), 'juez-faults-redis-')), port ?? (await freePort()));
    try {
      await server.boot();
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server again on the same data directory (the append-only file is replayed). */
  async boot(): Promise<void> {
    if (this.process !== undefined) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', this.dir, '--logfile', ''];
    const run = spawnProcess(`redis :${this.port}`, 'redis-server', args, process.env as Record<string, string>);
    this.process = run;
    this.runs.push(run);
    await pollUntil(
      async () => {
        const client = createClient({ url: this.url, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
        client.on('error', () => {});
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } finally {
          client.destroy();
        }
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `redis-server on port ${this.port}`, explain: () => logTail(run) },
    );
  }

  /** SIGTERM: Redis flushes the append-only file and exits, as on `redis-cli shutdown`. */
  async shutdown(): Promise<void> {
    const run = this.process;
    this.process = undefined;
    await run?.stop('SIGTERM');
  }

  async destroy(): Promise<void> {
    await this.shutdown();
    await rm(this.dir, { recursive: true, force: true });
  }

  logs(): string {
    return this.runs.map((run) => logTail(run, 20)).join('\n');
  }
}
