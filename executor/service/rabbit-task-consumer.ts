import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type Channel, type ChannelModel, type ConfirmChannel, type Message, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import type { QueueTopology } from '../../common/queue-topology.js';
import type { Lane } from '../../common/submission.js';
import { LaneScheduler } from './lane-scheduler.js';
import { RabbitLaneConsumers } from './rabbit-lane-consumers.js';
import { declareQueueTopology, withHeartbeat } from './rabbit-topology.js';

export interface TaskDelivery {
  /** 1 for the first delivery. */
  attempt: number;
  /** Returning the task now would dead-letter it (the queue's delivery limit is reached). */
  last: boolean;
  /** Aborted when the consumer stops and its grace period is over. */
  signal: AbortSignal;
  /** Times executors that do not serve the task's language handed it back (header HAND_BACKS_HEADER). */
  handBacks: number;
}

/**
 * 'reject': the message is invalid; it is dead-lettered without being returned to its queue.
 * 'handback': this executor does not serve the task; it is published again at the tail of its queue as a
 * new message (which spends none of the delivery limit) and the delivery acked.
 */
export type TaskHandlerOutcome = 'ack' | 'requeue' | 'reject' | 'handback';

/** Counts the hand-backs of a task across its republications (common/queue-topology.ts). */
const HAND_BACKS_HEADER = 'x-juez-hand-backs';

/** What the consumer does with messages; the executor service implements it. Must not reject. */
export interface TaskHandler {
  handle(lane: Lane, body: Buffer, delivery: TaskDelivery): Promise<TaskHandlerOutcome>;
  /** A dead-lettered task; `reason` is its x-death reason (`delivery_limit`, `rejected`, ...). */
  handleDeadLetter(body: Buffer, reason: string): Promise<'ack' | 'requeue'>;
}

export interface RabbitTaskConsumerOptions {
  url: string;
  topology: QueueTopology;
  /** Pool slots: tasks handled at once. */
  slots: number;
  handler: TaskHandler;
  log: Logger;
  /** AMQP heartbeat, s. Default 10. */
  heartbeatSeconds?: number;
  /** Pause before a dead letter whose IE could not be stored is returned to its queue, ms. Default 5 s. */
  deadLetterRetryMs?: number;
}

/** One connection's channels. `alive` turns false when it is lost: its deliveries cannot be settled any more. */
interface Session {
  model: ChannelModel;
  tasks: Channel;
  deadLetters: Channel;
  /** Publishes handed-back tasks, with confirms: the delivery is acked only once the copy is stored. */
  handBacks: ConfirmChannel;
  consumers: RabbitLaneConsumers;
  alive: boolean;
}

interface Pending {
  lane: Lane;
  message: Message;
  session: Session;
}

const DEAD_LETTER_PREFETCH = 4;

/**
 * Takes tasks from the three lane queues into the executor's pool slots, runs at most `slots` at a time,
 * and settles each message only after the handler is done with it: the verdict is stored before the ack.
 *
 * Which task a free slot takes is the LaneScheduler's decision (runs, then submissions, then rejudges);
 * this class gives it its two ways in: basic.get probes, and lane consumers whose prefetch follows the
 * free slots not covered by held deliveries (consumers are cancelled when there are none, since a prefetch
 * of 0 would mean "unlimited"). The connection recovers by itself after a broker restart (amqplib's
 * recovery, with backoff): channels, topology and consumers are re-established. Tasks running when the
 * connection died keep running and store their verdict; their ack is lost and the broker redelivers them,
 * and the verdict scripts recognise the duplicate as final.
 */
export class RabbitTaskConsumer {
  private connection: RecoveringChannelModel | undefined;
  private session: Session | undefined;
  private readonly scheduler: LaneScheduler<Pending>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abandon = new AbortController();
  private stopping = false;

  constructor(private readonly options: RabbitTaskConsumerOptions) {
    // Every running task (and every test case in flight in it) listens to this one signal.
    setMaxListeners(0, this.abandon.signal);
    this.scheduler = new LaneScheduler<Pending>({
      slots: options.slots,
      probe: (lane) => this.probe(lane),
      start: (lane, pending) => this.begin(lane, pending),
      onWanted: (wanted) => this.setPrefetch(wanted),
    });
  }

