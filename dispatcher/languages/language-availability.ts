/**
 * Which languages can be judged right now: those some live executor advertises (common/redis-keys.ts,
 * the executor hash's `languages`), read at most once per `maxAgeMs` however many requests ask, so that
 * checking every submission costs no Redis round trip.
 */
import type { LanguageVersions } from '../../common/language-versions.js';

/** Reads the advertisements of the live executors (RedisLanguageAdvertisements). Declared here, by its user. */
export interface LanguageAdvertisements {
  /** One entry per live executor: the languages it serves, id → version read from its image. */
  read(): Promise<LanguageVersions[]>;
}

/**
 * Merges executors' advertisements: every language any of them serves, with the version most of them
 * report (a fleet in the middle of an image upgrade has two; ties go to the greater string, the newer
 * version in the usual numbering).
 */
export function mergeAdvertisements(advertisements: readonly LanguageVersions[]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const advertisement of advertisements) {
    for (const [id, version] of Object.entries(advertisement)) {
      const counts = votes.get(id) ?? new Map<string, number>();
      counts.set(version, (counts.get(version) ?? 0) + 1);
      votes.set(id, counts);
    }
  }
  const merged = new Map<string, string>();
  for (const [id, counts] of votes) {
    const [best] = [...counts].sort(([a, n], [b, m]) => m - n || (a < b ? 1 : a > b ? -1 : 0));
    if (best !== undefined) merged.set(id, best[0]);
  }
  return merged;
}

export interface LanguageAvailabilityOptions {
  /** How old a snapshot may be before the next question reads Redis again, ms. Default 1000. */
  maxAgeMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Told when a read fails and the previous snapshot is kept. */
  onStale?: (error: unknown) => void;
}

/**
 * The languages served now, as a snapshot at most `maxAgeMs` old. Concurrent questions while it is being
 * refreshed share one read. A failed read keeps the previous snapshot (until the next period: a Redis
 * that is down is not asked once per request); with none to keep, the question rejects and the next one
 * reads again.
 */
export class LanguageAvailability {
  private snapshot: ReadonlyMap<string, string> | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<ReadonlyMap<string, string>> | undefined;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: LanguageAdvertisements,
    private readonly options: LanguageAvailabilityOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Language id → version, for every language some live executor serves. */
  async served(): Promise<ReadonlyMap<string, string>> {
    if (this.snapshot !== undefined && this.now() - this.readAt < this.maxAgeMs) return this.snapshot;
    this.reading ??= this.refresh().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async refresh(): Promise<ReadonlyMap<string, string>> {
    try {
      const snapshot = mergeAdvertisements(await this.source.read());
      this.snapshot = snapshot;
      return snapshot;
    } catch (error) {
      // Nothing to fall back on: the question fails (503 while Redis is unreachable, whose client fails
      // at once without touching the network), and the next question reads again.
      if (this.snapshot === undefined) throw error;
      this.options.onStale?.(error);
      return this.snapshot;
    } finally {
      if (this.snapshot !== undefined) this.readAt = this.now();
    }
  }
}
