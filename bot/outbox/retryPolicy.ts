/**
 * What the sender does after a failed delivery: try again later (with
 * exponential back-off and jitter, long enough to ride out a WeCom outage of a
 * few hours), or give up at once because repeating cannot help.
 */
import { WecomApiError } from '../wecom/api/index.js';
import { RenderError } from '../wecom/render.js';

export interface BackoffPolicy {
  /** Attempts in total before a message is dead-lettered. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 5 s, 10 s, 20 s … capped at 30 min; 16 attempts span about 3.7 hours. */
export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 16, baseDelayMs: 5_000, maxDelayMs: 30 * 60_000 };

/** Delay before the next attempt after `attempts` failed ones ("equal jitter": half fixed, half random). */
export function backoffMs(policy: BackoffPolicy, attempts: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Errors that say the *app* is misconfigured (secret, corp id, agent id, IP
 * allow-list, API permission). Every message fails alike until an administrator
 * fixes the console, after which they should all go out: retried, not dropped.
 */
const CONFIGURATION_ERRCODES: ReadonlySet<number> = new Set([40001, 40013, 40056, 40091, 41001, 42001, 40014, 48002, 60020]);

export type FailureVerdict =
  | { readonly retry: true; readonly outcomeUnknown: boolean; readonly reason: string }
  | { readonly retry: false; readonly reason: string };

export function classify(err: unknown): FailureVerdict {
  if (err instanceof RenderError) return { retry: false, reason: `cannot render: ${err.message}` };
  if (err instanceof WecomApiError) {
    const reason = `${err.message}`;
    if (err.retryable || err.kind !== 'errcode') return { retry: true, outcomeUnknown: err.outcomeUnknown, reason };
    if (err.errcode !== undefined && CONFIGURATION_ERRCODES.has(err.errcode)) return { retry: true, outcomeUnknown: false, reason };
    // 81013 every recipient invalid, 45002 too long, 40xxx bad parameter …: the same request fails the same way.
    return { retry: false, reason };
  }
  // A channel sender that threw, a database hiccup: worth another try.
  return { retry: true, outcomeUnknown: false, reason: err instanceof Error ? err.message : String(err) };
}
