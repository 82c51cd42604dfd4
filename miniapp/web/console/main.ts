/**
 * The demo console in the browser: pick a member, chat with the HR assistant as
 * them, tap card buttons, open links inside the phone, see their WeCom
 * calendar. New messages arrive through server-sent events (`change`), after
 * which the open chat is fetched again.
 *
 * Laptop: member list | phone | calendar. Phone: the chat fills the screen, the
 * member switcher and the calendar sit in the header.
 */
import { avatarColor, clear, h, initials } from './dom.js';
import { renderChat, type RenderContext } from './render.js';
import type { ActionAnswer, BootData, ChangeEvent, ChatView, PersonView, SideView } from './types.js';
import * as w from './wording.js';

const boot = JSON.parse(document.getElementById('boot')?.textContent ?? '{}') as BootData;
const people: PersonView[] = [...boot.personas, ...boot.others];
const byId = new Map(people.map((p) => [p.userid, p]));

const state = {
  current: pickInitial(),
  chats: new Map<string, ChatView>(),
  side: undefined as SideView | undefined,
  busy: new Set<string>(),
  lastSeen: loadSeen(),
  entered: new Set<string>(),
};

function pickInitial(): string {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (byId.has(fromHash)) return fromHash;
  const saved = localStorage.getItem('console.user');
  if (saved && byId.has(saved)) return saved;
  return boot.personas[0]?.userid ?? people[0]?.userid ?? '';
}

function loadSeen(): Record<string, number> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem('console.seen') ?? '{}');
    return typeof v === 'object' && v !== null ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function me(): PersonView {
  return byId.get(state.current) ?? people[0]!;
}

// ---------------------------------------------------------------------------
// Server calls

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function postJson(url: string, body: unknown): Promise<ActionAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as { ok?: boolean; reason?: string; error?: string };
  if (!res.ok) return { ok: false, reason: data.error ?? `HTTP ${res.status}` };
  return { ok: data.ok === true, ...(data.reason ? { reason: data.reason } : {}) };
}

const chatUrl = (userid: string) => `/console/api/chat/${encodeURIComponent(userid)}`;

// ---------------------------------------------------------------------------
// Layout

const ui = buildLayout();
document.getElementById('app')?.appendChild(ui.root);

function personButton(p: PersonView): HTMLButtonElement {
  return h('button', { type: 'button', class: 'person', 'data-userid': p.userid, onclick: () => select(p.userid) },
    h('span', { class: 'avatar', style: `background:${avatarColor(p.userid)}`, 'aria-hidden': 'true' }, initials(p.name)),
    h('span', { class: 'who' },
      h('span', { class: 'name' }, p.name, p.label ? h('span', { class: 'tag' }, p.label) : null),
      h('span', { class: 'pos' }, `${p.department} · ${p.position}`),
      p.hint ? h('span', { class: 'hint' }, p.hint) : null),
    h('span', { class: 'badge', hidden: true }));
}

