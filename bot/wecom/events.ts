/**
 * Typed inbound events: what a decrypted WeCom callback means, as a discriminated union
 * on `type`. Handlers switch on `event.type` and TypeScript narrows the fields:
 *
 * ```ts
 * if (event.type === 'template_card_event') use(event.taskId, event.eventKey);
 * ```
 *
 * Every event carries `dedupeKey`, the identity of the *delivery*: WeCom re-sends a
 * callback up to three times when it gets no 200 within 5 s, and approval callbacks are
 * known to arrive twice, so the gateway stores this key (unique index + TTL) and drops
 * repeats. Anything this file does not recognise becomes `{ type: 'unknown', raw }`:
 * an unfamiliar callback is logged and kept, never silently lost.
 *
 * Field meanings: PROTOCOL.md §3 (doc paths 90239, 90240, 91815, 90269, 90970).
 */
import { child, nodes, text, texts, type XmlNode } from './xml.js';

// ---------------------------------------------------------------------------
// Common fields

export interface EventBase {
  /** ToUserName: the CorpID the callback is addressed to. */
  readonly corpId: string;
  /** FromUserName: the member's UserID, or `sys` for system events. */
  readonly fromUser: string;
  /** CreateTime, unix seconds. */
  readonly createTime: number;
  /** AgentID of the receiving app; absent on some corp-wide events. */
  readonly agentId: number | undefined;
  /** Identity of this delivery for de-duplication; see the file comment. */
  readonly dedupeKey: string;
}

// ---------------------------------------------------------------------------
// Messages (MsgType ≠ event). MsgId is 64-bit: always a string.

export interface TextMessage extends EventBase {
  readonly type: 'text';
  readonly msgId: string;
  readonly content: string;
}

export interface ImageMessage extends EventBase {
  readonly type: 'image';
  readonly msgId: string;
  readonly picUrl: string;
  readonly mediaId: string;
}

export interface VoiceMessage extends EventBase {
  readonly type: 'voice';
  readonly msgId: string;
  readonly mediaId: string;
  /** e.g. `amr`, `speex`. */
  readonly format: string;
}

export interface LocationMessage extends EventBase {
  readonly type: 'location';
  readonly msgId: string;
  /** Location_X */
  readonly latitude: number;
  /** Location_Y */
  readonly longitude: number;
  readonly scale: number | undefined;
  readonly label: string;
}

export interface LinkMessage extends EventBase {
  readonly type: 'link';
  readonly msgId: string;
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly picUrl: string;
}

// ---------------------------------------------------------------------------
// App events

/** A member opened the app (进入应用). */
export interface EnterAgentEvent extends EventBase {
  readonly type: 'enter_agent';
  readonly eventKey: string;
}

/** A custom-menu click; `eventKey` is the menu key. */
export interface ClickEvent extends EventBase {
  readonly type: 'click';
  readonly eventKey: string;
}

/** A custom-menu link was opened; `eventKey` is the URL. */
export interface ViewEvent extends EventBase {
  readonly type: 'view';
  readonly eventKey: string;
}

/** Known `CardType` values; other strings are passed through. */
export type CardType = 'text_notice' | 'news_notice' | 'button_interaction' | 'vote_interaction' | 'multiple_interaction';

export interface SelectedItem {
  readonly questionKey: string;
  /** From `OptionIds/OptionId` or WeCom's misspelled `OpitonIds/OpitonId`. */
  readonly optionIds: readonly string[];
}

/** A button (or vote/multiple choice) on a template card was clicked. */
export interface TemplateCardEvent extends EventBase {
  readonly type: 'template_card_event';
  /** The clicked button's `key`. */
  readonly eventKey: string;
  /** The `task_id` sent with the card: the only way to find the card again. */
  readonly taskId: string;
  readonly cardType: CardType | (string & {});
  /** Single-use code for `message/update_template_card` (72 h). */
  readonly responseCode: string;
  readonly selectedItems: readonly SelectedItem[];
}

/** An item of a card's action_menu (the "…" menu) was chosen. */
export interface TemplateCardMenuEvent extends EventBase {
  readonly type: 'template_card_menu_event';
  readonly eventKey: string;
  readonly taskId: string;
  readonly cardType: CardType | (string & {});
  readonly responseCode: string;
}

// ---------------------------------------------------------------------------
// 审批 (OA approval app) status changes

