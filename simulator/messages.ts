/**
 * 应用消息: `message/send` (doc 90236) and `message/update_template_card`
 * (doc 94888), with WeCom's checks — the agent id, recipients (some invalid: the
 * rest still get it; all invalid: 81013), content limits in bytes, `task_id`
 * rules, and single-use response codes valid 72 h. Per member at most 30
 * messages a minute and 1,000 an hour are shown; WeCom silently drops the rest,
 * and so does the simulator (the console marks the drop so a demo is not
 * mysterious).
 */
import { Errors, withHint, type WecomError } from './errors.js';
import { randomId, type SimContext } from './context.js';
import { arr, byteLength, isObject, num, obj, str, type Json } from './http.js';
import type { BotContent, ChatItem } from './state.js';
import { MAX_CHAT_ITEMS } from './state.js';

export const RESPONSE_CODE_TTL_MS = 72 * 3600_000;
const TASK_ID = /^[A-Za-z0-9_\-@]{1,128}$/;
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const CARD_TYPES = new Set(['text_notice', 'news_notice', ...INTERACTIVE]);

export interface SendLimits {
  readonly perMinute: number;
  readonly perHour: number;
}

export const WECOM_SEND_LIMITS: SendLimits = { perMinute: 30, perHour: 1000 };

export type SendResult = { readonly ok: true; readonly body: Json } | { readonly ok: false; readonly error: WecomError };

export function sendMessage(ctx: SimContext, body: unknown, limits: SendLimits): SendResult {
  if (!isObject(body)) return fail(Errors.dataFormat);
  if (num(body, 'agentid') !== ctx.corp.agentId) return fail(Errors.invalidAgentId);
  const msgtype = str(body, 'msgtype');
  if (!msgtype) return fail(withHint(Errors.invalidMsgType, 'msgtype missing'));

  const content = parseContent(ctx, msgtype, body);
  if ('errcode' in content) return fail(content);

  const targets = resolveTargets(ctx, body);
  if ('errcode' in targets) return fail(targets);
  if (targets.users.length === 0) return fail(Errors.allRecipientsInvalid);

  const nowMs = ctx.nowMs();
  const repeated = duplicateOf(ctx, body, content, targets.users, nowMs);
  if (repeated) return { ok: true, body: { invaliduser: targets.invalidUsers.join('|'), invalidparty: '', invalidtag: '', unlicenseduser: '', msgid: repeated } };
  ctx.state.counters.msg += 1;
  const msgid = `${randomId(12)}${ctx.state.counters.msg}`;
  const interactive = content.msgtype === 'template_card' && INTERACTIVE.has(String(content.card['card_type']));
  const taskId = content.msgtype === 'template_card' ? str(content.card, 'task_id') : undefined;
  // Notice cards with an action menu can be updated too (doc 94888), so they get a code as well.
  const updatable = interactive || (content.msgtype === 'template_card' && obj(content.card, 'action_menu') !== undefined && taskId !== undefined);
  if (taskId) ctx.state.taskIds[taskId] = msgid;

  for (const userid of targets.users) {
    const seq = ctx.state.seq + 1;
    const over = overLimit(ctx, userid, nowMs, limits);
    const item: ChatItem = over
      ? { kind: 'dropped', seq, id: msgid, userid, at: nowMs, reason: over }
      : { kind: 'bot', seq, id: msgid, userid, at: nowMs, content, card: interactive ? {} : undefined };
    ctx.state.seq = seq;
    ctx.state.chat.push(item);
  }
  trimChat(ctx);
  ctx.changed(targets.users);

  const answer: Record<string, unknown> = {
    invaliduser: targets.invalidUsers.join('|'),
    invalidparty: targets.invalidParties.join('|'),
    invalidtag: targets.invalidTags.join('|'),
    unlicenseduser: '',
    msgid,
  };
  if (updatable && taskId) {
    const code = randomId(43);
    ctx.state.responseCodes[code] = { msgid, taskId, expiresAt: nowMs + RESPONSE_CODE_TTL_MS, origin: 'send' };
    answer['response_code'] = code;
  }
  return { ok: true, body: answer };
}

