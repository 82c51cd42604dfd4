/**
 * A Wechaty message as the engine's channel-neutral `Inbound`. Only direct
 * messages from other people count: the bot's own messages and group chats
 * are not conversations with a candidate.
 */
import type { Inbound } from '../../flows/types.js';

/** The part of a Wechaty `Message` this needs (so tests and the mock agree). */
export interface WechatyMessageLike {
  readonly id: string;
  self(): boolean;
  room(): unknown;
  text(): string;
  type(): number;
  date(): Date;
  talker(): { readonly id: string };
}

/** Wechaty's `types.Message.Text`. */
export const WECHATY_TEXT = 7;

export function toInbound(msg: WechatyMessageLike): Inbound | undefined {
  if (msg.self() || msg.room()) return undefined;
  const base = { key: `wechaty:${msg.id}`, from: { channel: 'wechaty' as const, id: msg.talker().id }, at: msg.date() };
  if (msg.type() === WECHATY_TEXT) {
    const text = msg.text().trim();
    return text.length > 0 ? { ...base, kind: 'text', text: text.slice(0, 2000) } : undefined;
  }
  return { ...base, kind: 'unsupported', what: `wechaty-${msg.type()}` };
}
