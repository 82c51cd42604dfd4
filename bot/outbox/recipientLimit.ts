/**
 * WeCom's per-member limit for app messages: 30 a minute and 1,000 an hour to
 * one member; anything beyond is dropped by WeCom *silently* (the API still
 * says ok). So the sender checks before each send, across all instances, by
 * counting what the Outbox itself records: messages sent to that member inside
 * the window, plus messages to them that another sender holds right now.
 * A message over the limit is not dropped: it waits until the window has room.
 */
import type { Types } from 'mongoose';
import { OutboxModel } from '../../models/outbox.js';

export interface RecipientLimits {
  readonly perMinute: number;
  readonly perHour: number;
}

export const WECOM_RECIPIENT_LIMITS: RecipientLimits = { perMinute: 30, perHour: 1000 };

/** When a held slot of another sender is the only obstacle, look again this soon. */
const IN_FLIGHT_RECHECK_MS = 1_000;

/**
 * Undefined when a message to `recipient` may go now; otherwise the earliest
 * time it may. `self` is the message being considered (it is not counted).
 */
export async function recipientWait(recipient: string, self: Types.ObjectId, now: Date, limits: RecipientLimits): Promise<Date | undefined> {
  const base = { channel: 'wecom' as const, kind: 'message', recipient };
  const t = now.getTime();
  // Two small queries: the latest sends inside the hour (newest first, at most the hourly limit) and
  // the sends other senders hold right now. Most members get a handful of messages an hour.
  const [recent, inFlight] = await Promise.all([
    OutboxModel.find({ ...base, sentAt: { $gt: new Date(t - 3_600_000) } }, { sentAt: 1, _id: 0 }).sort({ sentAt: -1 }).limit(limits.perHour).lean(),
    OutboxModel.countDocuments({ ...base, status: 'sending', _id: { $ne: self }, leaseUntil: { $gt: now } }),
  ]);
  const sent = recent.map((d) => d.sentAt?.getTime() ?? t);
  let wait: number | undefined;
  for (const [windowMs, limit] of [[60_000, limits.perMinute], [3_600_000, limits.perHour]] as const) {
    const inWindow = sent.filter((s) => s > t - windowMs).length;
    if (inWindow + inFlight < limit) continue;
    // Full by our own record: room again when the limit-th newest send leaves the window.
    // Full only counting others' sends in flight: look again shortly.
    const free = inWindow >= limit ? Math.max(sent[limit - 1]! + windowMs, t + 1) : t + IN_FLIGHT_RECHECK_MS;
    wait = Math.max(wait ?? 0, free);
  }
  return wait === undefined ? undefined : new Date(wait);
}
