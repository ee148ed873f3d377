import { LANES, type Lane } from '../../common/submission.js';

export interface LaneSchedulerOptions<T> {
  /** Pool slots: most tasks started and not yet released at once. */
  slots: number;
  /**
   * Takes the next task of a lane straight from the broker (basic.get), or resolves undefined when the
   * lane is empty or cannot be read right now. Must not reject.
   */
  probe(lane: Lane): Promise<T | undefined>;
  /** Starts a task; its slot stays busy until release() is called for it. Must not throw. */
  start(lane: Lane, task: T): void;
  /**
   * Told after every scheduling round how many deliveries the executor wants pushed: free slots not
   * already covered by held tasks (0 or less: stop pushing). The consumer sets its prefetch from it.
   */
  onWanted?(wanted: number): void;
}

/**
 * Decides which task a free pool slot takes: a run before a submission before a rejudge.
 *
 * Tasks reach the executor two ways. Consumers push deliveries, which are *held* here until a slot takes
 * them; their prefetch follows wanted(), so pushes stop when every free slot is covered and held tasks stay
 * bounded (at most one prefetch window per lane). And before a slot takes a held task of some lane, the
 * lanes above it are *probed* (basic.get): a run waiting in the broker must not lose its slot to a
 * rejudge that merely arrived here first. Nothing held means every lane is probed, in order, which is how
 * a busy executor takes work without any consumer: each freed slot pulls the best task the broker has.
 */
export class LaneScheduler<T> {
  private readonly held: Record<Lane, T[]> = { run: [], submission: [], rejudge: [] };
  private running = 0;
  private closed = false;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;

  constructor(private readonly options: LaneSchedulerOptions<T>) {
    if (!Number.isInteger(options.slots) || options.slots < 1) {
      throw new RangeError(`slots must be a positive integer, got ${options.slots}`);
    }
  }

  /** Tasks started and not released. */
  get busy(): number {
    return this.running;
  }

  get free(): number {
    return this.options.slots - this.running;
  }

  /** Tasks delivered but not started. */
  get heldCount(): number {
    return LANES.reduce((sum, lane) => sum + this.held[lane].length, 0);
  }

  /** Free slots not covered by held tasks: how many more deliveries are welcome. */
  wanted(): number {
    return this.free - this.heldCount;
  }

  /** A pushed delivery: held until a slot takes it (maybe at once). */
  offer(lane: Lane, task: T): void {
    if (this.closed) throw new Error('the scheduler is closed');
    this.held[lane].push(task);
    this.schedule();
  }

  /** A started task ended (acked or returned): its slot is free. */
  release(): void {
    if (this.running === 0) throw new Error('release() without a started task');
    this.running--;
    this.schedule();
  }

  /** Re-runs a scheduling round, e.g. after the broker came back and probes can succeed again. */
  wake(): void {
    this.schedule();
  }

  /** Drops held tasks that satisfy `predicate` (deliveries of a channel that died) and returns them. */
  discard(predicate: (task: T) => boolean): T[] {
    const dropped: T[] = [];
    for (const lane of LANES) {
      const keep: T[] = [];
      for (const task of this.held[lane]) (predicate(task) ? dropped : keep).push(task);
      this.held[lane] = keep;
    }
    if (dropped.length > 0) this.schedule();
    return dropped;
  }

  /**
   * Stops starting tasks. Resolves, once the scheduling round in progress has finished, with every held
   * task (for the caller to return to the broker). Started tasks keep their slots until released.
   */
  async close(): Promise<T[]> {
    this.closed = true;
    while (this.pumping !== undefined) await this.pumping;
    return LANES.flatMap((lane) => this.held[lane].splice(0));
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.pumping !== undefined) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      if (this.pumpAgain && !this.closed) {
        this.pumpAgain = false;
        this.schedule();
      }
    });
  }

  private async pump(): Promise<void> {
    while (!this.closed && this.free > 0) {
      const heldLane = LANES.find((lane) => this.held[lane].length > 0);
      const above = heldLane === undefined ? LANES : LANES.slice(0, LANES.indexOf(heldLane));
      let probed = false;
      for (const lane of above) {
        const task = await this.options.probe(lane);
        if (task === undefined) continue;
        if (this.closed) {
          this.held[lane].push(task); // returned to the broker by close()
          return;
        }
        this.begin(lane, task);
        probed = true;
        break;
      }
      if (probed) continue;
      // Re-read: a probe may have taken a while, and close() or discard() may have run meanwhile.
      const lane = LANES.find((l) => this.held[l].length > 0);
      if (this.closed || lane === undefined) break;
      const task = this.held[lane].shift() as T;
      this.begin(lane, task);
    }
    if (!this.closed) this.options.onWanted?.(this.wanted());
  }

  private begin(lane: Lane, task: T): void {
    this.running++;
    this.options.start(lane, task);
  }
}
