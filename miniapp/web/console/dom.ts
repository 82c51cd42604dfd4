/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, so
 * nothing the app or a member sends can inject markup into the console.
 */

export type Child = Node | string | null | undefined | false;
type Attrs = Readonly<Record<string, string | number | boolean | undefined | ((ev: Event) => void)>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Only http(s) and same-site links are followed. */
export function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The last two characters of a Chinese name, as WeCom's default avatars show. */
export function initials(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 2 ? chars.join('') : chars.slice(-2).join('');
}

/** A stable colour per person for default avatars. */
export function avatarColor(key: string): string {
  const palette = ['#3370ff', '#00b578', '#ff8800', '#7b61ff', '#f54a45', '#14a9c9', '#b45fd1', '#2ea121'];
  let hsh = 0;
  for (const ch of key) hsh = (hsh * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[hsh % palette.length] ?? '#3370ff';
}