function buildLayout() {
  const personaList = h('div', { class: 'person-list' }, ...boot.personas.map(personButton));
  const othersList = h('div', { class: 'person-list' }, ...boot.others.map(personButton));
  const peopleNav = h('nav', { class: 'people', 'aria-label': w.PEOPLE_HEADING },
    h('h1', { class: 'brand' }, w.TITLE),
    h('p', { class: 'company' }, boot.companyName),
    h('h2', {}, w.PEOPLE_HEADING),
    personaList,
    h('details', { class: 'others' }, h('summary', {}, `${w.OTHERS}（${boot.others.length}）`), othersList),
    h('h2', {}, w.WALKTHROUGH_HEADING),
    h('ol', { class: 'walkthrough' }, ...w.WALKTHROUGH.map((step) => h('li', {}, step))),
    h('p', { class: 'note' }, w.PEOPLE_NOTE));

  const switcher = h('select', { class: 'switcher', 'aria-label': w.SWITCH_LABEL, onchange: (ev: Event) => select((ev.target as HTMLSelectElement).value) },
    ...people.map((p) => h('option', { value: p.userid }, p.label ? `${p.name}（${p.label}）` : `${p.name} · ${p.position}`)));
  const subtitle = h('div', { class: 'chat-sub' });
  const calendarButton = h('button', { type: 'button', class: 'icon-btn cal-btn', 'aria-controls': 'side', 'aria-expanded': 'false', onclick: () => toggleSide() }, w.CALENDAR_BUTTON);
  const header = h('header', { class: 'chat-header' },
    h('div', { class: 'chat-title' }, h('div', { class: 'app-name' }, w.APP_NAME), subtitle),
    switcher,
    calendarButton);

  const messages = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': '对话记录' });
  const suggestions = h('div', { class: 'suggestions', 'aria-label': w.SUGGESTIONS_LABEL });
  const input = h('input', { type: 'text', class: 'composer-input', 'aria-label': w.INPUT_LABEL, placeholder: w.INPUT_PLACEHOLDER, autocomplete: 'off', enterkeyhint: 'send', maxlength: 600 });
  const sendButton = h('button', { type: 'submit', class: 'send' }, w.SEND);
  const composer = h('form', { class: 'composer', onsubmit: (ev: Event) => (ev.preventDefault(), void send()) }, input, sendButton);
  const toast = h('div', { class: 'toast', role: 'alert', hidden: true });

  const frame = h('iframe', { class: 'browser-frame', title: '页面', name: 'phone-browser' });
  const browserTitle = h('div', { class: 'browser-title' }, w.BROWSER_LOADING);
  const browserNew = h('a', { class: 'icon-btn', target: '_blank', rel: 'noopener', href: '#' }, w.BROWSER_NEW_WINDOW);
  const browser = h('section', { class: 'browser', hidden: true, 'aria-label': '页面' },
    h('header', { class: 'browser-bar' },
      h('button', { type: 'button', class: 'icon-btn close', 'aria-label': w.BROWSER_CLOSE, onclick: () => closeBrowser() }, '✕'),
      browserTitle,
      browserNew),
    frame);
  frame.addEventListener('load', () => {
    try {
      browserTitle.textContent = frame.contentDocument?.title || boot.companyName;
    } catch {
      browserTitle.textContent = boot.companyName;
    }
  });

  const phone = h('main', { class: 'phone' }, header, messages, suggestions, composer, browser, toast);
  const sideBody = h('div', { class: 'side-body' });
  const side = h('aside', { class: 'side', id: 'side', 'aria-label': w.CALENDAR_HEADING },
    h('div', { class: 'side-head' }, h('h2', {}, w.CALENDAR_HEADING), h('button', { type: 'button', class: 'icon-btn side-close', 'aria-label': w.CALENDAR_CLOSE, onclick: () => toggleSide(false) }, '✕')),
    sideBody);
  const offline = h('div', { class: 'offline', role: 'status', hidden: true }, w.CONNECTION_LOST);
  const scrim = h('div', { class: 'scrim', 'aria-hidden': 'true', onclick: () => toggleSide(false) });
  const root = h('div', { class: 'console' }, peopleNav, h('div', { class: 'stage' }, phone), scrim, side, offline);
  return { root, messages, suggestions, input, sendButton, subtitle, switcher, sideBody, side, calendarButton, toast, browser, frame, browserTitle, browserNew, offline };
}

// ---------------------------------------------------------------------------
// Behaviour

function renderContext(): RenderContext {
  return { me: me(), onLink: openLink, onTap: tap, busy: state.busy };
}

function renderCurrent(): void {
  const chat = state.chats.get(state.current);
  const box = ui.messages;
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  const previousCount = Number(box.dataset['count'] ?? '0');
  clear(box);
  if (!chat || chat.items.length === 0) box.appendChild(h('div', { class: 'empty' }, w.EMPTY_CHAT));
  else box.appendChild(renderChat(chat.items, renderContext()));
  const count = chat?.items.length ?? 0;
  box.dataset['count'] = String(count);
  if (nearBottom || count > previousCount) box.scrollTop = box.scrollHeight;
  const last = chat?.items[chat.items.length - 1];
  if (last) markSeen(state.current, last.seq);
}

function renderPeople(): void {
  for (const btn of document.querySelectorAll<HTMLButtonElement>('.person')) {
    const id = btn.dataset['userid'] ?? '';
    const active = id === state.current;
    btn.classList.toggle('active', active);
    btn.setAttribute('aria-current', active ? 'true' : 'false');
    const badge = btn.querySelector<HTMLElement>('.badge');
    const n = unread(id);
    if (badge) {
      badge.hidden = n === 0 || active;
      badge.textContent = String(n);
      badge.setAttribute('aria-label', w.UNREAD(n));
    }
  }
  ui.switcher.value = state.current;
  const p = me();
  ui.subtitle.textContent = w.CHAT_AS(p.name);
  clear(ui.suggestions);
  for (const s of w.SUGGESTIONS[p.userid] ?? w.DEFAULT_SUGGESTIONS) {
    ui.suggestions.appendChild(h('button', { type: 'button', class: 'chip', onclick: () => ((ui.input.value = s), ui.input.focus()) }, s));
  }
}

