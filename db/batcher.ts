// Coalesces concurrent single-item writes into one batched write: each caller awaits its own
// result, the database sees one statement per batch. Under load batches fill up (up to `max`);
// alone, an item waits at most `waitMs`.

export class Batcher<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inflight = new Set<Promise<void>>();

  constructor(
    private readonly flushBatch: (items: T[]) => Promise<R[]>,
    private readonly opts: { max: number; waitMs: number },
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.opts.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.waitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length === 0) return;
    const done = this.flushBatch(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (err) => batch.forEach((b) => b.reject(err)),
    );
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
  }

  /** Writes what is pending and waits for every batch in flight (used on shutdown). */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inflight]);
  }
}
