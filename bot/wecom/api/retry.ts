/**
 * Back-off for transient failures (WeCom busy -1, throttled 45009, concurrency 45033,
 * HTTP 5xx, timeouts): exponential with "equal jitter" (half fixed, half random), so
 * that several instances throttled at the same moment do not retry in lock-step,
 * and bounded, so a call fails within seconds and the Outbox retries it later.
 */
export interface RetryPolicy {
  /** Requests in total, the first included. */
  readonly maxAttempts: number;
  /** Delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 5_000 };

/** Delay before retry number `retry` (1 = first retry); `random()` returns [0, 1). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
