/**
 * A RabbitMQ node of the fault tests' own: the same rabbitmq-server infra/setup.sh starts, under another
 * node name, on other ports, with its own data directory. Stopping and restarting it exercises exactly what
 * a broker restart does to juez, without breaking every other test (and developer) using the shared
 * broker at that moment.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { freePort } from './free-port.js';
import { pollUntil } from './poll-until.js';
import { logTail, spawnProcess, type ServiceProcess } from './service-process.js';

/** The server script itself: /usr/sbin/rabbitmq-server would switch to the rabbitmq user, who cannot write our directory. */
const SERVER_SCRIPT = ['/usr/lib/rabbitmq/bin/rabbitmq-server', '/usr/lib/rabbitmq/sbin/rabbitmq-server'].find((file) => existsSync(file)) ?? 'rabbitmq-server';
/** A first boot creates the node's database: ~10 s on a 2-core machine. */
const BOOT_TIMEOUT_MS = 90_000;

export class PrivateRabbitMq {
  private process: ServiceProcess | undefined;
  /** Output of every run of the node, for failure messages. */
  private readonly runs: ServiceProcess[] = [];

  private constructor(
    private readonly dir: string,
    private readonly nodeName: string,
    readonly port: number,
    private readonly distPort: number,
  ) {}

  /**
   * Creates the node and starts it; resolves once it accepts AMQP connections.
   * @param port its AMQP port (a port a service was told about before the broker existed); default a free one.
   */
  static async start(port?: number): Promise<PrivateRabbitMq> {
    const dir = await mkdtemp(path.join(tmpdir(), 'juez-faults-rabbitmq-'));
    const name = `juezfaults-${path.basename(dir).split('-').pop()}@localhost`;
    const node = new PrivateRabbitMq(dir, name, port ?? (await freePort()), await freePort());
    try {
      await node.boot();
    } catch (error) {
      await node.destroy();
      throw error;
    }
    return node;
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts the node again (same data: durable queues and their messages survive). */
  async boot(): Promise<void> {
    if (this.process !== undefined) return;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      RABBITMQ_NODENAME: this.nodeName,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: path.join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(this.dir, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(this.dir, 'enabled_plugins'),
      RABBITMQ_PID_FILE: path.join(this.dir, 'node.pid'),
    };
    const run = spawnProcess(`rabbitmq ${this.nodeName}`, SERVER_SCRIPT, [], env);
    this.process = run;
    this.runs.push(run);
    await pollUntil(
      async () => {
        if (this.process !== run) throw new Error('stopped while booting');
        const connection = await amqp.connect(this.url, { timeout: 2_000 });
        connection.on('error', () => {});
        await connection.close();
        return true;
      },
      { timeoutMs: BOOT_TIMEOUT_MS, intervalMs: 250, what: `RabbitMQ node ${this.nodeName} to accept connections`, explain: () => logTail(run) },
    );
  }

  /** Stops the node gracefully (the server script's SIGTERM handler runs `rabbitmqctl stop`'s equivalent). */
  async shutdown(): Promise<void> {
    const run = this.process;
    this.process = undefined;
    await run?.stop('SIGTERM');
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.boot();
  }

  /** Stops the node and deletes its data. */
  async destroy(): Promise<void> {
    await this.shutdown();
    await rm(this.dir, { recursive: true, force: true });
  }

  logs(): string {
    return this.runs.map((run) => logTail(run, 20)).join('\n');
  }
}
