/**
 * A token bucket per process, for the APIs with a tight per-corp limit (getcheckindata
 * 600/min, getcheckin_daydata 100/min). Waiting here is cheaper than a 45009, which
 * blocks the API for the whole corp for 60 s.
 *
 * The bucket holds `burst` permits and refills continuously so that no 60-second
 * window can exceed `perMinute`: burst + refill × 60 s = perMinute. Callers reserve a
 * permit first and then sleep for their turn, so concurrent callers queue fairly
 * without polling. Several instances each have their own bucket: the limit holds
 * per process, not per corp.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
}

export interface TokenBucketOptions {
  readonly perMinute: number;
  /** Default: a tenth of `perMinute`. */
  readonly burst?: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export function tokenBucket(opts: TokenBucketOptions): RateLimiter {
  const burst = Math.max(1, Math.min(opts.perMinute, opts.burst ?? Math.floor(opts.perMinute / 10)));
  const refillPerMs = (opts.perMinute - burst) / 60_000;
  if (refillPerMs <= 0) throw new Error('perMinute must exceed burst');
  let permits = burst;
  let last = opts.now();
  return {
    async acquire() {
      const now = opts.now();
      permits = Math.min(burst, permits + (now - last) * refillPerMs);
      last = now;
      permits -= 1; // reserve, possibly going negative: later callers wait longer
      if (permits < 0) await opts.sleep(Math.ceil(-permits / refillPerMs));
    },
  };
}
