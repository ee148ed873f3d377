/**
 * A SandboxSession spoken over one supervisor's stdin/stdout. The supervisor answers strictly in order, so
 * pending calls form a queue and every response must match the head of it; anything else means the stream
 * can no longer be trusted, and the client dies with every pending call rejected.
 */
import type { Duplex } from 'node:stream';
import type { ProcessSpec, RunFacts, SandboxOwner, SandboxSession } from '../judging/sandbox-session.js';
import { ProcessStartError } from '../judging/process-start-error.js';
import { SandboxError } from '../judging/sandbox-error.js';
import { parseRunFacts } from './run-facts.js';
import { wallLimitMs } from './run-spec.js';
import {
  encodeRequest,
  ResponseDecoder,
  type SupervisorRequest,
  type SupervisorResponse,
} from './supervisor-protocol.js';

export interface SupervisorClientOptions {
  /**
   * Time a request may take beyond its own work (a run's wall limit, a file's transfer) before the
   * supervisor is declared wedged and the client dies. Default 10 s.
   */
  marginMs?: number;
  /** Time a RESET may take: it kills processes and deletes up to ~900 MB of tmpfs. Default 30 s. */
  resetTimeoutMs?: number;
}

/** Slowest transfer we still call healthy, in bytes per ms (10 MB/s): sizes a PUT's timeout. */
const MIN_BYTES_PER_MS = 10_000;

interface Pending {
  id: number;
  request: SupervisorRequest['kind'];
  timeoutMs: number;
  timer?: NodeJS.Timeout;
  settle(response: SupervisorResponse): void;
  reject(error: SandboxError): void;
}

export class SupervisorClient implements SandboxSession {
  private readonly decoder = new ResponseDecoder();
  private readonly queue: Pending[] = [];
  private readonly marginMs: number;
  private readonly resetTimeoutMs: number;
  private nextId = 1;
  private isReady = false;
  private readyWaiters: { resolve(): void; reject(error: SandboxError): void }[] = [];
  private deathReason: SandboxError | undefined;
  private announceDeath!: (reason: SandboxError) => void;

  /** Resolves (never rejects) with the reason once the client is dead: stream ended, protocol broken, timeout. */
  readonly closed: Promise<SandboxError> = new Promise((resolve) => {
    this.announceDeath = resolve;
  });

  /** `stream`: writes go to the supervisor's stdin; reads are its stdout, already demultiplexed. */
  constructor(
    private readonly stream: Duplex,
    options: SupervisorClientOptions = {},
  ) {
    this.marginMs = options.marginMs ?? 10_000;
    this.resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
    stream.on('data', (chunk: Buffer) => this.receive(chunk));
    stream.on('end', () => this.die(new SandboxError('supervisor stream ended (container stopped)', 'sandbox')));
    stream.on('close', () => this.die(new SandboxError('supervisor stream closed (container stopped)', 'sandbox')));
    stream.on('error', (error: Error) =>
      this.die(new SandboxError(`supervisor stream failed: ${error.message}`, 'sandbox', { cause: error })),
    );
  }

  /** True once the client is unusable; every call then rejects at once. */
  get dead(): boolean {
    return this.deathReason !== undefined;
  }

  /** Waits for `READY 0`. Rejects if the client dies first or the supervisor stays silent for `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<void> {
    if (this.isReady) return Promise.resolve();
    if (this.deathReason) return Promise.reject(this.deathReason);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.die(new SandboxError(`supervisor did not say READY within ${timeoutMs} ms`, 'sandbox'));
      }, timeoutMs);
      const done = (): void => clearTimeout(timer);
      this.readyWaiters.push({
        resolve: () => (done(), resolve()),
        reject: (error) => (done(), reject(error)),
      });
    });
  }

  /** Marks the client dead (rejecting pending calls with `reason`) and closes the stream. Idempotent. */
  close(reason = 'supervisor client closed'): void {
    this.die(new SandboxError(reason, 'sandbox'));
  }

  async ping(): Promise<void> {
    await this.call({ kind: 'PING' });
  }

  /**
   * Cleans the container for the next submission (RESET, which verifies itself). Rejects with SandboxError
   * carrying the supervisor's list of what was left; the container must then be destroyed.
   */
  async reset(): Promise<void> {
    await this.call({ kind: 'RESET' });
  }

