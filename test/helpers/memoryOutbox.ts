/** An in-memory OutboxPort that records what flows asked to send (one entry per key). */
import type { OutboxPort } from '../../flows/ports.js';
import type { CardUpdate, OutMessage, UserRef } from '../../flows/types.js';

export interface Sent { key: string; to: UserRef; message: OutMessage }

export class MemoryOutbox implements OutboxPort {
  readonly sent: Sent[] = [];
  readonly updates: Array<{ key: string; update: CardUpdate }> = [];
  readonly responseCodes = new Map<string, string>();
  /** Make the next N sends throw, to play a crash between saving and sending. */
  failNext = 0;

  async send(key: string, to: UserRef, message: OutMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('outbox unavailable');
    }
    if (this.sent.some((s) => s.key === key)) return;
    this.sent.push({ key, to, message });
    if (message.kind === 'button_card') this.responseCodes.set(key, `rc-${key}`);
  }

  async updateCard(key: string, update: CardUpdate): Promise<void> {
    if (this.updates.some((u) => u.key === key)) return;
    this.updates.push({ key, update });
  }

  async cardResponseCode(key: string): Promise<string | undefined> {
    return this.responseCodes.get(key);
  }

  /** Texts sent to one user, in order (cards shown by title). */
  textsTo(userid: string): string[] {
    return this.sent.filter((s) => s.to.id === userid).map((s) => ('text' in s.message ? s.message.text : s.message.kind === 'button_card' ? `[卡片] ${s.message.title}` : s.message.kind === 'link_card' ? `[链接] ${s.message.title}` : s.message.fallbackText));
  }

  cardsTo(userid: string): Array<Extract<OutMessage, { kind: 'button_card' }>> {
    return this.sent.filter((s) => s.to.id === userid).flatMap((s) => (s.message.kind === 'button_card' ? [s.message] : []));
  }

  last(userid: string): string {
    return this.textsTo(userid).at(-1) ?? '';
  }
}