/** ApprovalInfo.SpStatus: state of the whole request *after* the change. */
export const SpStatus = {
  Pending: 1,
  Approved: 2,
  Rejected: 3,
  Revoked: 4,
  RevokedAfterApproval: 6,
  Deleted: 7,
  Paid: 10,
} as const;

/** StatuChangeEvent (sic): what just happened. Values 11–15 come from newer docs; others may appear. */
export const StatuChangeEvent = {
  Submitted: 1,
  Agreed: 2,
  Rejected: 3,
  Transferred: 4,
  Reminded: 5,
  Revoked: 6,
  RevokedAfterApproval: 8,
  CommentAdded: 10,
  ReturnedToApprover: 11,
  ApproverAdded: 12,
  AddedAndAgreed: 13,
  Handled: 14,
  HandedOver: 15,
} as const;

export interface ApprovalDetail {
  readonly approverUserId: string;
  readonly speech: string;
  /** 1 审批中, 2 已同意, 3 已驳回, 4 已转审 (11–13 in newer docs). */
  readonly spStatus: number;
  /** Unix seconds; 0 when not yet acted. */
  readonly spTime: number;
  readonly mediaIds: readonly string[];
}

export interface ApprovalRecord {
  /** Node state: 1 审批中, 2 已同意, 3 已驳回, 4 已转审. */
  readonly spStatus: number;
  /** 1 或签 (any one), 2 会签 (all). */
  readonly approverAttr: number;
  readonly details: readonly ApprovalDetail[];
}

export interface ApprovalComment {
  readonly userId: string;
  readonly time: number;
  readonly content: string;
  /** 64-bit id: a string. */
  readonly commentId: string;
  readonly mediaIds: readonly string[];
}

export interface ApprovalInfo {
  /** SpNoStr when present (newer docs), else SpNo; always a string (64-bit). */
  readonly spNo: string;
  readonly spName: string;
  readonly spStatus: number;
  /** What just happened; undefined on old payloads that omit it. */
  readonly statuChangeEvent: number | undefined;
  readonly templateId: string;
  readonly applyTime: number;
  readonly applyer: { readonly userId: string; readonly party: string | undefined };
  /** One per approval node, in order. */
  readonly spRecords: readonly ApprovalRecord[];
  /** 抄送人 UserIDs (WeCom spells the element `Notifyer`). */
  readonly notifyerUserIds: readonly string[];
  readonly comments: readonly ApprovalComment[];
}

export interface ApprovalChangeEvent extends EventBase {
  readonly type: 'sys_approval_change';
  readonly approval: ApprovalInfo;
}

// ---------------------------------------------------------------------------
// 审批流程引擎 (approval engine inside a self-built app)

export interface OpenApprovalItem {
  readonly name: string;
  /** `ItemUserid` in the XML (lower-case "id"). */
  readonly userId: string;
  readonly party: string;
  readonly image: string;
  /** 1 审批中, 2 已同意, 3 已驳回, 4 已转审; undefined on notify nodes. */
  readonly status: number | undefined;
  readonly speech: string;
  readonly opTime: number | undefined;
}

export interface OpenApprovalNode {
  readonly nodeStatus: number;
  /** 1 或签, 2 会签. */
  readonly nodeAttr: number;
  /** 1 固定成员, 2 标签, 3 上级. */
  readonly nodeType: number;
  readonly items: readonly OpenApprovalItem[];
}

export interface OpenApprovalInfo {
  readonly thirdNo: string;
  readonly openSpName: string;
  readonly openTemplateId: string;
  /** 1 审批中, 2 已通过, 3 已驳回, 4 已取消. */
  readonly openSpStatus: number;
  readonly applyTime: number;
  readonly applyUserName: string;
  readonly applyUserId: string;
  readonly applyUserParty: string;
  readonly applyUserImage: string;
  readonly approvalNodes: readonly OpenApprovalNode[];
  readonly notifyNodes: readonly OpenApprovalItem[];
  /** 0-based index of the current node. */
  readonly approverStep: number;
}

export interface OpenApprovalChangeEvent extends EventBase {
  readonly type: 'open_approval_change';
  readonly approval: OpenApprovalInfo;
}

// ---------------------------------------------------------------------------
// 通讯录变更 (contact changes). Update events carry only the fields that changed.

