/**
 * Renders a member's chat the way the WeCom app shows it: bubbles for text and
 * markdown, the white textcard with its 详情 row, and template cards (source,
 * title, key–value lines, buttons) that update in place — after the app calls
 * update_template_card the buttons turn into one grey 已同意 / 已驳回 label.
 */
import { avatarColor, h, initials, type Child } from './dom.js';
import { cardDescription, inline, markdownBlock, textBlock, type LinkHandler } from './markup.js';
import type { BotContentView, CardStateView, ChatItemView, JsonObject, PersonView } from './types.js';
import * as w from './wording.js';

export interface RenderContext {
  readonly me: PersonView;
  readonly onLink: LinkHandler;
  readonly onTap: (msgid: string, key: string, option: string | undefined) => void;
  /** Buttons being sent right now (`msgid|key`). */
  readonly busy: ReadonlySet<string>;
}

const GAP_MS = 5 * 60_000;

export function renderChat(items: readonly ChatItemView[], ctx: RenderContext): DocumentFragment {
  const frag = document.createDocumentFragment();
  let lastAt = 0;
  for (const item of items) {
    if (item.at - lastAt > GAP_MS) frag.appendChild(h('div', { class: 'time-sep' }, item.timeLabel));
    lastAt = item.at;
    frag.appendChild(renderItem(item, ctx));
  }
  return frag;
}

function botAvatar(): HTMLElement {
  return h('div', { class: 'avatar bot', 'aria-hidden': 'true' }, 'HR');
}

function meAvatar(me: PersonView): HTMLElement {
  return h('div', { class: 'avatar', style: `background:${avatarColor(me.userid)}`, 'aria-hidden': 'true' }, initials(me.name));
}

function renderItem(item: ChatItemView, ctx: RenderContext): HTMLElement {
  switch (item.kind) {
    case 'user_text': {
      const status =
        item.delivery.state === 'pending'
          ? h('div', { class: 'delivery' }, w.SENDING)
          : item.delivery.state === 'failed'
            ? h('div', { class: 'delivery failed', role: 'status' }, w.DELIVERY_FAILED(item.delivery.reason, item.delivery.attempts))
            : null;
      return h('div', { class: 'row me', 'data-seq': item.seq },
        h('div', { class: 'stack' }, h('div', { class: 'bubble me' }, item.text), status),
        meAvatar(ctx.me));
    }
    case 'dropped':
      return h('div', { class: 'system-note', 'data-seq': item.seq }, w.DROPPED(item.reason));
    case 'bot':
      return h('div', { class: 'row bot', 'data-seq': item.seq, 'data-msgid': item.id }, botAvatar(), renderBot(item.id, item.content, item.card, item.timeLabel, ctx));
  }
}

