/**
 * Senders for channels other than WeCom. The Outbox stores every message the
 * same way; at send time a `wechaty` message is handed to the function
 * registered here (the recruiting feature registers it when its bot starts).
 * Until one is registered, such messages wait and are retried with back-off.
 */
import type { OutMessage } from '../../flows/types.js';

export type OtherChannel = 'wechaty';

/**
 * Delivers one message. Throwing means "not delivered, try again later"; the
 * Outbox retries with back-off and dead-letters after its bounded attempts.
 * `key` is the Outbox idempotency key, for senders that can dedupe themselves.
 */
export type ChannelSender = (recipient: string, message: OutMessage, key: string) => Promise<void>;

const registry = new Map<OtherChannel, ChannelSender>();

/** Registers the sender for `channel`; returns a function that removes it again. */
export function registerChannelSender(channel: OtherChannel, send: ChannelSender): () => void {
  registry.set(channel, send);
  return () => {
    if (registry.get(channel) === send) registry.delete(channel);
  };
}

export function channelSender(channel: OtherChannel): ChannelSender | undefined {
  return registry.get(channel);
}
