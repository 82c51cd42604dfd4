/**
 * Dead letters an administrator looks at and sends again once the cause is
 * fixed (WeCom down longer than the retry budget, the app's visible range
 * missing someone). Resending puts the message back in the queue with a fresh
 * budget: the running sender picks it up, under the same rate limits.
 */
import { OutboxModel } from '../../models/outbox.js';

export interface DeadLetter {
  readonly key: string;
  readonly recipient: string;
  readonly kind: string;
  readonly attempts: number;
  readonly lastError: string | undefined;
  readonly createdAt: Date | undefined;
}

/** Oldest first, at most `limit`. */
export async function listDeadLetters(limit = 100): Promise<DeadLetter[]> {
  const docs = await OutboxModel.find({ status: 'dead' }).sort({ createdAt: 1 }).limit(limit).lean();
  return docs.map((d) => ({ key: d.key, recipient: d.recipient, kind: d.kind, attempts: d.attempts, lastError: d.lastError, createdAt: d.createdAt }));
}

export type ResendSelection = { readonly all: true } | { readonly keys: readonly string[] };

export interface ResendOutcome {
  readonly requeued: number;
  /** Keys asked for that are not dead letters (unknown, already sent or requeued). */
  readonly notDead: readonly string[];
}

/** Requeues the selected dead letters; guarded on `status: 'dead'`, so running it twice requeues once. */
export async function resendDeadLetters(selection: ResendSelection, now: Date): Promise<ResendOutcome> {
  const requeue = { $set: { status: 'pending', attempts: 0, nextAttemptAt: now } };
  if ('all' in selection) return { requeued: (await OutboxModel.updateMany({ status: 'dead' }, requeue)).modifiedCount, notDead: [] };
  const filter = { status: 'dead' as const, key: { $in: [...selection.keys] } };
  const dead = new Set((await OutboxModel.find(filter, { key: 1 }).lean()).map((d) => d.key));
  const res = await OutboxModel.updateMany(filter, requeue);
  return { requeued: res.modifiedCount, notDead: selection.keys.filter((k) => !dead.has(k)) };
}