function renderBot(msgid: string, content: BotContentView, card: CardStateView | undefined, timeLabel: string, ctx: RenderContext): HTMLElement {
  switch (content.msgtype) {
    case 'text':
      return h('div', { class: 'bubble bot' }, textBlock(content.content, ctx.onLink));
    case 'markdown':
      return h('div', { class: 'bubble bot' }, markdownBlock(content.content, ctx.onLink));
    case 'textcard':
      return h('article', { class: 'textcard', 'aria-label': content.title },
        h('div', { class: 'tc-title' }, content.title),
        h('div', { class: 'tc-date' }, timeLabel),
        cardDescription(content.description, ctx.onLink),
        h('button', { type: 'button', class: 'tc-more', onclick: () => ctx.onLink(content.url) }, h('span', {}, content.btntxt || w.CARD_DETAILS), h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›')));
    case 'template_card':
      return templateCard(msgid, card?.replacedCard ?? content.card, card, ctx);
  }
}

// ---------------------------------------------------------------------------
// Template cards (doc 90236): the fields WeCom draws, in its order.

function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}
function str(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
function list(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
}

const DESC_COLORS = ['gray', 'black', 'red', 'green'] as const;

function templateCard(msgid: string, card: JsonObject, state: CardStateView | undefined, ctx: RenderContext): HTMLElement {
  const type = str(card, 'card_type') ?? '';
  const source = obj(card, 'source');
  const main = obj(card, 'main_title');
  const emphasis = obj(card, 'emphasis_content');
  const quote = obj(card, 'quote_area');
  const action = obj(card, 'card_action');
  const actionUrl = str(action, 'type') === '1' ? str(action, 'url') : undefined;
  const parts: Child[] = [];

  if (source && (str(source, 'desc') || str(source, 'icon_url'))) {
    const color = DESC_COLORS[Number(str(source, 'desc_color') ?? 0)] ?? 'gray';
    parts.push(h('div', { class: 'tpl-source' }, h('span', { class: 'tpl-icon', 'aria-hidden': 'true' }, 'HR'), h('span', { class: `desc-${color}` }, str(source, 'desc') ?? '')));
  }
  if (main && str(main, 'title')) parts.push(h('div', { class: 'tpl-title' }, str(main, 'title') ?? ''));
  if (main && str(main, 'desc')) parts.push(h('div', { class: 'tpl-desc' }, str(main, 'desc') ?? ''));
  if (emphasis && (str(emphasis, 'title') || str(emphasis, 'desc'))) {
    parts.push(h('div', { class: 'tpl-emphasis' }, h('div', { class: 'big' }, str(emphasis, 'title') ?? ''), h('div', { class: 'small' }, str(emphasis, 'desc') ?? '')));
  }
  if (quote && (str(quote, 'title') || str(quote, 'quote_text'))) {
    parts.push(h('div', { class: 'tpl-quote' }, str(quote, 'title') ? h('div', { class: 'q-title' }, str(quote, 'title') ?? '') : null, h('div', {}, str(quote, 'quote_text') ?? '')));
  }
  const sub = str(card, 'sub_title_text');
  if (sub) parts.push(h('div', { class: 'tpl-sub' }, ...inline(sub, ctx.onLink, false)));
  const kv = list(card, 'horizontal_content_list');
  if (kv.length > 0) {
    parts.push(h('dl', { class: 'tpl-kv' }, ...kv.flatMap((row) => {
      const value = str(row, 'value') ?? '';
      const url = str(row, 'type') === '1' ? str(row, 'url') : undefined;
      return [
        h('dt', {}, str(row, 'keyname') ?? ''),
        h('dd', {}, url ? h('a', { href: url, class: 'msg-link', onclick: (ev: Event) => (ev.preventDefault(), ctx.onLink(url)) }, value) : value),
      ];
    })));
  }
  const jumps = list(card, 'jump_list');
  if (jumps.length > 0) {
    parts.push(h('div', { class: 'tpl-jumps' }, ...jumps.map((j) => {
      const url = str(j, 'url');
      return url ? h('button', { type: 'button', class: 'tpl-jump', onclick: () => ctx.onLink(url) }, str(j, 'title') ?? url, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›')) : null;
    })));
  }

  if (type === 'button_interaction') parts.push(buttons(msgid, card, state, ctx));

  const el = h('article', { class: `tpl ${actionUrl ? 'clickable' : ''}`, 'aria-label': str(main, 'title') ?? '卡片消息' }, ...parts);
  if (actionUrl) {
    el.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('button, select, a')) return;
      ctx.onLink(actionUrl);
    });
  }
  return el;
}

function buttons(msgid: string, card: JsonObject, state: CardStateView | undefined, ctx: RenderContext): HTMLElement {
  if (state?.replaceName) {
    return h('div', { class: 'tpl-buttons' }, h('button', { type: 'button', class: 'tpl-btn done', disabled: true }, state.replaceName));
  }
  const selection = obj(card, 'button_selection');
  let select: HTMLSelectElement | undefined;
  const out: Child[] = [];
  if (selection) {
    const options = list(selection, 'option_list');
    const id = `sel-${msgid}`;
    select = h('select', { id, class: 'tpl-select' }, ...options.map((o) => h('option', { value: str(o, 'id') ?? '', selected: str(o, 'id') === str(selection, 'selected_id') }, str(o, 'text') ?? '')));
    out.push(h('label', { class: 'tpl-select-label', for: id }, str(selection, 'title') ?? ''), select);
  }
  const waiting = state?.tappedKey !== undefined;
  const row = h('div', { class: 'tpl-buttons' }, ...list(card, 'button_list').map((b) => {
    const text = str(b, 'text') ?? '';
    const style = Number(str(b, 'style') ?? 1);
    const cls = `tpl-btn s${[1, 2, 3, 4].includes(style) ? style : 1}`;
    if (str(b, 'type') === '1') {
      const url = str(b, 'url') ?? '';
      return h('button', { type: 'button', class: cls, onclick: () => ctx.onLink(url) }, text);
    }
    const key = str(b, 'key') ?? '';
    const busy = ctx.busy.has(`${msgid}|${key}`);
    return h('button', {
      type: 'button',
      class: `${cls}${busy || state?.tappedKey === key ? ' tapped' : ''}`,
      'aria-busy': busy ? 'true' : undefined,
      disabled: busy,
      onclick: () => ctx.onTap(msgid, key, select?.value),
    }, text);
  }));
  out.push(row);
  if (waiting) out.push(h('div', { class: 'tpl-wait', role: 'status' }, w.CARD_WAITING));
  return h('div', { class: 'tpl-actions' }, ...out);
}