/** `message/update_template_card`: grey out the buttons, or replace the card. */
export function updateTemplateCard(ctx: SimContext, body: unknown): SendResult {
  if (!isObject(body)) return fail(Errors.dataFormat);
  if (num(body, 'agentid') !== ctx.corp.agentId) return fail(Errors.invalidAgentId);
  const code = str(body, 'response_code');
  if (!code) return fail(withHint(Errors.invalidParameter, 'response_code required'));
  const nowMs = ctx.nowMs();
  const record = ctx.state.responseCodes[code];
  if (!record || record.usedAt !== undefined || record.expiresAt <= nowMs) {
    return fail(withHint(Errors.invalidParameter, 'invalid response_code (unknown, already used or expired)'));
  }
  const button = obj(body, 'button');
  const replaceName = button ? str(button, 'replace_name') : undefined;
  const newCard = obj(body, 'template_card');
  if ((replaceName === undefined) === (newCard === undefined)) {
    return fail(withHint(Errors.invalidParameter, 'give either button.replace_name or template_card'));
  }
  if (replaceName !== undefined && (replaceName === '' || [...replaceName].length > 20)) {
    return fail(withHint(Errors.invalidParameter, 'button.replace_name must be 1..20 characters'));
  }
  if (newCard) {
    const checked = checkCard(ctx, newCard, false);
    if (checked) return fail(checked);
  }

  const copies = ctx.state.chat.filter(
    (i): i is Extract<ChatItem, { kind: 'bot' }> => i.kind === 'bot' && i.id === record.msgid && i.content.msgtype === 'template_card',
  );
  const original = copies[0];
  if (!original || original.content.msgtype !== 'template_card') return fail(withHint(Errors.invalidParameter, 'the card is gone'));
  const cardType = String(original.content.card['card_type']);
  if (replaceName !== undefined && !INTERACTIVE.has(cardType)) {
    return fail(withHint(Errors.invalidParameter, 'only interactive cards have buttons to update'));
  }

  const recipients = new Set(copies.map((c) => c.userid));
  const wanted = new Set<string>();
  const invaliduser: string[] = [];
  if (num(body, 'atall') === 1) for (const u of recipients) wanted.add(u);
  for (const u of arr(body, 'userids') ?? []) {
    const found = typeof u === 'string' ? ctx.directory.user(u) : undefined;
    if (found && recipients.has(found.userid)) wanted.add(found.userid);
    else invaliduser.push(String(u));
  }
  for (const p of arr(body, 'partyids') ?? []) {
    const id = typeof p === 'number' ? p : Number(p);
    for (const d of ctx.directory.subtree(id)) for (const m of ctx.directory.members(d.id)) if (recipients.has(m.userid)) wanted.add(m.userid);
  }
  if (wanted.size === 0 && invaliduser.length === 0) {
    return fail(withHint(Errors.invalidParameter, 'no userids, partyids, tagids or atall given'));
  }

  record.usedAt = nowMs;
  for (const copy of copies) {
    if (!wanted.has(copy.userid)) continue;
    copy.card = replaceName !== undefined
      ? { ...copy.card, replaceName, updatedAt: nowMs }
      : { ...copy.card, replacedCard: newCard, replaceName: undefined, updatedAt: nowMs };
  }
  ctx.changed([...wanted]);
  return { ok: true, body: { invaliduser } };
}

export type TapRefusal = 'no_such_card' | 'already_handled' | 'no_such_button';

export interface Tap {
  readonly taskId: string;
  readonly cardType: string;
  readonly responseCode: string;
  readonly selected: ReadonlyArray<{ questionKey: string; optionIds: string[] }>;
}

/**
 * A member taps a callback button of a card they received: records it and issues
 * the click's own single-use response code. The caller sends the callback.
 */
