/**
 * The little markup WeCom renders inside messages, turned into DOM nodes:
 *  - text messages: `<a href="…">…</a>` links (and bare URLs, as the client linkifies them);
 *  - markdown messages: # headings, **bold**, [links](url), `code`, > quotes and
 *    `<font color="info|comment|warning">` (WeCom's three colours);
 *  - textcard descriptions: `<div class="gray|normal|highlight">`.
 * Anything else stays literal text.
 */
import { h, safeUrl, type Child } from './dom.js';

export type LinkHandler = (url: string) => void;

const INLINE =
  /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|`([^`\n]+)`|<font color="(info|comment|warning)">([\s\S]*?)<\/font>|<a href="([^"]+)">([\s\S]*?)<\/a>|(https?:\/\/[^\s<>"'，。）)]+)/g;

function link(url: string, label: readonly Child[], onLink: LinkHandler): Child {
  const href = safeUrl(url);
  if (!href) return label.filter((c): c is string => typeof c === 'string').join('');
  return h('a', {
    href,
    class: 'msg-link',
    onclick: (ev: Event) => {
      ev.preventDefault();
      onLink(href);
    },
  }, ...label);
}

/** Long links (signed tokens) shortened for reading, as chat apps do; the link itself is whole. */
export function shortUrl(url: string): string {
  const shown = url.replace(/^https?:\/\//, '');
  return shown.length > 42 ? `${shown.slice(0, 40)}…` : shown;
}

/** Inline markup to nodes. `markdown` enables the markdown-only syntax. */
export function inline(text: string, onLink: LinkHandler, markdown: boolean): Child[] {
  const out: Child[] = [];
  let last = 0;
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
    const [whole, bold, mdLabel, mdUrl, code, color, colored, aHref, aLabel, bare] = m;
    const isMarkdownOnly = bold !== undefined || mdLabel !== undefined || code !== undefined || color !== undefined;
    if (isMarkdownOnly && !markdown) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    if (bold !== undefined) out.push(h('strong', {}, ...inline(bold, onLink, markdown)));
    else if (mdLabel !== undefined && mdUrl !== undefined) out.push(link(mdUrl, [mdLabel], onLink));
    else if (code !== undefined) out.push(h('code', {}, code));
    else if (color !== undefined) out.push(h('span', { class: `font-${color}` }, ...inline(colored ?? '', onLink, markdown)));
    else if (aHref !== undefined) out.push(link(aHref, [aLabel ?? aHref], onLink));
    else if (bare !== undefined) out.push(link(bare, [shortUrl(bare)], onLink));
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A text message: lines kept, links live. */
export function textBlock(text: string, onLink: LinkHandler): HTMLElement {
  return h('div', { class: 'text' }, ...inline(text, onLink, false));
}

/** A markdown message, block by block. */
export function markdownBlock(md: string, onLink: LinkHandler): HTMLElement {
  const root = h('div', { class: 'md' });
  let quote: HTMLElement | undefined;
  let para: HTMLElement | undefined;
  for (const raw of md.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      para = undefined;
      quote ??= root.appendChild(h('blockquote'));
      if (quote.childNodes.length > 0) quote.appendChild(h('br'));
      for (const c of inline(q[1] ?? '', onLink, true)) if (c) quote.append(c);
      continue;
    }
    quote = undefined;
    if (heading) {
      para = undefined;
      root.appendChild(h(`h${Math.min(6, (heading[1] ?? '#').length + 2)}` as 'h3', { class: 'md-h' }, ...inline(heading[2] ?? '', onLink, true)));
      continue;
    }
    if (line === '') {
      para = undefined;
      continue;
    }
    if (para) para.appendChild(h('br'));
    else para = root.appendChild(h('p'));
    for (const c of inline(line, onLink, true)) if (c) para.append(c);
  }
  return root;
}

/** A textcard description: `<div class="gray|normal|highlight">` lines, the rest as text. */
export function cardDescription(desc: string, onLink: LinkHandler): HTMLElement {
  const root = h('div', { class: 'tc-desc' });
  const re = /<div class="(gray|normal|highlight)">([\s\S]*?)<\/div>/g;
  let last = 0;
  for (let m = re.exec(desc); m; m = re.exec(desc)) {
    const before = desc.slice(last, m.index).trim();
    if (before) root.appendChild(h('div', { class: 'tc-normal' }, ...inline(before, onLink, false)));
    root.appendChild(h('div', { class: `tc-${m[1] ?? 'normal'}` }, ...inline(m[2] ?? '', onLink, false)));
    last = m.index + m[0].length;
  }
  const rest = desc.slice(last).trim();
  if (rest) for (const line of rest.split('\n')) root.appendChild(h('div', { class: 'tc-normal' }, ...inline(line, onLink, false)));
  return root;
}