function unread(userid: string): number {
  const chat = state.chats.get(userid);
  if (!chat) return 0;
  const seen = state.lastSeen[userid] ?? 0;
  return chat.items.filter((i) => i.kind === 'bot' && i.seq > seen).length;
}

function markSeen(userid: string, seq: number): void {
  if ((state.lastSeen[userid] ?? 0) >= seq) return;
  state.lastSeen[userid] = seq;
  localStorage.setItem('console.seen', JSON.stringify(state.lastSeen));
}

function renderSide(): void {
  const side = state.side;
  const box = ui.sideBody;
  clear(box);
  const p = me();
  box.appendChild(h('p', { class: 'side-who' }, `${p.name} · ${p.position}`));
  if (!side || side.calendar.length === 0) box.appendChild(h('p', { class: 'muted' }, w.CALENDAR_EMPTY));
  else {
    let lastDate = '';
    const listEl = h('ol', { class: 'cal-list' });
    for (const item of side.calendar) {
      if (item.dateLabel !== lastDate) {
        listEl.appendChild(h('li', { class: 'cal-date' }, item.dateLabel));
        lastDate = item.dateLabel;
      }
      listEl.appendChild(h('li', { class: `cal-item${item.past ? ' past' : ''}` },
        h('div', { class: 'cal-time' }, item.timeLabel),
        h('div', { class: 'cal-main' },
          h('div', { class: 'cal-summary' }, item.summary),
          item.location ? h('div', { class: 'cal-meta' }, `${w.CALENDAR_LOCATION}：${item.location}`) : null,
          item.attendees.length > 0 ? h('div', { class: 'cal-meta' }, `${w.CALENDAR_ATTENDEES}：${item.attendees.join('、')}`) : null,
          item.description ? h('div', { class: 'cal-desc' }, item.description) : null)));
    }
    box.appendChild(listEl);
  }
  if (side && side.approvals.length > 0) {
    box.appendChild(h('h2', {}, w.APPROVALS_HEADING));
    for (const a of side.approvals) {
      box.appendChild(h('div', { class: 'approval' },
        h('div', {}, `${a.applicant}的${a.title}`),
        h('div', { class: 'cal-meta' }, `${a.submittedLabel} · ${a.spNo}`),
        h('div', { class: 'approval-actions' },
          h('button', { type: 'button', class: 'tpl-btn s1', onclick: () => void decide(a.spNo, 'approve') }, w.APPROVE),
          h('button', { type: 'button', class: 'tpl-btn s3', onclick: () => void decide(a.spNo, 'reject') }, w.REJECT))));
    }
  }
  if (p.isHr) {
    box.appendChild(h('h2', {}, w.PAGES_HEADING));
    box.appendChild(h('div', { class: 'pages' },
      h('button', { type: 'button', class: 'page-link', onclick: () => openLink(`${boot.appOrigin}/hr/dashboard`) }, w.DASHBOARD_LINK, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›')),
      h('button', { type: 'button', class: 'page-link', onclick: () => openLink(`${boot.appOrigin}/hr/payslips`) }, w.PAYSLIP_ADMIN_LINK, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'))));
    box.appendChild(h('p', { class: 'muted small' }, w.PAGES_NOTE));
  }
}

async function loadChat(userid: string): Promise<void> {
  try {
    const view = await getJson<ChatView>(chatUrl(userid));
    state.chats.set(userid, view);
    if (userid === state.current) renderCurrent();
    renderPeople();
  } catch {
    showToast(w.ERROR_GENERIC);
  }
}

async function loadSide(): Promise<void> {
  const userid = state.current;
  try {
    const view = await getJson<SideView>(`/console/api/side/${encodeURIComponent(userid)}`);
    if (userid !== state.current) return;
    state.side = view;
    renderSide();
  } catch {
    // The calendar is secondary: keep what is shown.
  }
}

function select(userid: string): void {
  if (!byId.has(userid)) return;
  state.current = userid;
  state.side = undefined;
  localStorage.setItem('console.user', userid);
  history.replaceState(null, '', `#${encodeURIComponent(userid)}`);
  closeBrowser();
  renderPeople();
  renderCurrent();
  renderSide();
  void loadChat(userid);
  void loadSide();
  if (!state.entered.has(userid)) {
    state.entered.add(userid);
    void postJson(`${chatUrl(userid)}/enter`, {});
  }
}

async function send(): Promise<void> {
  const text = ui.input.value.trim();
  if (!text) return;
  ui.input.value = '';
  ui.sendButton.disabled = true;
  try {
    const r = await postJson(`${chatUrl(state.current)}/say`, { text });
    if (!r.ok) {
      showToast(r.reason ?? w.ERROR_GENERIC);
      ui.input.value = text;
    }
  } finally {
    ui.sendButton.disabled = false;
    ui.input.focus();
  }
}

function tap(msgid: string, key: string, option: string | undefined): void {
  const id = `${msgid}|${key}`;
  if (state.busy.has(id)) return;
  state.busy.add(id);
  renderCurrent();
  void postJson(`${chatUrl(state.current)}/tap`, { msgid, key, ...(option ? { option } : {}) }).then((r) => {
    state.busy.delete(id);
    if (!r.ok) showToast(r.reason ?? w.ERROR_GENERIC);
    void loadChat(state.current);
  });
}

async function decide(spNo: string, decision: 'approve' | 'reject'): Promise<void> {
  const r = await postJson(`/console/api/approvals/${encodeURIComponent(spNo)}`, { userid: state.current, decision });
  if (!r.ok) showToast(r.reason ?? w.ERROR_GENERIC);
  void loadSide();
}

/** App links open in the phone, signed in as the member (simulated WeCom OAuth); others in a new tab. */
function openLink(url: string): void {
  let target: URL;
  try {
    target = new URL(url, location.href);
  } catch {
    return;
  }
  if (target.origin !== boot.appOrigin && target.origin !== location.origin) {
    window.open(target.href, '_blank', 'noopener');
    return;
  }
  const via = `/console/open?as=${encodeURIComponent(state.current)}&url=${encodeURIComponent(target.href)}`;
  ui.browserTitle.textContent = w.BROWSER_LOADING;
  ui.browserNew.href = via;
  ui.frame.src = via;
  ui.browser.hidden = false;
  ui.root.classList.add('browsing');
}

function closeBrowser(): void {
  if (ui.browser.hidden) return;
  ui.browser.hidden = true;
  ui.root.classList.remove('browsing');
  ui.frame.src = 'about:blank';
}

function toggleSide(open?: boolean): void {
  const show = open ?? !ui.root.classList.contains('side-open');
  ui.root.classList.toggle('side-open', show);
  ui.calendarButton.setAttribute('aria-expanded', String(show));
}

let toastTimer: number | undefined;
function showToast(text: string): void {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (ui.toast.hidden = true), 4000);
}

// ---------------------------------------------------------------------------
// Live updates

const pending = new Set<string>();
let flushTimer: number | undefined;

function onChange(change: ChangeEvent): void {
  for (const u of change.userids) if (byId.has(u)) pending.add(u);
  if (change.userids.includes(state.current)) void loadSide();
  window.clearTimeout(flushTimer);
  flushTimer = window.setTimeout(() => {
    const users = [...pending];
    pending.clear();
    for (const u of users) void loadChat(u);
  }, 60);
}

function connect(): void {
  const es = new EventSource('/console/api/events');
  es.addEventListener('hello', () => {
    ui.offline.hidden = true;
    // Anything may have happened while disconnected.
    for (const p of boot.personas) void loadChat(p.userid);
    void loadChat(state.current);
  });
  es.addEventListener('change', (ev) => {
    try {
      onChange(JSON.parse((ev as MessageEvent<string>).data) as ChangeEvent);
    } catch {
      // A malformed event changes nothing.
    }
  });
  es.addEventListener('error', () => {
    ui.offline.hidden = false;
  });
}

window.addEventListener('hashchange', () => {
  const id = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (id !== state.current && byId.has(id)) select(id);
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') {
    closeBrowser();
    toggleSide(false);
  }
});

select(state.current);
connect();
