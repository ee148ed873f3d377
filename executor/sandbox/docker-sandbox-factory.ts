/**
 * Creates, starts and destroys sandbox containers through the Docker Engine API. The only module that
 * talks to containers; the pool sees them through SandboxFactory.
 */
import { randomBytes } from 'node:crypto';
import { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { SandboxError } from '../judging/sandbox-error.js';
import { DEFAULT_INSTALLATION_LIMITS } from '../../common/problem/installation-limits.js';
import { loadLanguages } from '../../common/languages.js';
import { sandboxMemoryCeilingBytes } from './sandbox-memory-ceiling.js';
import type { PoolSandbox, SandboxFactory, SandboxLogger } from './sandbox-factory.js';
import { DockerStreamDemuxer } from './docker-stream-demuxer.js';
import { SupervisorClient, type SupervisorClientOptions } from './supervisor-client.js';

export interface DockerSandboxFactoryOptions {
  docker: Docker;
  /** The runtime image tag (ensureRuntimeImage()). */
  image: string;
  /**
   * The container's memory ceiling, bytes; no swap. Per-run limits are the supervisor's. Default: room for
   * the default installation's largest run (sandboxMemoryCeilingBytes).
   */
  memoryCeilingBytes?: number;
  /**
   * CPUs the containers may run on, as Docker's `--cpuset-cpus` (`0-3`, `1,3`); default any. Each container
   * still gets one CPU's worth of time: this only says where (a host shared with other work, or one
   * executor per core).
   */
  cpuset?: string;
  /** How long a new container may take to print READY. Default 30 s. */
  readyTimeoutMs?: number;
  client?: SupervisorClientOptions;
  log?: SandboxLogger;
}

/** Lines of supervisor stderr kept to explain a container that failed to start. */
const STDERR_TAIL_LINES = 20;

export class DockerSandboxFactory implements SandboxFactory {
  private readonly docker: Docker;
  private readonly image: string;
  private readonly memoryCeilingBytes: number;
  private readonly cpuset: string | undefined;
  private readonly readyTimeoutMs: number;
  private readonly clientOptions: SupervisorClientOptions;
  private readonly log: SandboxLogger;

  constructor(options: DockerSandboxFactoryOptions) {
    this.docker = options.docker;
    this.image = options.image;
    this.memoryCeilingBytes = options.memoryCeilingBytes ?? sandboxMemoryCeilingBytes(DEFAULT_INSTALLATION_LIMITS, loadLanguages());
    this.cpuset = options.cpuset;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    this.clientOptions = options.client ?? {};
    this.log = options.log ?? (() => {});
  }

  /** Creates a container, attaches to it before starting it (no early output is lost), waits for READY. */
  async create(poolName: string): Promise<PoolSandbox> {
    const container = await this.docker.createContainer(this.createBody(poolName)).catch((error: Error) => {
      const culprit = (error as { statusCode?: number }).statusCode === 404 ? 'image' : 'sandbox';
      throw new SandboxError(`cannot create a sandbox container: ${error.message}`, culprit, { cause: error });
    });
    const id = container.id.slice(0, 12);
    const stderrTail: string[] = [];
    let socket: NodeJS.ReadWriteStream | undefined;
    try {
      socket = await container.attach({ stream: true, hijack: true, stdin: true, stdout: true, stderr: true });
      const session = new SupervisorClient(this.supervisorStream(socket, id, stderrTail), this.clientOptions);
      await container.start();
      await session.waitReady(this.readyTimeoutMs);
      return { id, session };
    } catch (error) {
      socket?.end();
      await this.remove(container.id);
      const stderr = stderrTail.length > 0 ? `; supervisor stderr:\n${stderrTail.join('\n')}` : '';
      throw new SandboxError(`sandbox ${id} did not start: ${(error as Error).message}${stderr}`, 'sandbox', {
        cause: error,
      });
    }
  }

  async destroy(sandbox: PoolSandbox): Promise<void> {
    if (sandbox.session instanceof SupervisorClient) sandbox.session.close(`sandbox ${sandbox.id} destroyed`);
    await this.remove(sandbox.id);
  }

  async removeLeftovers(poolName: string): Promise<number> {
    const leftovers = await this.docker.listContainers({
      all: true,
      filters: { label: ['juez.role=sandbox', `juez.pool=${poolName}`] },
    });
    await Promise.all(leftovers.map((info) => this.remove(info.Id)));
    return leftovers.length;
  }

  /**
   * `docker run` flags of the design, as an Engine API create body: no network, no swap, one CPU (on the
   * configured cpuset, if any), 128 pids, read-only root with three tmpfs, every capability dropped but
   * SETUID/SETGID (the supervisor switches users), stdin kept open for the protocol.
   */
  private createBody(poolName: string): Docker.ContainerCreateOptions {
    const name = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(poolName)
      ? `juez-sandbox-${poolName}-${randomBytes(4).toString('hex')}`
      : undefined;
    return {
      name,
      Image: this.image,
      Labels: { 'juez.role': 'sandbox', 'juez.pool': poolName },
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: false,
      Tty: false,
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Memory: this.memoryCeilingBytes,
        MemorySwap: this.memoryCeilingBytes,
        NanoCpus: 1_000_000_000,
        ...(this.cpuset === undefined ? {} : { CpusetCpus: this.cpuset }),
        PidsLimit: 128,
        ReadonlyRootfs: true,
        Tmpfs: {
          '/work': 'rw,exec,nosuid,size=256m,uid=10000,gid=10000,mode=0700',
          '/tmp': 'rw,exec,nosuid,size=128m,mode=1777',
          '/judge': 'rw,exec,nosuid,size=512m,uid=0,gid=10001,mode=0750',
        },
        ShmSize: 16 * 1024 * 1024,
        CapDrop: ['ALL'],
        CapAdd: ['SETUID', 'SETGID'],
        SecurityOpt: ['no-new-privileges'],
        Ulimits: [
          { Name: 'nofile', Soft: 1024, Hard: 1024 },
          { Name: 'core', Soft: 0, Hard: 0 },
        ],
        IpcMode: 'private',
        // Every RESULT travels over stdout: a logging driver would copy all program output to disk. The
        // supervisor's stderr reaches our logger through the attach stream instead.
        LogConfig: { Type: 'none', Config: {} },
      },
    };
  }

  /** The protocol stream: writes go to the container's stdin, reads are its demultiplexed stdout. */
  private supervisorStream(socket: NodeJS.ReadWriteStream, id: string, stderrTail: string[]): Duplex {
    let partialLine = '';
    const onStderr = (chunk: Buffer): void => {
      const lines = (partialLine + chunk.toString('utf8')).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) {
        this.log('info', `supervisor: ${line}`, { containerId: id });
        stderrTail.push(line);
        if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      }
    };
    const duplex = new Duplex({
      read() {}, // pushed from the socket below; the client consumes in flowing mode
      write(chunk: Buffer, _encoding, callback) {
        socket.write(chunk, callback);
      },
      final(callback) {
        socket.end();
        callback();
      },
      destroy(error, callback) {
        (socket as Duplex).destroy();
        callback(error);
      },
    });
    const demuxer = new DockerStreamDemuxer((chunk) => duplex.push(chunk), onStderr);
    socket.on('data', (chunk: Buffer) => {
      try {
        demuxer.push(chunk);
      } catch (error) {
        duplex.destroy(error as Error);
      }
    });
    socket.on('end', () => duplex.push(null));
    socket.on('close', () => duplex.destroy());
    socket.on('error', (error: Error) => duplex.destroy(error));
    return duplex;
  }

  /** Kills and removes a container; one that is already gone, or being removed, is fine. */
  private async remove(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 409) return;
      throw new SandboxError(`cannot remove container ${containerId.slice(0, 12)}: ${(error as Error).message}`, 'sandbox', {
        cause: error,
      });
    }
  }
}
