/**
 * A unix socket that forwards every connection, byte for byte, to the real Docker engine's socket: a Docker
 * engine that "comes up" at a path of the test's choosing when the proxy starts listening, without stopping
 * the shared daemon (which every other test uses). Hijacked attach streams pass through unchanged.
 */
import { rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** The engine's socket: DOCKER_HOST's when it names a unix socket, else the default. */
const ENGINE_SOCKET = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : '/var/run/docker.sock';

export class DockerSocketProxy {
  /** Connections forwarded so far. */
  connections = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  /** Listens on `path` (which must not exist yet). */
  static async listen(path: string): Promise<DockerSocketProxy> {
    // Half-open both ways: a client that ends its side (a closed stdin) must still get the engine's answer.
    const server = createServer({ allowHalfOpen: true });
    const proxy = new DockerSocketProxy(server, path);
    server.on('connection', (client) => proxy.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    return proxy;
  }

  /** Stops listening, cuts every forwarded connection and removes the socket file. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await rm(this.path, { force: true });
  }

  private forward(client: Socket): void {
    this.connections++;
    const engine = connect({ path: ENGINE_SOCKET, allowHalfOpen: true });
    this.sockets.add(client).add(engine);
    client.pipe(engine);
    engine.pipe(client);
    const end = (): void => {
      client.destroy();
      engine.destroy();
      this.sockets.delete(client);
      this.sockets.delete(engine);
    };
    client.on('close', end).on('error', end);
    engine.on('close', end).on('error', end);
  }
}
