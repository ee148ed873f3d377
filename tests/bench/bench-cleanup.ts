/**
 * What a benchmark must undo however it ends: containers, pools, temporary files. Steps run in reverse order
 * of registration, once, on a normal end and on SIGINT / SIGTERM (then the process exits 130 / 143): an
 * interrupted benchmark leaves no container behind.
 */

type Log = (line: string) => void;

interface Step {
  what: string;
  run: () => Promise<void>;
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export class CleanupStack {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: Log) {}

  /** Registers a step; it runs before every step registered earlier. */
  defer(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  /** Runs every step (a failing step is logged, the others still run). Idempotent. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await step.run();
        } catch (error) {
          this.log(`cleanup: ${step.what} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /**
   * On SIGINT / SIGTERM: runs the cleanup and exits. A second signal while cleaning up is ignored, since
   * exiting then is exactly what would leave containers behind. Returns a function removing the handlers.
   */
  exitOnSignals(): () => void {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (this.running !== undefined) {
        this.log(`${signal}: still cleaning up`);
        return;
      }
      this.log(`${signal}: cleaning up before exiting`);
      void this.run().finally(() => process.exit(EXIT_CODES[signal] ?? 1));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }
}
