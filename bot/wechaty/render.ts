/**
 * How an `OutMessage` reads in a personal WeChat chat: plain text only (no
 * cards, no markdown), links written out so they can be tapped.
 */
import type { OutMessage } from '../../flows/types.js';

export function renderForWechat(message: OutMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'markdown':
      return message.fallbackText;
    case 'link_card':
      return [message.title, message.description, message.url].filter(Boolean).join('\n');
    case 'button_card':
      return [
        message.title,
        ...(message.description ? [message.description] : []),
        ...message.fields.map((f) => `${f.label}：${f.value}`),
        ...(message.url ? [message.url] : []),
      ].join('\n');
  }
}