export interface ContactUserFields {
  readonly name?: string;
  readonly departments?: readonly number[];
  readonly mainDepartment?: number;
  /** Parallel to `departments`. */
  readonly isLeaderInDept?: readonly boolean[];
  readonly directLeaders?: readonly string[];
  readonly position?: string;
  readonly mobile?: string;
  /** "0" unknown, "1" male, "2" female. */
  readonly gender?: string;
  readonly email?: string;
  readonly bizMail?: string;
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  readonly status?: number;
  readonly avatar?: string;
  readonly alias?: string;
  readonly telephone?: string;
  readonly address?: string;
}

export interface ContactParty {
  readonly id: number;
  readonly name?: string;
  readonly parentId?: number;
  readonly order?: number;
}

export type ContactChange =
  | { readonly changeType: 'create_user'; readonly userId: string; readonly user: ContactUserFields }
  | { readonly changeType: 'update_user'; readonly userId: string; readonly newUserId: string | undefined; readonly user: ContactUserFields }
  | { readonly changeType: 'delete_user'; readonly userId: string }
  | { readonly changeType: 'create_party'; readonly party: ContactParty }
  | { readonly changeType: 'update_party'; readonly party: ContactParty }
  | { readonly changeType: 'delete_party'; readonly partyId: number };

export interface ContactChangeEvent extends EventBase {
  readonly type: 'change_contact';
  readonly change: ContactChange;
}

// ---------------------------------------------------------------------------

/** Anything not modelled above (video, file, LOCATION, tag changes, new events …). */
export interface UnknownEvent extends EventBase {
  readonly type: 'unknown';
  readonly msgType: string;
  /** The `Event` field for events. */
  readonly event: string | undefined;
  /** Why a known type fell back to unknown (a required field was missing); undefined for truly unknown types. */
  readonly problem: string | undefined;
  /** Every field of the decrypted message, values as strings. */
  readonly raw: XmlNode;
}

export type InboundMessage = TextMessage | ImageMessage | VoiceMessage | LocationMessage | LinkMessage;

export type InboundEvent =
  | InboundMessage
  | EnterAgentEvent
  | ClickEvent
  | ViewEvent
  | TemplateCardEvent
  | TemplateCardMenuEvent
  | ApprovalChangeEvent
  | OpenApprovalChangeEvent
  | ContactChangeEvent
  | UnknownEvent;

export type InboundEventType = InboundEvent['type'];

export type EventResult = { readonly ok: true; readonly event: InboundEvent } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------
// Decoding

/** A required field is missing or malformed: the message falls back to `unknown`. */
class FieldProblem extends Error {}

/**
 * Turns the children of a decrypted `<xml>` into an `InboundEvent`.
 * Fails only when the common fields are missing (then it is not a WeCom message);
 * a known type with a missing specific field becomes `unknown` with `problem` set.
 */
export function toInboundEvent(root: XmlNode): EventResult {
  const corpId = text(root, 'ToUserName');
  const fromUser = text(root, 'FromUserName');
  const msgType = text(root, 'MsgType');
  const createTime = int(text(root, 'CreateTime'));
  if (!corpId) return { ok: false, reason: 'message has no ToUserName' };
  if (!fromUser) return { ok: false, reason: 'message has no FromUserName' };
  if (!msgType) return { ok: false, reason: 'message has no MsgType' };
  if (createTime === undefined) return { ok: false, reason: 'message has no numeric CreateTime' };
  const agentId = int(text(root, 'AgentID'));
  const event = msgType === 'event' ? text(root, 'Event') : undefined;
  const base = { corpId, fromUser, createTime, agentId };
  const eventKeyParts = [fromUser, String(createTime), event ?? msgType];

  try {
    const known = decodeKnown(root, msgType, event, base, eventKeyParts);
    if (known) return { ok: true, event: known };
    return { ok: true, event: unknown(root, base, msgType, event, undefined, eventKeyParts) };
  } catch (err) {
    if (!(err instanceof FieldProblem)) throw err;
    return { ok: true, event: unknown(root, base, msgType, event, err.message, eventKeyParts) };
  }
}

type Base = Omit<EventBase, 'dedupeKey'>;