  /** Connects (retrying with backoff until the broker answers), declares the topology and starts consuming. */
  async start(): Promise<void> {
    const { log } = this.options;
    // noDelay: without it Nagle's algorithm and the broker's delayed ACK hold each fetch after an ack back by
    // ~40 ms (measured: 44 ms per fetch instead of ~1 ms), which capped a pool of two at ~23 jobs/s.
    const connection = await connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 10), {
      noDelay: true,
      recovery: { initialDelay: 200, maxDelay: 10_000, waitForConnect: false, setup: (model: ChannelModel) => this.setup(model) },
    });
    this.connection = connection;
    connection.on('error', (error: Error) => log.warn({ err: error }, 'amqp connection error'));
    connection.on('connect', () => log.info('connected to the broker'));
    connection.on('disconnect', (error: Error) => this.onDisconnect(error));
    connection.on('reconnect-scheduled', ({ attempt, delay, error }: { attempt: number; delay: number; error: Error }) =>
      log.warn({ attempt, delayMs: delay, err: error }, 'broker unreachable: reconnecting'),
    );
    connection.on('blocked', (reason: string) => log.warn({ reason }, 'the broker blocked the connection'));
    await connection.waitForConnect();
  }

  /** Tasks running, tasks held for a slot, and whether the broker is connected. */
  stats(): { busy: number; held: number; connected: boolean } {
    return { busy: this.scheduler.busy, held: this.scheduler.heldCount, connected: this.session?.alive === true };
  }

  /**
   * Stops taking tasks, returns the held ones to their queues, waits up to `graceMs` for running tasks,
   * then aborts the rest (their handler returns them) and closes the connection.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { log } = this.options;
    this.setPrefetch(0);
    await this.session?.consumers.settled();
    const held = await this.scheduler.close();
    for (const pending of held) this.settle(pending, 'requeue');
    if (held.length > 0) log.info({ returned: held.length }, 'returned tasks that had not started');
    if (this.inFlight.size > 0) {
      log.info({ running: this.inFlight.size, graceMs }, 'waiting for running tasks');
      await settleWithin([...this.inFlight], graceMs);
    }
    if (this.inFlight.size > 0) {
      log.warn({ running: this.inFlight.size }, 'grace period over: returning running tasks');
      this.abandon.abort(new Error('the executor is shutting down'));
      await settleWithin([...this.inFlight], 10_000);
    }
    // Channels first: a channel's close waits for the broker to have read the acks sent before it,
    // whereas amqplib may put a connection close on the wire ahead of acks still buffered.
    const session = this.session;
    if (session?.alive === true) {
      await session.tasks.close().catch(() => {});
      await session.deadLetters.close().catch(() => {});
      await session.handBacks.close().catch(() => {});
    }
    await this.connection?.close();
    this.session = undefined;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const { topology, log } = this.options;
    const tasks = await model.createChannel();
    const deadLetters = await model.createChannel();
    const handBacks = await model.createConfirmChannel();
    const consumers = new RabbitLaneConsumers(tasks, topology.queues, (lane, message) => this.onDelivery(session, lane, message), log);
    const session: Session = { model, tasks, deadLetters, handBacks, consumers, alive: true };
    for (const channel of [tasks, deadLetters, handBacks]) {
      channel.on('error', (error: Error) => log.warn({ err: error }, 'amqp channel error'));
      // A channel closed by the broker (e.g. an ack it refused) leaves the connection open: close it, so
      // that recovery rebuilds everything instead of leaving a half-working session.
      channel.on('close', () => {
        if (session.alive && !this.stopping) model.close().catch(() => {});
      });
    }
    await declareQueueTopology(tasks, topology);
    await deadLetters.prefetch(DEAD_LETTER_PREFETCH);
    await deadLetters.consume(topology.deadLetterQueue, (message) => this.onDeadLetter(session, message));
    this.session = session;
    // A scheduling round probes the lanes and sets the new consumers' prefetch.
    this.scheduler.wake();
  }

  private onDisconnect(error: Error): void {
    const session = this.session;
    this.session = undefined;
    if (session === undefined) return;
    session.alive = false;
    // The broker has put every unacked message of the dead connection back; held copies are void.
    const dropped = this.scheduler.discard((pending) => pending.session === session);
    this.options.log.warn({ err: error, droppedHeld: dropped.length, running: this.inFlight.size }, 'lost the broker connection');
  }

  private async probe(lane: Lane): Promise<Pending | undefined> {
    const session = this.session;
    if (session === undefined || this.stopping) return undefined;
    try {
      const message = await session.tasks.get(this.options.topology.queues[lane], { noAck: false });
      return message === false ? undefined : { lane, message, session };
    } catch (error) {
      this.options.log.debug({ err: error, lane }, 'probe failed');
      return undefined;
    }
  }

  private onDelivery(session: Session, lane: Lane, message: Message): void {
    const pending = { lane, message, session };
    if (this.stopping || !session.alive) this.settle(pending, 'requeue');
    else this.scheduler.offer(lane, pending);
  }

  private begin(lane: Lane, pending: Pending): void {
    const work = this.handle(lane, pending).finally(() => {
      this.inFlight.delete(work);
      this.scheduler.release();
    });
    this.inFlight.add(work);
  }

  private async handle(lane: Lane, pending: Pending): Promise<void> {
    const previous = Number(pending.message.properties.headers?.['x-delivery-count'] ?? 0);
    const handBacks = Number(pending.message.properties.headers?.[HAND_BACKS_HEADER] ?? 0);
    const delivery = {
      attempt: previous + 1,
      last: previous >= this.options.topology.deliveryLimit,
      signal: this.abandon.signal,
      handBacks: Number.isSafeInteger(handBacks) && handBacks > 0 ? handBacks : 0,
    };
    let outcome: TaskHandlerOutcome;
    try {
      outcome = await this.options.handler.handle(lane, pending.message.content, delivery);
    } catch (error) {
      this.options.log.error({ err: error, lane }, 'task handler failed: returning the task');
      outcome = 'requeue';
    }
    if (outcome === 'handback') outcome = await this.handBack(pending, delivery.handBacks);
    this.settle(pending, outcome);
  }

  /**
   * Publishes a copy of the task at the tail of its lane queue, counting one more hand-back, and resolves
   * 'ack' once the broker confirmed it; 'requeue' (the original goes back, spending a delivery) when the
   * copy could not be stored. A crash between the two leaves both copies: the verdict scripts store the
   * first verdict only.
   */
  private async handBack(pending: Pending, handBacks: number): Promise<'ack' | 'requeue'> {
    const { session, message, lane } = pending;
    if (!session.alive) return 'requeue';
    const { headers: original = {}, ...properties } = message.properties;
    // The broker's own bookkeeping belongs to the old message; the new one starts afresh.
    const headers = Object.fromEntries(Object.entries(original as Record<string, unknown>).filter(([name]) => !name.startsWith('x-') || name === HAND_BACKS_HEADER));
    headers[HAND_BACKS_HEADER] = handBacks + 1;
    try {
      await new Promise<void>((resolve, reject) => {
        session.handBacks.sendToQueue(
          this.options.topology.queues[lane],
          message.content,
          { ...withoutNulls(properties), persistent: true, headers },
          (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        );
      });
      return 'ack';
    } catch (error) {
      this.options.log.warn({ err: error, lane }, 'could not hand the task back: returning it');
      return 'requeue';
    }
  }

  private settle({ session, message, lane }: Pending, outcome: 'ack' | 'requeue' | 'reject'): void {
    if (!session.alive) {
      this.options.log.warn({ lane, outcome }, 'connection lost before the task was settled: the broker redelivers it');
      return;
    }
    try {
      if (outcome === 'ack') session.tasks.ack(message);
      else session.tasks.nack(message, false, outcome === 'requeue');
    } catch (error) {
      this.options.log.warn({ err: error, lane, outcome }, 'could not settle a task: the broker redelivers it');
    }
  }

  private onDeadLetter(session: Session, message: Message | null): void {
    const { log, handler } = this.options;
    if (message === null) {
      log.warn('the broker cancelled the dead-letter consumer: reconnecting');
      session.model.close().catch(() => {});
      return;
    }
    const headers = message.properties.headers ?? {};
    const reason = String(headers['x-first-death-reason'] ?? 'unknown');
    const work = handler
      .handleDeadLetter(message.content, reason)
      .catch(() => 'requeue' as const)
      .then(async (outcome) => {
        if (outcome === 'requeue') await sleep(this.options.deadLetterRetryMs ?? 5_000);
        if (!session.alive) return;
        try {
          if (outcome === 'ack') session.deadLetters.ack(message);
          else session.deadLetters.nack(message, false, true);
        } catch (error) {
          log.warn({ err: error }, 'could not settle a dead letter');
        }
      });
    void work;
  }

  private setPrefetch(wanted: number): void {
    this.session?.consumers.setPrefetch(this.stopping ? 0 : wanted);
  }
}

/** Waits until every promise settled, or `ms` passed. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([Promise.allSettled(promises), sleep(ms, undefined, { signal: timer.signal }).catch(() => {})]);
  timer.abort();
}

/** amqplib reports absent message properties as undefined or null; publishing wants them left out. */
function withoutNulls(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined && value !== null));
}
