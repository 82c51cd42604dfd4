/**
 * Channel-neutral messages (flows/types.ts) → WeCom `message/send` and
 * `message/update_template_card` bodies. Pure; the Outbox sender adds the
 * recipient and calls the API.
 *
 *   text        → text            (≤ 2048 bytes)
 *   markdown    → markdown        (≤ 2048 bytes; WeCom's subset)
 *   link_card   → textcard        (title ≤ 128 B, description ≤ 512 B, btntxt ≤ 4 chars)
 *   button_card → template_card   button_interaction: task_id, source, main_title,
 *                                 horizontal_content_list (≤ 6), button_list (≤ 6)
 *   CardUpdate  → update_template_card with `button.replace_name`
 *
 * WeCom rejects some over-long fields and truncates others without saying so;
 * here every limit is applied on a character boundary with an ellipsis, so what
 * arrives is what we chose to cut. A task id WeCom would refuse is a programming
 * error: `RenderError`, which the sender dead-letters instead of retrying.
 */
import type { CardUpdate, OutMessage } from '../../flows/types.js';
import type { MessageContent, UpdateTemplateCardRequest } from './api/index.js';
import type { ButtonStyle, ButtonInteractionCard } from './api/template-card.js';

export const TEXT_LIMIT_BYTES = 2048;
const TEXTCARD_TITLE_BYTES = 128;
const TEXTCARD_DESCRIPTION_BYTES = 512;
const BUTTON_TEXT_CHARS = 4;
const MAX_CARD_FIELDS = 6;
const MAX_CARD_BUTTONS = 6;
const TASK_ID = /^[A-Za-z0-9_\-@]{1,128}$/;

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

const STYLE: Record<'primary' | 'danger' | 'default', ButtonStyle> = { primary: 1, danger: 2, default: 3 };

/** The `message/send` content for one message (without `touser`, added by the sender). */
export function renderMessage(m: OutMessage): MessageContent {
  switch (m.kind) {
    case 'text':
      return { msgtype: 'text', text: { content: clipBytes(m.text, TEXT_LIMIT_BYTES) } };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { content: clipBytes(m.markdown, TEXT_LIMIT_BYTES) } };
    case 'link_card':
      return {
        msgtype: 'textcard',
        textcard: {
          title: clipBytes(m.title, TEXTCARD_TITLE_BYTES),
          description: clipBytes(m.description, TEXTCARD_DESCRIPTION_BYTES),
          url: m.url,
          ...(m.button ? { btntxt: [...m.button].slice(0, BUTTON_TEXT_CHARS).join('') } : {}),
        },
      };
    case 'button_card': {
      if (!TASK_ID.test(m.taskId)) throw new RenderError(`task_id "${m.taskId}" is not 1–128 of [A-Za-z0-9_-@]`);
      if (m.buttons.length === 0) throw new RenderError('a button card needs at least one button');
      if (m.buttons.length > MAX_CARD_BUTTONS) throw new RenderError(`a button card takes at most ${MAX_CARD_BUTTONS} buttons`);
      const card: ButtonInteractionCard = {
        card_type: 'button_interaction',
        task_id: m.taskId,
        ...(m.source ? { source: { desc: m.source, desc_color: 0 } } : {}),
        main_title: { title: m.title, ...(m.description ? { desc: m.description } : {}) },
        // Fields beyond WeCom's six would be dropped by WeCom; we drop them visibly here.
        horizontal_content_list: m.fields.slice(0, MAX_CARD_FIELDS).map((f) => ({ keyname: f.label, value: f.value })),
        ...(m.url ? { card_action: { type: 1, url: m.url } } : {}),
        button_list: m.buttons.map((b) => ({ type: 0, text: b.text, style: STYLE[b.style], key: b.key })),
      };
      return { msgtype: 'template_card', template_card: card };
    }
  }
}

/** The `message/update_template_card` body: grey out the buttons with `replaceName`. */
export function renderCardUpdate(u: CardUpdate): UpdateTemplateCardRequest {
  if (u.userids.length === 0) throw new RenderError('a card update needs at least one userid');
  return { userids: [...u.userids], response_code: u.responseCode, button: { replace_name: u.replaceName } };
}

/** Cuts `s` to at most `limit` UTF-8 bytes on a character boundary, ending with … when cut. */
export function clipBytes(s: string, limit: number): string {
  if (Buffer.byteLength(s, 'utf8') <= limit) return s;
  const ellipsis = '…';
  let budget = limit - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of s) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return out + ellipsis;
}
