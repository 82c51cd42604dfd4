/**
 * The approver's side, pure: the approval card, what a tap on it means, the
 * reason typed after 驳回, and WeCom 审批 status changes (LEAVE_APPROVAL=wecom).
 */
import { leaveTypeName, type LeaveTypeCode } from '../../models/leaveType.js';
import type { Period } from '../../lib/workdays.js';
import { effect, reply, type Awaiting, type StepResult, type TextTurn } from '../flow.js';
import type { AwaitingHandler, ApprovalHandler, CardHandler } from '../engine.js';
import type { OutMessage } from '../types.js';
import * as w from './wording.js';

export interface CardRequest {
  readonly id: string;
  readonly employeeName: string;
  readonly leaveType: LeaveTypeCode;
  readonly start: string;
  readonly startPeriod?: Period | undefined;
  readonly end: string;
  readonly endPeriod?: Period | undefined;
  readonly days: number;
  readonly reason?: string | undefined;
  /** Balance after approval, for types that use one. */
  readonly balanceAfter?: number | undefined;
}

/** Task ids: `leave-<id>` for the first card, `leave-<id>-<suffix>` for reminders and HR. */
export function taskIdFor(requestId: string, suffix?: string): string {
  return suffix ? `leave-${requestId}-${suffix}` : `leave-${requestId}`;
}

export function requestIdOf(taskId: string): string | undefined {
  const m = /^leave-([0-9a-f]{24})(?:-[A-Za-z0-9_]+)?$/.exec(taskId);
  return m?.[1];
}

export function approvalCard(r: CardRequest, taskId: string): OutMessage {
  return {
    kind: 'button_card',
    taskId,
    title: w.cardTitle(r.employeeName),
    description: `${leaveTypeName(r.leaveType)} ${w.daysText(r.days)}`,
    fields: [
      { label: '类型', value: leaveTypeName(r.leaveType) },
      { label: '时间', value: w.spanText(r) },
      { label: '天数', value: w.daysText(r.days) },
      ...(r.reason ? [{ label: '事由', value: r.reason }] : []),
      ...(r.balanceAfter !== undefined ? [{ label: '批准后余额', value: w.daysText(r.balanceAfter) }] : []),
    ],
    buttons: [
      { key: 'approve', text: w.BTN_APPROVE, style: 'primary' },
      { key: 'reject', text: w.BTN_REJECT, style: 'danger' },
    ],
    source: 'HR 助手 · 请假审批',
  };
}

export const leaveCardHandler: CardHandler = (state, turn) => {
  const requestId = requestIdOf(turn.card.taskId);
  const decision = turn.card.actionKey === 'approve' ? 'approved' : turn.card.actionKey === 'reject' ? 'rejected' : undefined;
  if (!requestId || !decision) return { state, actions: [reply(turn, w.REQUEST_NOT_FOUND)] };
  return {
    state,
    actions: [
      effect('leave.decide', {
        requestId,
        decision,
        by: turn.user.id,
        taskId: turn.card.taskId,
        ...(turn.card.responseCode ? { responseCode: turn.card.responseCode } : {}),
      }),
    ],
  };
};

const SKIP = /^(跳过|不用了?|不填|算了|没有|无|不用说|取消|skip)[。.!！]?$/i;
/** Questions that are clearly not a reason; anything else typed in the window is the reason. */
const QUESTIONS = new Set(['help', 'leave.balance', 'leave.status', 'payslip.query', 'attendance.query']);

/**
 * The text after 驳回 is the reason. Reasons read like anything (项目太忙了 /
 * 换个时间吧 look like other intents to the classifier), so only a skip word or
 * an unmistakable question escapes; the reply says the reason was forwarded.
 */
export const rejectReasonHandler: AwaitingHandler = (state, awaiting: Awaiting, turn: TextTurn): StepResult | undefined => {
  const requestId = awaiting.data['requestId'];
  if (typeof requestId !== 'string') return undefined;
  const text = turn.text.trim();
  if (QUESTIONS.has(turn.nlu.intent) && turn.nlu.confidence >= 0.9) return undefined;
  const next = { ...state, awaiting: undefined };
  if (SKIP.test(text)) return { state: next, actions: [reply(turn, w.REASON_SKIPPED)] };
  return { state: next, actions: [effect('leave.reason', { requestId, reason: text.slice(0, 300), by: turn.user.id })] };
};

/** A WeCom 审批 status change for a request submitted there. */
export const wecomApprovalHandler: ApprovalHandler = (state, turn) => ({
  state,
  actions: [
    effect('leave.wecomStatus', {
      spNo: turn.approval.spNo,
      spStatus: turn.approval.spStatus,
      ...(turn.approval.actor ? { actor: turn.approval.actor } : {}),
      ...(turn.approval.comment ? { comment: turn.approval.comment } : {}),
    }),
  ],
});