function decodeKnown(
  root: XmlNode,
  msgType: string,
  event: string | undefined,
  base: Base,
  evtKey: readonly string[],
): InboundEvent | undefined {
  const msgKey = (msgId: string): string => dedupeKey('msg', msgId);
  switch (msgType) {
    case 'text': {
      const msgId = need(root, 'MsgId');
      return { ...base, type: 'text', msgId, content: text(root, 'Content') ?? '', dedupeKey: msgKey(msgId) };
    }
    case 'image': {
      const msgId = need(root, 'MsgId');
      return {
        ...base, type: 'image', msgId, dedupeKey: msgKey(msgId),
        picUrl: text(root, 'PicUrl') ?? '', mediaId: need(root, 'MediaId'),
      };
    }
    case 'voice': {
      const msgId = need(root, 'MsgId');
      return {
        ...base, type: 'voice', msgId, dedupeKey: msgKey(msgId),
        mediaId: need(root, 'MediaId'), format: text(root, 'Format') ?? '',
      };
    }
    case 'location': {
      const msgId = need(root, 'MsgId');
      return {
        ...base, type: 'location', msgId, dedupeKey: msgKey(msgId),
        latitude: needFloat(root, 'Location_X'), longitude: needFloat(root, 'Location_Y'),
        scale: int(text(root, 'Scale')), label: text(root, 'Label') ?? '',
      };
    }
    case 'link': {
      const msgId = need(root, 'MsgId');
      return {
        ...base, type: 'link', msgId, dedupeKey: msgKey(msgId),
        title: text(root, 'Title') ?? '', description: text(root, 'Description') ?? '',
        url: text(root, 'Url') ?? '', picUrl: text(root, 'PicUrl') ?? '',
      };
    }
    case 'event':
      return decodeEvent(root, event, base, evtKey);
    default:
      return undefined;
  }
}

function decodeEvent(root: XmlNode, event: string | undefined, base: Base, evtKey: readonly string[]): InboundEvent | undefined {
  const eventKey = text(root, 'EventKey') ?? '';
  switch (event) {
    case 'enter_agent':
      return { ...base, type: 'enter_agent', eventKey, dedupeKey: dedupeKey('evt', ...evtKey) };
    case 'click':
      return { ...base, type: 'click', eventKey, dedupeKey: dedupeKey('evt', ...evtKey, eventKey) };
    case 'view':
      return { ...base, type: 'view', eventKey, dedupeKey: dedupeKey('evt', ...evtKey, eventKey) };
    case 'template_card_event': {
      const taskId = need(root, 'TaskId');
      const selected = child(root, 'SelectedItems');
      return {
        ...base,
        type: 'template_card_event',
        eventKey,
        taskId,
        cardType: text(root, 'CardType') ?? '',
        responseCode: text(root, 'ResponseCode') ?? '',
        selectedItems: selected ? nodes(selected, 'SelectedItem').map(selectedItem) : [],
        // A double click sends two callbacks with different CreateTime: one card, one key, one member = one decision.
        dedupeKey: dedupeKey('card', taskId, eventKey, base.fromUser),
      };
    }
    case 'template_card_menu_event': {
      const taskId = need(root, 'TaskId');
      return {
        ...base,
        type: 'template_card_menu_event',
        eventKey,
        taskId,
        cardType: text(root, 'CardType') ?? '',
        responseCode: text(root, 'ResponseCode') ?? '',
        dedupeKey: dedupeKey('evt', ...evtKey, taskId, eventKey),
      };
    }
    case 'sys_approval_change': {
      const approval = approvalInfo(needNode(root, 'ApprovalInfo'));
      return {
        ...base,
        type: 'sys_approval_change',
        approval,
        dedupeKey: dedupeKey('evt', ...evtKey, approval.spNo, String(approval.statuChangeEvent ?? '')),
      };
    }
    case 'open_approval_change': {
      const approval = openApprovalInfo(needNode(root, 'ApprovalInfo'));
      return {
        ...base,
        type: 'open_approval_change',
        approval,
        // FromUserName is always `sys`: without the request number two approvals in one second would collide.
        dedupeKey: dedupeKey('evt', ...evtKey, approval.thirdNo, String(approval.openSpStatus), String(approval.approverStep)),
      };
    }
    case 'change_contact': {
      const change = contactChange(root);
      if (!change) return undefined; // tag changes and future change types: unknown
      const subject =
        'userId' in change ? change.userId : 'party' in change ? String(change.party.id) : String(change.partyId);
      return {
        ...base,
        type: 'change_contact',
        change,
        // A bulk import changes many members in the same second, all from `sys`.
        dedupeKey: dedupeKey('evt', ...evtKey, change.changeType, subject),
      };
    }
    default:
      return undefined;
  }
}

