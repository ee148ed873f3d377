/** Open Server-Sent Events streams, so that shutdown can end them (server.close waits for them otherwise). */
export class SseRegistry {
  private readonly streams = new Set<() => void>();

  /** Registers a stream's close function; returns the function that unregisters it. */
  add(close: () => void): () => void {
    this.streams.add(close);
    return () => this.streams.delete(close);
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const close of [...this.streams]) close();
    this.streams.clear();
  }
}