export function tapCard(ctx: SimContext, userid: string, msgid: string, key: string, selectedOption?: string): Tap | TapRefusal {
  const copy = ctx.state.chat.find(
    (i): i is Extract<ChatItem, { kind: 'bot' }> => i.kind === 'bot' && i.userid === userid && i.id === msgid,
  );
  if (!copy || copy.content.msgtype !== 'template_card' || !copy.card) return 'no_such_card';
  if (copy.card.replaceName !== undefined || copy.card.replacedCard !== undefined) return 'already_handled';
  const card = copy.content.card;
  const buttons = arr(card, 'button_list') ?? [];
  const button = buttons.find((b) => isObject(b) && str(b, 'key') === key && (num(b, 'type') ?? 0) === 0);
  if (!button) return 'no_such_button';
  const taskId = str(card, 'task_id') ?? '';
  const selection = obj(card, 'button_selection');
  const questionKey = selection ? str(selection, 'question_key') : undefined;
  const optionId = selectedOption ?? (selection ? str(selection, 'selected_id') : undefined);
  const nowMs = ctx.nowMs();
  const code = randomId(43);
  ctx.state.responseCodes[code] = { msgid, taskId, expiresAt: nowMs + RESPONSE_CODE_TTL_MS, origin: 'click' };
  copy.card = { ...copy.card, tappedKey: key };
  ctx.changed([userid]);
  return {
    taskId,
    cardType: String(card['card_type']),
    responseCode: code,
    selected: questionKey && optionId ? [{ questionKey, optionIds: [optionId] }] : [],
  };
}

// ---------------------------------------------------------------------------

function fail(error: WecomError): SendResult {
  return { ok: false, error };
}

function parseContent(ctx: SimContext, msgtype: string, body: Json): BotContent | WecomError {
  switch (msgtype) {
    case 'text':
    case 'markdown': {
      const part = obj(body, msgtype);
      const content = part ? str(part, 'content') : undefined;
      if (!content) return Errors.emptyContent;
      if (byteLength(content) > 2048) return Errors.contentTooLong;
      return { msgtype, content };
    }
    case 'textcard': {
      const c = obj(body, 'textcard');
      const title = c ? str(c, 'title') : undefined;
      const description = c ? str(c, 'description') : undefined;
      const url = c ? str(c, 'url') : undefined;
      const btntxt = (c && str(c, 'btntxt')) || '详情';
      if (!title || !description || !url) return withHint(Errors.emptyContent, 'textcard needs title, description and url');
      if (byteLength(title) > 128 || byteLength(description) > 512 || byteLength(url) > 2048 || [...btntxt].length > 4) {
        return Errors.contentTooLong;
      }
      return { msgtype, title, description, url, btntxt };
    }
    case 'template_card': {
      const card = obj(body, 'template_card');
      if (!card) return withHint(Errors.emptyContent, 'template_card missing');
      const problem = checkCard(ctx, card, true);
      return problem ?? { msgtype, card };
    }
    default:
      return Errors.invalidMsgType;
  }
}

/** The checks WeCom makes on a template card (limits from doc 90236). */
function checkCard(ctx: SimContext, card: Json, isNewSend: boolean): WecomError | undefined {
  const type = str(card, 'card_type');
  if (!type || !CARD_TYPES.has(type)) return withHint(Errors.invalidParameter, 'invalid card_type');
  const taskId = str(card, 'task_id');
  if (INTERACTIVE.has(type) && !taskId) return withHint(Errors.invalidParameter, 'task_id required for interactive cards');
  if (taskId !== undefined) {
    if (!TASK_ID.test(taskId)) return withHint(Errors.invalidParameter, 'task_id may hold only letters, digits and _-@ (≤ 128)');
    if (isNewSend && ctx.state.taskIds[taskId] !== undefined) return withHint(Errors.invalidParameter, 'task_id is duplicated');
  }
  if ((arr(card, 'horizontal_content_list')?.length ?? 0) > 6) return withHint(Errors.invalidParameter, 'at most 6 horizontal_content_list items');
  if (type === 'button_interaction') {
    const buttons = arr(card, 'button_list') ?? [];
    if (buttons.length < 1 || buttons.length > 6) return withHint(Errors.invalidParameter, 'button_list needs 1..6 buttons');
    for (const b of buttons) {
      if (!isObject(b) || !str(b, 'text')) return withHint(Errors.invalidParameter, 'every button needs text');
      const btype = num(b, 'type') ?? 0;
      if (btype === 0 && !str(b, 'key')) return withHint(Errors.invalidParameter, 'a callback button needs a key');
      if (btype === 1 && !str(b, 'url')) return withHint(Errors.invalidParameter, 'a link button needs a url');
    }
  }
  const main = obj(card, 'main_title');
  if (main && byteLength(str(main, 'title') ?? '') > 26 * 3 * 2) return Errors.contentTooLong;
  return undefined;
}

