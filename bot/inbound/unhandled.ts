/**
 * Callbacks the flows do not handle (directory changes, unknown event types,
 * menu noise) are still kept in InboundEvent — already `done` — so an
 * administrator can see what WeCom sent, and a retried callback is recognised.
 */
import { InboundEventModel } from '../../models/inboundEvent.js';

export interface UnhandledEvent {
  readonly key: string;
  /** Who sent it (`wecom:sys` for system events). */
  readonly userKey: string;
  /** e.g. `unknown`, `change_contact`, `view`. */
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly note: string;
}

/** `stored`, or `duplicate` when the key was seen before. Rejects when the store fails. */
export async function storeUnhandled(e: UnhandledEvent, now: Date, retentionMs = 3 * 86_400_000): Promise<'stored' | 'duplicate'> {
  try {
    await InboundEventModel.create({
      key: e.key, channel: 'wecom', userKey: e.userKey, type: e.type, payload: { ...e.payload, note: e.note },
      status: 'done', attempts: 0, receivedAt: now, processedAt: now,
      expiresAt: new Date(Date.now() + retentionMs),
    });
    return 'stored';
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) return 'duplicate';
    throw err;
  }
}
