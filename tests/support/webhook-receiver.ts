/**
 * An LMS's webhook endpoint on 127.0.0.1: it can be down (nothing listens on its port: connections are
 * refused), up, up but failing (answering `respond`'s status), or up but slow: answering late, never, or
 * trickling its answer a byte at a time. Every request that reached it is kept.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './free-port.js';

/**
 * A slow answer. `late`: the whole answer after `delayMs`. `never`: none at all; the connection stays open
 * until the client gives up. `trickle`: the status line and headers one byte every `delayMs`. `trickle-body`:
 * status and headers at once, then a body of `bodyBytes` bytes, one byte every `delayMs`.
 */
export interface SlowAnswer {
  mode: 'late' | 'never' | 'trickle' | 'trickle-body';
  /** The status answered (if the client waits long enough to see it). */
  status: number;
  delayMs: number;
  bodyBytes?: number;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  /** What the receiver answered, or meant to answer. */
  status: number;
  /** How it answered: undefined for at once. */
  slow?: SlowAnswer['mode'];
  receivedAt: number;
  /** When the connection closed (the client finished or gave up), ms since epoch; undefined while open. */
  closedAt?: number;
}

/** Chooses the answer to a request (a status, or a slow answer), given the ones received before it. */
export type WebhookResponder = (request: Omit<ReceivedWebhook, 'status'>, earlier: readonly ReceivedWebhook[]) => number | SlowAnswer;

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;
  private respond: WebhookResponder = () => 204;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly port: number) {}

  /** A receiver with a port reserved for it, not listening yet (down). */
  static async reserve(): Promise<WebhookReceiver> {
    return new WebhookReceiver(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/juez`;
  }

  /** Starts answering, with `respond`'s answer (default 204 at once for everything). */
  async up(respond: WebhookResponder = () => 204): Promise<void> {
    if (this.server !== undefined) throw new Error('the receiver is already up');
    this.respond = respond;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const arrived = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
        const answer = this.respond(arrived, this.received);
        const record: ReceivedWebhook =
          typeof answer === 'number' ? { ...arrived, status: answer } : { ...arrived, status: answer.status, slow: answer.mode };
        this.received.push(record);
        response.on('close', () => (record.closedAt = Date.now()));
        if (typeof answer === 'number') response.writeHead(answer).end();
        else answerSlowly(response, answer);
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

  /** Answers the requests from now on with `respond` (the receiver stays up). */
  answerWith(respond: WebhookResponder): void {
    this.respond = respond;
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

/** Writes `answer` the slow way; every timer stops when the client goes away. */
function answerSlowly(response: ServerResponse, answer: SlowAnswer): void {
  const timers = new Set<NodeJS.Timeout>();
  response.on('close', () => timers.forEach(clearTimeout));
  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) action();
    }, ms);
    timers.add(timer);
  };
  const dribble = (bytes: Buffer, write: (byte: Buffer) => void, done: () => void, at = 0): void =>
    later(answer.delayMs, () => {
      write(bytes.subarray(at, at + 1));
      if (at + 1 < bytes.length) dribble(bytes, write, done, at + 1);
      else done();
    });
  switch (answer.mode) {
    case 'late':
      later(answer.delayMs, () => response.writeHead(answer.status).end());
      return;
    case 'never':
      return;
    case 'trickle': {
      // Raw bytes on the socket: the client sees an answer begin, never one complete.
      const head = Buffer.from(`HTTP/1.1 ${answer.status} OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      const socket = response.socket;
      if (socket === null) return;
      dribble(head, (byte) => socket.write(byte), () => socket.end());
      return;
    }
    case 'trickle-body': {
      const body = Buffer.alloc(answer.bodyBytes ?? 1024, 'x');
      response.writeHead(answer.status, { 'content-length': String(body.length) });
      response.flushHeaders();
      dribble(body, (byte) => response.write(byte), () => response.end());
      return;
    }
  }
}
