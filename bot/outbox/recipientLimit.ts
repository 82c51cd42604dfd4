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
  const inFlight = await OutboxModel.countDocuments({ ...base, status: 'sending', _id: { $ne: self }, leaseUntil: { $gt: now } });
  let wait: Date | undefined;
  for (const [windowMs, limit] of [[60_000, limits.perMinute], [3_600_000, limits.perHour]] as const) {
    const since = new Date(now.getTime() - windowMs);
    const sent = await OutboxModel.countDocuments({ ...base, sentAt: { $gt: since } });
    if (sent + inFlight < limit) continue;
    let free: Date;
    if (sent >= limit) {
      // The window has room again once enough of its oldest sends have left it.
      const leaving = await OutboxModel.find({ ...base, sentAt: { $gt: since } }, { sentAt: 1 })
        .sort({ sentAt: 1 }).skip(sent - limit).limit(1).lean();
      const at = leaving[0]?.sentAt?.getTime() ?? now.getTime();
      free = new Date(Math.max(at + windowMs, now.getTime() + 1));
    } else {
      free = new Date(now.getTime() + IN_FLIGHT_RECHECK_MS);
    }
    if (!wait || free > wait) wait = free;
  }
  return wait;
}
