/**
 * The Outbox keeps sent messages for a while: the per-member limit looks back
 * one hour, and a card's `response_code` (read back by `cardResponseCode`)
 * is valid for 72 hours. After that they are only history; dead letters are
 * kept longer so an administrator can look at them.
 */
import { OutboxModel } from '../../models/outbox.js';

export const SENT_RETENTION_MS = 30 * 86_400_000;
export const DEAD_RETENTION_MS = 90 * 86_400_000;

/** Deletes old sent and dead messages; resolves with how many. */
export async function purgeOutbox(now: Date): Promise<number> {
  const sent = await OutboxModel.deleteMany({ status: 'sent', sentAt: { $lt: new Date(now.getTime() - SENT_RETENTION_MS) } });
  const dead = await OutboxModel.deleteMany({ status: 'dead', updatedAt: { $lt: new Date(now.getTime() - DEAD_RETENTION_MS) } });
  return sent.deletedCount + dead.deletedCount;
}