interface Targets {
  readonly users: string[];
  readonly invalidUsers: string[];
  readonly invalidParties: string[];
  readonly invalidTags: string[];
}

function resolveTargets(ctx: SimContext, body: Json): Targets | WecomError {
  const users = new Set<string>();
  const invalidUsers: string[] = [];
  const invalidParties: string[] = [];
  const touser = str(body, 'touser') ?? '';
  const toparty = str(body, 'toparty') ?? '';
  const totag = str(body, 'totag') ?? '';
  if (touser === '' && toparty === '' && totag === '') return withHint(Errors.invalidParameter, 'touser, toparty or totag required');
  const ids = touser === '' ? [] : touser.split('|');
  if (ids.length > 1000) return withHint(Errors.invalidParameter, 'touser has more than 1000 members');
  for (const id of ids) {
    if (id === '@all') {
      for (const u of ctx.directory.data.users) if (u.status === 1) users.add(u.userid);
      continue;
    }
    const u = ctx.directory.user(id);
    if (u && u.status === 1) users.add(u.userid);
    else invalidUsers.push(id.toLowerCase());
  }
  const parties = toparty === '' ? [] : toparty.split('|');
  if (parties.length > 100) return withHint(Errors.invalidParameter, 'toparty has more than 100 departments');
  for (const p of parties) {
    const tree = /^\d+$/.test(p) ? ctx.directory.subtree(Number(p)) : [];
    if (tree.length === 0) invalidParties.push(p);
    for (const d of tree) for (const m of ctx.directory.members(d.id)) if (m.status === 1) users.add(m.userid);
  }
  // The simulated corp has no tags: every tag is invalid.
  const invalidTags = totag === '' ? [] : totag.split('|');
  return { users: [...users], invalidUsers, invalidParties, invalidTags };
}

/**
 * `enable_duplicate_check`: an identical message to the same members within
 * `duplicate_check_interval` seconds (default 1800, at most 4 h) is not shown
 * again; the answer names the earlier message. Cards are left to the task_id
 * rule (a repeated task_id is refused). The earlier send is matched whether or
 * not it asked for the check (WeCom's docs do not say).
 */
function duplicateOf(ctx: SimContext, body: Json, content: BotContent, users: readonly string[], nowMs: number): string | undefined {
  if (num(body, 'enable_duplicate_check') !== 1 || content.msgtype === 'template_card') return undefined;
  const windowMs = Math.min(14_400, Math.max(0, num(body, 'duplicate_check_interval') ?? 1800)) * 1000;
  const same = JSON.stringify(content);
  const wanted = new Set(users);
  const seen = new Map<string, Set<string>>();
  for (let i = ctx.state.chat.length - 1; i >= 0; i -= 1) {
    const item = ctx.state.chat[i]!;
    if (nowMs - item.at > windowMs) break;
    if (item.kind !== 'bot' || !wanted.has(item.userid) || JSON.stringify(item.content) !== same) continue;
    const got = seen.get(item.id) ?? new Set<string>();
    got.add(item.userid);
    seen.set(item.id, got);
    if (got.size === wanted.size) return item.id;
  }
  return undefined;
}

function overLimit(ctx: SimContext, userid: string, nowMs: number, limits: SendLimits): string | undefined {
  let minute = 0;
  let hour = 0;
  for (let i = ctx.state.chat.length - 1; i >= 0; i -= 1) {
    const item = ctx.state.chat[i]!;
    if (nowMs - item.at > 3600_000) break;
    if (item.kind !== 'bot' || item.userid !== userid) continue;
    hour += 1;
    if (nowMs - item.at <= 60_000) minute += 1;
  }
  if (minute >= limits.perMinute) return `超过每分钟 ${limits.perMinute} 条`;
  if (hour >= limits.perHour) return `超过每小时 ${limits.perHour} 条`;
  return undefined;
}

function trimChat(ctx: SimContext): void {
  const extra = ctx.state.chat.length - MAX_CHAT_ITEMS;
  if (extra > 0) ctx.state.chat.splice(0, extra);
}
