/**
 * A typed WeCom callback event → what the rest of the app does with it. Most
 * events become the channel-neutral `Inbound` the flow engine handles; a few
 * are directory news or plain noise, and say so, so the caller can store and
 * log them instead of guessing.
 *
 *   text                               → text
 *   template_card_event                → card_action (taskId, EventKey, ResponseCode)
 *   enter_agent / click                → enter (click carries the menu key)
 *   sys_approval_change                → approval_change (SpNoStr preferred; the
 *                                        last approver who acted; their words)
 *   image / voice / location / link    → unsupported (the bot says it reads text)
 *   change_contact                     → contact (refresh that member)
 *   view, template_card_menu_event,
 *   open_approval_change               → ignored (nothing to answer)
 *   unknown                            → unknown (logged and stored, no reply)
 */
import type { Inbound } from '../../flows/types.js';
import type { ApprovalInfo, ContactChange, InboundEvent } from './events.js';

export type WecomIntake =
  | { readonly kind: 'inbound'; readonly inbound: Inbound }
  | { readonly kind: 'contact'; readonly change: ContactChange }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export function toInbound(event: InboundEvent): WecomIntake {
  const base = { key: event.dedupeKey, from: { channel: 'wecom' as const, id: event.fromUser }, at: new Date(event.createTime * 1000) };
  switch (event.type) {
    case 'text':
      return { kind: 'inbound', inbound: { ...base, kind: 'text', text: event.content } };
    case 'template_card_event':
      return {
        kind: 'inbound',
        inbound: { ...base, kind: 'card_action', taskId: event.taskId, actionKey: event.eventKey, responseCode: event.responseCode || undefined },
      };
    case 'enter_agent':
      return { kind: 'inbound', inbound: { ...base, kind: 'enter', menuKey: undefined } };
    case 'click':
      return { kind: 'inbound', inbound: { ...base, kind: 'enter', menuKey: event.eventKey || undefined } };
    case 'sys_approval_change':
      return { kind: 'inbound', inbound: approvalInbound(base, event.approval) };
    case 'image':
    case 'voice':
    case 'location':
    case 'link':
      return { kind: 'inbound', inbound: { ...base, kind: 'unsupported', what: event.type } };
    case 'change_contact':
      return { kind: 'contact', change: event.change };
    case 'view':
      return { kind: 'ignored', reason: 'menu link opened' };
    case 'template_card_menu_event':
      return { kind: 'ignored', reason: 'card menu item chosen (the app sends no card menus)' };
    case 'open_approval_change':
      return { kind: 'ignored', reason: 'approval-engine change (the app uses 审批 templates, not the engine)' };
    case 'unknown':
      return { kind: 'unknown', reason: event.problem ?? `unrecognised ${event.msgType}${event.event ? `/${event.event}` : ''}` };
  }
}

/**
 * A 审批 change is queued on the applicant's conversation (FromUserName is
 * always `sys`), so it is ordered with what the applicant says, e.g. a
 * withdrawal typed at the same moment.
 */
function approvalInbound(base: { key: string; at: Date }, a: ApprovalInfo): Inbound {
  const acted = a.spRecords
    .flatMap((r) => r.details)
    .filter((d) => d.spTime > 0 && d.approverUserId !== '')
    .sort((x, y) => x.spTime - y.spTime);
  const last = acted.at(-1);
  const lastComment = [...a.comments].sort((x, y) => x.time - y.time).at(-1);
  const comment = last?.speech.trim() || lastComment?.content.trim() || undefined;
  return {
    ...base,
    from: { channel: 'wecom', id: a.applyer.userId || 'sys' },
    kind: 'approval_change',
    spNo: a.spNo,
    spStatus: a.spStatus,
    changeEvent: a.statuChangeEvent,
    actor: last?.approverUserId,
    comment,
  };
}
