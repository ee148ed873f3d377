/**
 * An LMS's webhook endpoint on 127.0.0.1: it can be down (nothing listens on its port: connections are
 * refused), up, or up but failing (answering `respond`'s status). Every request that reached it is kept.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './free-port.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  /** What the receiver answered. */
  status: number;
  receivedAt: number;
}

/** Chooses the answer to a request, given the ones received before it. */
export type WebhookResponder = (request: Omit<ReceivedWebhook, 'status'>, earlier: readonly ReceivedWebhook[]) => number;

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly port: number) {}

  /** A receiver with a port reserved for it, not listening yet (down). */
  static async reserve(): Promise<WebhookReceiver> {
    return new WebhookReceiver(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/juez`;
  }

  /** Starts answering, with `respond`'s status (default 204 for everything). */
  async up(respond: WebhookResponder = () => 204): Promise<void> {
    if (this.server !== undefined) throw new Error('the receiver is already up');
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const arrived = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
        const status = respond(arrived, this.received);
        this.received.push({ ...arrived, status });
        response.writeHead(status).end();
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  /** Stops listening and drops open connections: from now on connections are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
