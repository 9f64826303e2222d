interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the outbox's bookkeeping: items that arrive while a write is in flight go together
 * in the next one, so concurrent sends cost one statement per round trip instead of one each (each
 * statement costs the worker a socket write and a wake-up of Postgres, its largest cost after SMTP).
 * A write starts once the events already arrived are handled (setImmediate, no timer): a lone item
 * waits for nothing else. `write` answers one result per item, in order; when it fails, every item of
 * that batch fails with its error.
 */
export class WriteBatcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 100,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // After the events already arrived (other sends finishing, other jobs starting): they share this write.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    for (let first = true; this.waiting.length; first = false) {
      if (!first) await new Promise((resolve) => setImmediate(resolve));
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }
}