function selectedItem(item: XmlNode): SelectedItem {
  const ids = child(item, 'OptionIds') ?? child(item, 'OpitonIds');
  const optionIds = ids ? [...texts(ids, 'OptionId'), ...texts(ids, 'OpitonId')] : [];
  return { questionKey: text(item, 'QuestionKey') ?? '', optionIds };
}

function approvalInfo(info: XmlNode): ApprovalInfo {
  const spNoStr = text(info, 'SpNoStr');
  const spNo = spNoStr !== undefined && spNoStr !== '' ? spNoStr : need(info, 'SpNo');
  const applyer = child(info, 'Applyer');
  return {
    spNo,
    spName: text(info, 'SpName') ?? '',
    spStatus: needInt(info, 'SpStatus'),
    statuChangeEvent: int(text(info, 'StatuChangeEvent')),
    templateId: text(info, 'TemplateId') ?? '',
    applyTime: int(text(info, 'ApplyTime')) ?? 0,
    applyer: { userId: (applyer && text(applyer, 'UserId')) ?? '', party: applyer && text(applyer, 'Party') },
    spRecords: nodes(info, 'SpRecord').map((r) => ({
      spStatus: int(text(r, 'SpStatus')) ?? 0,
      approverAttr: int(text(r, 'ApproverAttr')) ?? 0,
      details: nodes(r, 'Details').map((d) => {
        const approver = child(d, 'Approver');
        return {
          approverUserId: (approver && text(approver, 'UserId')) ?? '',
          speech: text(d, 'Speech') ?? '',
          spStatus: int(text(d, 'SpStatus')) ?? 0,
          spTime: int(text(d, 'SpTime')) ?? 0,
          mediaIds: texts(d, 'MediaId'),
        };
      }),
    })),
    notifyerUserIds: nodes(info, 'Notifyer').flatMap((n) => texts(n, 'UserId')),
    comments: nodes(info, 'Comments').map((c) => {
      const who = child(c, 'CommentUserInfo');
      return {
        userId: (who && text(who, 'UserId')) ?? '',
        time: int(text(c, 'CommentTime')) ?? 0,
        content: text(c, 'CommentContent') ?? '',
        commentId: text(c, 'CommentId') ?? '',
        mediaIds: texts(c, 'MediaId'),
      };
    }),
  };
}

function openApprovalInfo(info: XmlNode): OpenApprovalInfo {
  const item = (n: XmlNode): OpenApprovalItem => ({
    name: text(n, 'ItemName') ?? '',
    userId: text(n, 'ItemUserid') ?? text(n, 'ItemUserId') ?? '',
    party: text(n, 'ItemParty') ?? '',
    image: text(n, 'ItemImage') ?? '',
    status: int(text(n, 'ItemStatus')),
    speech: text(n, 'ItemSpeech') ?? '',
    opTime: int(text(n, 'ItemOpTime')),
  });
  const approvalNodes = child(info, 'ApprovalNodes');
  const notifyNodes = child(info, 'NotifyNodes');
  return {
    thirdNo: need(info, 'ThirdNo'),
    openSpName: text(info, 'OpenSpName') ?? '',
    openTemplateId: text(info, 'OpenTemplateId') ?? '',
    openSpStatus: needInt(info, 'OpenSpStatus'),
    applyTime: int(text(info, 'ApplyTime')) ?? 0,
    applyUserName: text(info, 'ApplyUserName') ?? '',
    applyUserId: text(info, 'ApplyUserId') ?? '',
    applyUserParty: text(info, 'ApplyUserParty') ?? '',
    applyUserImage: text(info, 'ApplyUserImage') ?? '',
    approvalNodes: approvalNodes
      ? nodes(approvalNodes, 'ApprovalNode').map((n) => {
          const items = child(n, 'Items');
          return {
            nodeStatus: int(text(n, 'NodeStatus')) ?? 0,
            nodeAttr: int(text(n, 'NodeAttr')) ?? 0,
            nodeType: int(text(n, 'NodeType')) ?? 0,
            items: items ? nodes(items, 'Item').map(item) : [],
          };
        })
      : [],
    notifyNodes: notifyNodes ? nodes(notifyNodes, 'NotifyNode').map(item) : [],
    approverStep: int(text(info, 'ApproverStep')) ?? 0,
  };
}

