/**
 * The durable Outbox (`OutboxPort` for flows): storing a message is one insert
 * keyed by its idempotency key, so a replayed turn, a retried callback or a
 * second instance can ask for the same send as often as it likes and WeCom
 * still gets it once. The sender (sender.ts) delivers what is stored here.
 */
import type { OutboxPort } from '../../flows/ports.js';
import type { CardUpdate, OutMessage, UserRef } from '../../flows/types.js';
import { OutboxModel } from '../../models/outbox.js';
import { toPayload, type OutboxEntry } from './payload.js';
import { notifyEnqueued } from './wakeup.js';

export interface OutboxStoreOptions {
  /** The business clock (due time of new messages); default the wall clock. */
  readonly now?: () => Date;
}

export function createOutbox(opts: OutboxStoreOptions = {}): OutboxPort {
  const now = opts.now ?? (() => new Date());

  async function insertOnce(key: string, channel: UserRef['channel'], recipient: string, entry: OutboxEntry): Promise<void> {
    try {
      await OutboxModel.create({
        key, channel, recipient, kind: entry.kind, payload: toPayload(entry),
        status: 'pending', attempts: 0, nextAttemptAt: now(),
      });
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) return; // stored before: this is the same send
      throw err;
    }
    notifyEnqueued();
  }

  return {
    send(key: string, to: UserRef, message: OutMessage) {
      return insertOnce(key, to.channel, to.id, { kind: 'message', message });
    },
    updateCard(key: string, update: CardUpdate) {
      // Not a chat message: WeCom's per-member message limit does not count it, and neither does ours.
      return insertOnce(key, 'wecom', update.userids.join('|') || '(none)', { kind: 'card_update', update });
    },
    async cardResponseCode(key: string) {
      const doc = await OutboxModel.findOne({ key }, { result: 1 }).lean();
      const code = doc?.result?.['response_code'];
      return typeof code === 'string' && code !== '' ? code : undefined;
    },
  };
}
