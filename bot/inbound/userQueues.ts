/**
 * Serial per key, parallel across keys: one user's events run strictly one
 * after another in arrival order, different users' events at the same time (at
 * most `concurrency` at once, so a burst cannot open hundreds of database
 * conversations together). In memory; durability is the pipeline's job.
 */
export class UserQueues {
  private readonly tails = new Map<string, { tail: Promise<void>; size: number }>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly concurrency = 16) {}

  /** Queues `job` behind everything already queued for `key`. Never rejects. */
  push(key: string, job: () => Promise<void>): void {
    const entry = this.tails.get(key) ?? { tail: Promise.resolve(), size: 0 };
    entry.size += 1;
    entry.tail = entry.tail.then(() => this.withSlot(job)).catch(() => undefined).then(() => {
      entry.size -= 1;
      if (entry.size === 0 && this.tails.get(key) === entry) this.tails.delete(key);
      if (this.tails.size === 0) this.notifyIdle();
    });
    this.tails.set(key, entry);
  }

  /** Jobs queued or running. */
  get size(): number {
    let n = 0;
    for (const e of this.tails.values()) n += e.size;
    return n;
  }

  /** Resolves once nothing is queued or running (immediately when idle). */
  idle(): Promise<void> {
    if (this.tails.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async withSlot(job: () => Promise<void>): Promise<void> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      await job();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