function contactChange(root: XmlNode): ContactChange | undefined {
  const changeType = text(root, 'ChangeType');
  switch (changeType) {
    case 'create_user':
      return { changeType, userId: need(root, 'UserID'), user: userFields(root) };
    case 'update_user':
      return { changeType, userId: need(root, 'UserID'), newUserId: text(root, 'NewUserID') || undefined, user: userFields(root) };
    case 'delete_user':
      return { changeType, userId: need(root, 'UserID') };
    case 'create_party':
    case 'update_party':
      return { changeType, party: party(root) };
    case 'delete_party':
      return { changeType, partyId: needInt(root, 'Id') };
    default:
      return undefined;
  }
}

function userFields(root: XmlNode): ContactUserFields {
  const out: { -readonly [K in keyof ContactUserFields]: ContactUserFields[K] } = {};
  const str = (name: string): string | undefined => text(root, name);
  const csv = (name: string): string[] | undefined => {
    const v = str(name);
    return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  };
  const setIf = <K extends keyof ContactUserFields>(key: K, value: ContactUserFields[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  setIf('name', str('Name'));
  setIf('departments', csv('Department')?.map(Number).filter(Number.isSafeInteger));
  setIf('mainDepartment', int(str('MainDepartment')));
  setIf('isLeaderInDept', csv('IsLeaderInDept')?.map((v) => v === '1'));
  setIf('directLeaders', csv('DirectLeader'));
  setIf('position', str('Position'));
  setIf('mobile', str('Mobile'));
  setIf('gender', str('Gender'));
  setIf('email', str('Email'));
  setIf('bizMail', str('BizMail'));
  setIf('status', int(str('Status')));
  setIf('avatar', str('Avatar'));
  setIf('alias', str('Alias'));
  setIf('telephone', str('Telephone'));
  setIf('address', str('Address'));
  return out;
}

function party(root: XmlNode): ContactParty {
  const out: { -readonly [K in keyof ContactParty]: ContactParty[K] } = { id: needInt(root, 'Id') };
  const name = text(root, 'Name');
  const parentId = int(text(root, 'ParentId'));
  const order = int(text(root, 'Order'));
  if (name !== undefined) out.name = name;
  if (parentId !== undefined) out.parentId = parentId;
  if (order !== undefined) out.order = order;
  return out;
}

function unknown(
  root: XmlNode,
  base: Base,
  msgType: string,
  event: string | undefined,
  problem: string | undefined,
  evtKey: readonly string[],
): UnknownEvent {
  const msgId = text(root, 'MsgId');
  return {
    ...base,
    type: 'unknown',
    msgType,
    event,
    problem,
    raw: root,
    dedupeKey: msgId ? dedupeKey('msg', msgId) : dedupeKey('evt', ...evtKey),
  };
}

// ---------------------------------------------------------------------------
// Field helpers

/**
 * `prefix:part:part…`. Parts are escaped (`%` and `:`) so that two different tuples can
 * never produce the same key.
 */
export function dedupeKey(prefix: string, ...parts: readonly string[]): string {
  return [prefix, ...parts.map((p) => p.replaceAll('%', '%25').replaceAll(':', '%3A'))].join(':');
}

function need(node: XmlNode, name: string): string {
  const v = text(node, name);
  if (v === undefined || v === '') throw new FieldProblem(`missing <${name}>`);
  return v;
}

function needNode(node: XmlNode, name: string): XmlNode {
  const v = child(node, name);
  if (!v) throw new FieldProblem(`missing <${name}>`);
  return v;
}

function needInt(node: XmlNode, name: string): number {
  const v = int(text(node, name));
  if (v === undefined) throw new FieldProblem(`missing or non-numeric <${name}>`);
  return v;
}

function needFloat(node: XmlNode, name: string): number {
  const raw = text(node, name);
  const v = raw !== undefined && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
  if (v === undefined) throw new FieldProblem(`missing or non-numeric <${name}>`);
  return v;
}

/** A decimal integer that fits a JS number exactly; anything else is undefined. */
function int(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^-?\d{1,16}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}
