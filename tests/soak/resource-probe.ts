/**
 * One reading of everything the soak watches, for a running juez system: containers, open fds and
 * resident memory of its processes (and of the shared services, for information), the dispatcher's
 * handle count (its Prometheus process metrics), Redis memory and the system's keys and channels, and the
 * depths of its queues; and, once per moment, the services' memory after a full GC (inspector-gc.ts).
 */
import { request } from 'node:http';
import Docker from 'dockerode';
import { pidsNamed } from '../bench/service-process-stats.js';
import type { JuezSystem } from '../support/juez-system.js';
import { poolNameOf } from '../support/system-resources.js';
import { ContainerFigures, type ContainerCounts } from './container-figures.js';
import { inspectorUrl, memoryAfterGc, type MemoryAfterGc } from './inspector-gc.js';
import { openFds, residentMb, residentMbOf } from './process-figures.js';
import { QueueFigures, totalMessages, type QueueDepths } from './queue-figures.js';
import { RedisFigures } from './redis-figures.js';

export interface ResourceSample {
  /** ms since the epoch. */
  at: number;
  containers: ContainerCounts;
  fds: { dispatcher: number; executor: number };
  /** VmRSS, MiB: the system's processes, and the shared services (summed over their processes). */
  rssMb: { dispatcher: number; executor: number; redis: number; rabbitmq: number; dockerd: number; containerd: number };
  /** From the dispatcher's /metrics (prom-client's default process metrics). */
  dispatcher: { activeHandles: number };
  redis: { usedMemoryMb: number; ownKeys: number; ownChannels: number };
  queues: QueueDepths;
  /** Ready + unacked over the system's queues. */
  queuedMessages: number;
  /** Only in the last reading of a moment (before, after): the services' memory after a full GC. */
  afterGc?: { dispatcher: MemoryAfterGc; executor: MemoryAfterGc };
}

/** The shared services' processes, by /proc/<pid>/comm. */
const SHARED_SERVICES = { redis: 'redis-server', rabbitmq: 'beam.smp', dockerd: 'dockerd', containerd: 'containerd' } as const;

/**
 * GET /metrics on a connection of its own that is closed afterwards: a keep-alive connection left open
 * would be one more fd in the dispatcher at the next reading.
 */
function fetchMetrics(baseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/metrics`, { agent: false, headers: { connection: 'close' }, timeout: 10_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('GET /metrics timed out')));
    req.on('error', reject);
    req.end();
  });
}

function metricValue(text: string, name: string): number {
  const match = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm'));
  return match === null ? Number.NaN : Number(match[1]);
}

export class ResourceProbe {
  private readonly containers: ContainerFigures;
  private readonly queues: QueueFigures;

  private constructor(
    private readonly system: JuezSystem,
    readonly redis: RedisFigures,
    private readonly sharedPids: Record<keyof typeof SHARED_SERVICES, number[]>,
    private readonly inspectors: { dispatcher: string; executor: string },
  ) {
    this.containers = new ContainerFigures(new Docker(), poolNameOf(this.executor.name));
    this.queues = new QueueFigures(system.amqpUrl, system.queuePrefix);
  }

  /**
   * For a system with exactly one executor (the soak's), both services started with the inspector
   * (inspector-gc.ts INSPECT_OPTION). Call it right after the start: the inspector's address is read from
   * the services' first lines of output, which a long run pushes out of the captured log.
   */
  static async start(system: JuezSystem): Promise<ResourceProbe> {
    const executor = system.executors[0];
    if (system.executors.length !== 1 || executor === undefined) throw new Error(`the soak watches one executor, the system has ${system.executors.length}`);
    const dispatcherInspector = inspectorUrl(system.dispatcher.logs());
    const executorInspector = inspectorUrl(executor.logs());
    if (dispatcherInspector === undefined || executorInspector === undefined) throw new Error('the services were not started with the inspector (no "Debugger listening" line)');
    const sharedPids = {} as Record<keyof typeof SHARED_SERVICES, number[]>;
    for (const [key, comm] of Object.entries(SHARED_SERVICES)) sharedPids[key as keyof typeof SHARED_SERVICES] = await pidsNamed(comm);
    return new ResourceProbe(system, await RedisFigures.connect(system.redisUrl, system.keyPrefix), sharedPids, {
      dispatcher: dispatcherInspector,
      executor: executorInspector,
    });
  }

  /** Both services' memory after a full GC (each one is paused for the collection: not during the run). */
  async memoryAfterGc(): Promise<{ dispatcher: MemoryAfterGc; executor: MemoryAfterGc }> {
    return { dispatcher: await memoryAfterGc(this.inspectors.dispatcher), executor: await memoryAfterGc(this.inspectors.executor) };
  }

  private get executor(): { name: string; pid: number } {
    const executor = this.system.executors[0];
    if (executor === undefined) throw new Error('the system has no executor');
    return executor;
  }

  async sample(): Promise<ResourceSample> {
    const { dispatcher } = this.system;
    const executor = this.executor;
    // fds first: reading the metrics opens (and then closes) a connection to the dispatcher.
    const fds = { dispatcher: await openFds(dispatcher.pid), executor: await openFds(executor.pid) };
    const rss = {
      dispatcher: await residentMb(dispatcher.pid),
      executor: await residentMb(executor.pid),
      redis: await residentMbOf(this.sharedPids.redis),
      rabbitmq: await residentMbOf(this.sharedPids.rabbitmq),
      dockerd: await residentMbOf(this.sharedPids.dockerd),
      containerd: await residentMbOf(this.sharedPids.containerd),
    };
    const metrics = await fetchMetrics(this.system.baseUrl);
    const queues = await this.queues.read();
    return {
      at: Date.now(),
      containers: await this.containers.read(),
      fds,
      rssMb: rss,
      dispatcher: { activeHandles: metricValue(metrics, 'juez_dispatcher_nodejs_active_handles_total') },
      redis: {
        usedMemoryMb: await this.redis.usedMemoryMb(),
        ownKeys: (await this.redis.ownKeys()).length,
        ownChannels: await this.redis.ownChannels(),
      },
      queues,
      queuedMessages: totalMessages(queues),
    };
  }

  close(): void {
    this.redis.close();
  }
}