  async putFile(path: string, content: Buffer | string, owner: SandboxOwner, mode?: number): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // Sources need no more than owner access (/work is 0700); root files are for validators (group).
    const defaultMode = owner === 'sandbox' ? 0o644 : 0o640;
    await this.call({ kind: 'PUT', owner, path, mode: mode ?? defaultMode, content: bytes });
  }

  async makeDir(path: string, owner: SandboxOwner): Promise<void> {
    await this.call({ kind: 'MKDIR', owner, path });
  }

  async getFile(path: string): Promise<Buffer | undefined> {
    const response = await this.call({ kind: 'GET', path }, { missingIsFine: true });
    return response?.kind === 'DATA' ? response.data : undefined;
  }

  /** Removes a file or a directory tree below /judge; like `rm -rf`, a missing path is not an error. */
  async removePath(path: string): Promise<void> {
    await this.call({ kind: 'DEL', path }, { missingIsFine: true });
  }

  async run(procs: ProcessSpec[]): Promise<RunFacts> {
    const response = await this.call({ kind: 'RUN', procs });
    if (response?.kind !== 'RESULT') throw new SandboxError('RUN got no RESULT', 'sandbox');
    return parseRunFacts(response.json, response.stdout, response.stderr, procs.length);
  }

  private timeoutFor(request: SupervisorRequest): number {
    switch (request.kind) {
      case 'RUN':
        return Math.max(...request.procs.map(wallLimitMs)) + this.marginMs;
      case 'PUT':
        return this.marginMs + Math.ceil(request.content.length / MIN_BYTES_PER_MS);
      case 'RESET':
        return this.resetTimeoutMs;
      default:
        return this.marginMs;
    }
  }

  /** Which responses answer which request; ERR answers any of them. */
  private static readonly ANSWERS: Record<SupervisorRequest['kind'], SupervisorResponse['kind']> = {
    PING: 'OK',
    PUT: 'OK',
    GET: 'DATA',
    DEL: 'OK',
    MKDIR: 'OK',
    RUN: 'RESULT',
    RESET: 'OK',
  };

  private call(
    request: SupervisorRequest,
    { missingIsFine = false } = {},
  ): Promise<SupervisorResponse | undefined> {
    if (this.deathReason) return Promise.reject(this.deathReason);
    const id = this.nextId++;
    let frames: Buffer[];
    try {
      frames = encodeRequest(id, request); // throws before anything is written: the session stays usable
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        id,
        request: request.kind,
        timeoutMs: this.timeoutFor(request),
        reject,
        settle: (response) => {
          if (response.kind === 'ERR') {
            if (missingIsFine && response.message.startsWith('ENOENT')) resolve(undefined);
            else reject(refusal(request, id, response.message));
          } else if (response.kind === SupervisorClient.ANSWERS[request.kind]) {
            resolve(response);
          } else {
            const error = new SandboxError(`supervisor answered ${request.kind} ${id} with ${response.kind}`, 'sandbox');
            reject(error);
            this.die(error);
          }
        },
      };
      this.queue.push(entry);
      if (this.queue.length === 1) this.armHead();
      for (const frame of frames) this.stream.write(frame);
    });
  }

  /**
   * Starts the head request's clock. Requests are served one at a time, so a pipelined request's clock only
   * starts once everything before it is answered (and the supervisor has said READY).
   */
  private armHead(): void {
    const head = this.queue[0];
    if (!head || !this.isReady || head.timer) return;
    head.timer = setTimeout(() => {
      const why = `supervisor did not answer ${head.request} ${head.id} within ${head.timeoutMs} ms (wedged)`;
      this.die(new SandboxError(why, 'sandbox'));
    }, head.timeoutMs);
  }

  private receive(chunk: Buffer): void {
    if (this.deathReason) return;
    let responses: SupervisorResponse[];
    try {
      responses = this.decoder.push(chunk);
    } catch (error) {
      this.die(error as SandboxError);
      return;
    }
    for (const response of responses) {
      if (this.deathReason) return;
      if (response.kind === 'READY') {
        if (this.isReady) return this.die(new SandboxError('supervisor said READY twice (restarted?)', 'sandbox'));
        this.isReady = true;
        for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
        this.armHead();
        continue;
      }
      if (response.kind === 'ERR' && response.id === 0) {
        return this.die(new SandboxError(`supervisor lost sync and exits: ${response.message}`, 'sandbox'));
      }
      const head = this.queue[0];
      if (!this.isReady || !head || head.id !== response.id) {
        const expected = head ? `${head.request} ${head.id}` : 'nothing';
        return this.die(new SandboxError(`supervisor answered ${response.kind} ${response.id}, expected ${expected}`, 'sandbox'));
      }
      this.queue.shift();
      clearTimeout(head.timer);
      head.settle(response);
      this.armHead();
    }
  }

  private die(reason: SandboxError): void {
    if (this.deathReason) return;
    this.deathReason = reason;
    for (const entry of this.queue.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(reason);
    }
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(reason);
    this.stream.destroy();
    this.announceDeath(reason);
  }
}

/** The supervisor's refusal of a RUN whose process it could not start: `<ERRNO> sandbox setup of process <n> (<argv[0]>):
 * <step>: <strerror>`. */
const SETUP_FAILURE = /^(E[A-Z0-9]+) sandbox setup of process (\d+) \(.*\): ([a-z0-9 ]+): /;

/** The error for an ERR answer: a ProcessStartError when a RUN's process could not be started, else a SandboxError. */
function refusal(request: SupervisorRequest, id: number, message: string): SandboxError {
  const text = `supervisor refused ${request.kind} ${id}: ${message}`;
  const setup = SETUP_FAILURE.exec(message);
  const process = request.kind === 'RUN' && setup !== null ? request.procs[Number(setup[2])] : undefined;
  if (setup === null || process === undefined) return new SandboxError(text, 'sandbox');
  return new ProcessStartError(text, process, setup[3] ?? '', setup[1] ?? '');
}
