/**
 * What listens on the dispatcher's port while it waits for Redis at start, before the Koa app exists (the
 * app needs Redis to be built). /health answers 200: the process is alive and restarting it would not bring
 * Redis sooner (Kubernetes' liveness probe must not kill it). /ready answers 503 `not_ready` with what is
 * awaited, as the app's /ready does when it loses a dependency; every other request gets the same 503 with
 * Retry-After, instead of a refused connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Seconds a client is told to wait before trying again. */
const RETRY_AFTER_S = 5;

export class StartingServer {
  private constructor(private readonly server: Server) {}

  /**
   * Listens on `host`:`port` (0: any free port; `port` then tells which).
   * @param checks each dependency's state, `ok` or `waiting: <why>`, read at every request.
   */
  static async listen(host: string, port: number, checks: () => Readonly<Record<string, string>>): Promise<StartingServer> {
    const server = createServer((request, response) => answer(request, response, checks()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new StartingServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops open connections (the real server takes over the port). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function answer(request: IncomingMessage, response: ServerResponse, checks: Readonly<Record<string, string>>): void {
  const path = (request.url ?? '/').split('?')[0];
  const waitingFor = Object.entries(checks)
    .filter(([, state]) => state !== 'ok')
    .map(([name]) => name);
  if (path === '/health') return send(response, 200, { status: 'ok' });
  const message =
    path === '/ready'
      ? 'Not ready: a dependency is unreachable.'
      : `The dispatcher is starting: it waits for ${waitingFor.join(' and ') || 'its dependencies'}; retry later.`;
  send(response, 503, { error: { code: 'not_ready', message, details: { checks } } }, { 'Retry-After': String(RETRY_AFTER_S) });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // No keep-alive: the connection must not outlive this server, which closes as soon as the app is built.
    Connection: 'close',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
