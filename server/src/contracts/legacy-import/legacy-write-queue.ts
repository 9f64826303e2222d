/**
 * Batches being written while the file is still read: Postgres gets up to `depth` transactions at once
 * (one per connection) and Node parses and validates the next batch meanwhile. Progress is reported in
 * file order, each time after its batch has committed. After a failure no further batch starts; the
 * failure surfaces at the next push or at drain.
 */
export class WriteQueue<T> {
  private readonly pending: Array<Promise<void>> = [];
  private reported: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly depth: number,
    private readonly write: (batch: T) => Promise<void>,
    private readonly onWritten: (rowsRead: number) => void | Promise<void> = () => undefined,
  ) {}

  /** Starts writing `batch` once fewer than `depth` batches are in flight. */
  async push(batch: T, rowsRead: number): Promise<void> {
    while (this.pending.length >= this.depth) await this.pending.shift();
    if (this.failure) throw this.failure.error;
    const written = this.write(batch);
    const reported = Promise.all([written, this.reported]).then(() => this.onWritten(rowsRead));
    reported.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.reported = reported;
    this.pending.push(reported);
  }

  /** Waits for every batch; throws the first failure. */
  async drain(): Promise<void> {
    while (this.pending.length) await this.pending.shift();
    if (this.failure) throw this.failure.error;
  }

  /** Waits for every batch, whatever happens to them: nothing is left running when the import returns. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pending);
  }
}
