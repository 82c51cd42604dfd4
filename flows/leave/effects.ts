/**
 * The leave flows' effects: the only place leave requests change. Each change
 * is one atomic update guarded by the status it expects, so a double tap, a
 * retried callback, two approvers racing or two instances all resolve to one
 * decision; the ledger entries are keyed by request, so they apply once.
 *
 * The balance moves when a request is submitted (reserved, guarded by "enough
 * left"), and comes back when it is rejected, withdrawn or cancelled.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { z } from 'zod';
import { localDate, zonedTime, type IsoDate } from '../../lib/time.js';
import { EmployeeModel, hasRole } from '../../models/employee.js';
import { LeaveTypeModel, leaveTypeName, LEAVE_TYPE_CODES, type LeaveTypeCode } from '../../models/leaveType.js';
import { LeaveRequestModel, type LeaveRequest, type LeaveStatus } from '../../models/leaveRequest.js';
import { postEntry, getBalance } from '../../models/leaveLedger.js';
import { audit } from '../../models/auditLog.js';
import { sendTo, wecomUser, type Action } from '../flow.js';
import type { EffectContext, EffectOutcome, EffectRegistry } from '../effects.js';
import type { OutboxPort, WecomPort } from '../ports.js';
import { loadLeaveFacts } from './facts.js';
import { validate, describe } from './requestForm.js';
import { approvalCard, taskIdFor } from './approval.js';
import * as w from './wording.js';

export interface LeaveEffectDeps {
  readonly outbox: OutboxPort;
  readonly approvalMode: 'local' | 'wecom';
  readonly wecom?: WecomPort | undefined;
  /** WeCom 假勤 vacation ids per leave type, for 审批 submissions. */
  readonly vacationIds?: Partial<Record<LeaveTypeCode, number>>;
}

const REASON_WINDOW_MS = 10 * 60_000;

const submitSchema = z.object({
  userid: z.string(),
  leaveType: z.enum(LEAVE_TYPE_CODES),
  start: z.string(),
  startPeriod: z.enum(['am', 'pm']).optional(),
  end: z.string(),
  endPeriod: z.enum(['am', 'pm']).optional(),
  days: z.number(),
  reason: z.string().optional(),
});
const decideSchema = z.object({
  requestId: z.string(),
  decision: z.enum(['approved', 'rejected']),
  by: z.string(),
  taskId: z.string(),
  responseCode: z.string().optional(),
});
const reasonSchema = z.object({ requestId: z.string(), reason: z.string(), by: z.string() });
const withdrawSchema = z.object({ requestId: z.string(), userid: z.string() });
const wecomStatusSchema = z.object({ spNo: z.string(), spStatus: z.number(), actor: z.string().optional(), comment: z.string().optional() });

/** The same turn always creates the same request id, so a replayed effect finds its own request. */
export function requestIdFromKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}

function toActor(ctx: EffectContext, text: string): Action {
  return sendTo(ctx.actor, text);
}

async function nameOf(userid: string | undefined): Promise<string> {
  if (!userid) return '';
  const e = await EmployeeModel.findOne({ userid }, { name: 1 }).lean();
  return e?.name ?? userid;
}

async function requiresBalance(code: LeaveTypeCode): Promise<boolean> {
  const t = await LeaveTypeModel.findOne({ code }, { requiresBalance: 1 }).lean();
  return t?.requiresBalance ?? false;
}

/** Makes the ledger agree with a final status (idempotent: keyed by request). */
async function settleLedger(r: Pick<LeaveRequest, '_id' | 'userid' | 'leaveType' | 'days' | 'status'>, by: string): Promise<void> {
  if (!(await requiresBalance(r.leaveType))) return;
  if (r.status === 'rejected' || r.status === 'withdrawn' || r.status === 'cancelled') {
    await postEntry(r.userid, r.leaveType, { key: `restore:${r._id}`, kind: 'restore', days: r.days, by, requestId: String(r._id), note: `申请${w.STATUS_TEXT[r.status]}，退回` });
  }
}

/** Card updates for every copy of the request's card; the tapped one uses the tap's code. */
async function cardUpdates(
  r: Pick<LeaveRequest, 'cards'>,
  replaceName: string,
  outbox: OutboxPort,
  tapped?: { taskId: string; responseCode: string | undefined; userid: string },
): Promise<Action[]> {
  const out: Action[] = [];
  const cards = [...r.cards];
  if (tapped && !cards.some((c) => c.taskId === tapped.taskId)) cards.push({ taskId: tapped.taskId, userid: tapped.userid, outboxKey: '' });
  for (const c of cards) {
    const code = tapped && c.taskId === tapped.taskId ? tapped.responseCode : c.outboxKey ? await outbox.cardResponseCode(c.outboxKey) : undefined;
    if (code) out.push({ kind: 'update_card', update: { taskId: c.taskId, userids: [c.userid], responseCode: code, replaceName } });
  }
  return out;
}

export function registerLeaveEffects(registry: EffectRegistry, deps: LeaveEffectDeps): void {
  registry.register('leave.submit', (payload, ctx) => submit(submitSchema.parse(payload), ctx, deps));
  registry.register('leave.decide', (payload, ctx) => decide(decideSchema.parse(payload), ctx, deps));
  registry.register('leave.reason', (payload, ctx) => reason(reasonSchema.parse(payload), ctx));
  registry.register('leave.withdraw', (payload, ctx) => withdraw(withdrawSchema.parse(payload), ctx, deps));
  registry.register('leave.wecomStatus', (payload, ctx) => wecomStatus(wecomStatusSchema.parse(payload), ctx));
}

async function submit(p: z.infer<typeof submitSchema>, ctx: EffectContext, deps: LeaveEffectDeps): Promise<EffectOutcome> {
  const employee = await EmployeeModel.findOne({ userid: p.userid, active: true }).lean();
  if (!employee) return { actions: [toActor(ctx, '没有找到你的员工信息，请联系 HR。')] };
  const id = requestIdFromKey(ctx.key);
  let request = await LeaveRequestModel.findById(id).lean();
  const today = localDate(ctx.now, ctx.tz);

  if (!request) {
    // Check again against the database: things may have changed since the summary.
    const facts = await loadLeaveFacts(employee, today);
    const check = validate({ ...p, days: undefined }, facts, today);
    if (!check.ok) return { actions: [toActor(ctx, `${w.SUBMIT_CONFLICT_PREFIX}${check.message}`)] };
    if (!facts.approver) return { actions: [toActor(ctx, '还没有找到你的审批人，请联系 HR 设置后再申请。')] };
    const draft = check.draft;
    const type = facts.leaveTypes.find((t) => t.code === draft.leaveType);
    if (type?.requiresBalance) {
      const outcome = await postEntry(employee.userid, draft.leaveType, {
        key: `usage:${id}`, kind: 'usage', days: -draft.days, by: employee.userid, requestId: String(id), note: '请假申请预占',
      }, { requireSufficient: true });
      if (outcome === 'insufficient') {
        const available = await getBalance(employee.userid, draft.leaveType);
        return { actions: [toActor(ctx, `${w.SUBMIT_CONFLICT_PREFIX}${w.insufficient(type.name, available, draft.days)}`)] };
      }
    }
    try {
      await LeaveRequestModel.create({
        _id: id, userid: employee.userid, leaveType: draft.leaveType,
        start: draft.start, startPeriod: draft.startPeriod, end: draft.end, endPeriod: draft.endPeriod,
        days: draft.days, reason: draft.reason, status: 'pending', approverUserid: facts.approver.userid,
        approvalMode: deps.approvalMode, cards: [], sourceKey: ctx.key, channel: ctx.actor.channel,
      });
      await audit({ actor: employee.userid, actorKind: 'employee', action: 'leave.submit', subjectKind: 'leave-request', subjectId: String(id), channel: ctx.actor.channel, details: { leaveType: draft.leaveType, start: draft.start, end: draft.end, days: draft.days } });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
    request = await LeaveRequestModel.findById(id).lean();
    if (!request) throw new Error(`leave request ${id} vanished after create`);
  }

  const approverName = await nameOf(request.approverUserid);
  if (request.approvalMode === 'wecom') return submitToWecom(request, employee.name, ctx, deps);

  const taskId = taskIdFor(String(id));
  const outboxKey = `leave:${id}:card:${request.approverUserid}`;
  await LeaveRequestModel.updateOne({ _id: id, 'cards.taskId': { $ne: taskId } }, { $push: { cards: { taskId, userid: request.approverUserid, outboxKey } } });
  const balanceAfter = (await requiresBalance(request.leaveType)) ? await getBalance(request.userid, request.leaveType) : undefined;
  const card = approvalCard({ ...request, id: String(id), employeeName: employee.name, balanceAfter }, taskId);
  return {
    actions: [
      sendTo(wecomUser(request.approverUserid), card, outboxKey),
      toActor(ctx, w.submitted(approverName)),
    ],
  };
}

async function submitToWecom(request: LeaveRequest, employeeName: string, ctx: EffectContext, deps: LeaveEffectDeps): Promise<EffectOutcome> {
  if (request.spNo) return { actions: [toActor(ctx, w.submittedToWecom(request.spNo))] };
  if (!deps.wecom) throw new Error('LEAVE_APPROVAL=wecom but no WeCom client is configured');
  try {
    const spNo = await deps.wecom.applyLeave({
      userid: request.userid,
      leaveTypeName: leaveTypeName(request.leaveType),
      vacationId: deps.vacationIds?.[request.leaveType],
      startAt: zonedTime(request.start, request.startPeriod === 'pm' ? '13:30' : '09:00', ctx.tz),
      endAt: zonedTime(request.end, request.endPeriod === 'am' ? '12:00' : '18:00', ctx.tz),
      days: request.days,
      reason: request.reason ?? `${employeeName}的${leaveTypeName(request.leaveType)}`,
    });
    await LeaveRequestModel.updateOne({ _id: request._id }, { $set: { spNo } });
    return { actions: [toActor(ctx, w.submittedToWecom(spNo))] };
  } catch (err) {
    // Nothing half-done: the request is called off and its reservation returned.
    const cancelled = await LeaveRequestModel.findOneAndUpdate(
      { _id: request._id, status: 'pending' },
      { $set: { status: 'cancelled', decidedBy: 'system', decidedAt: ctx.now, decisionNote: '提交企业微信审批失败' } },
      { returnDocument: 'after' },
    ).lean();
    if (cancelled) await settleLedger(cancelled, 'system');
    ctx.logger.warn({ err, requestId: String(request._id) }, 'wecom applyevent failed');
    const reasonText = err instanceof Error && 'explanation' in err ? String((err as { explanation: unknown }).explanation) : '企业微信暂时无法访问';
    return { actions: [toActor(ctx, w.wecomSubmitFailed(reasonText))] };
  }
}

async function decide(p: z.infer<typeof decideSchema>, ctx: EffectContext, deps: LeaveEffectDeps): Promise<EffectOutcome> {
  if (!Types.ObjectId.isValid(p.requestId)) return { actions: [toActor(ctx, w.REQUEST_NOT_FOUND)] };
  const request = await LeaveRequestModel.findById(p.requestId).lean();
  if (!request) return { actions: [toActor(ctx, w.REQUEST_NOT_FOUND)] };
  const clicker = await EmployeeModel.findOne({ userid: p.by }).lean();
  const allowed = p.by !== request.userid && (p.by === request.approverUserid || (clicker !== null && hasRole(clicker, 'hr')));
  if (!allowed) return { actions: [toActor(ctx, w.NOT_YOUR_APPROVAL)] };

  const updated = await LeaveRequestModel.findOneAndUpdate(
    { _id: request._id, status: 'pending' },
    { $set: { status: p.decision, decidedBy: p.by, decidedAt: ctx.now } },
    { returnDocument: 'after' },
  ).lean();
  const tapped = { taskId: p.taskId, responseCode: p.responseCode, userid: p.by };
  if (!updated) {
    // A second tap, a retried callback, or the other approver was faster: say so, and make this card show the truth.
    const current = (await LeaveRequestModel.findById(request._id).lean()) ?? request;
    await settleLedger(current, 'system');
    const who = await nameOf(current.decidedBy);
    const fix = p.responseCode
      ? [{ kind: 'update_card' as const, update: { taskId: p.taskId, userids: [p.by], responseCode: p.responseCode, replaceName: w.cardFinalText(current.status) } }]
      : [];
    return { actions: [...fix, toActor(ctx, w.alreadyDecided(current.status, who))] };
  }

  await settleLedger(updated, p.by);
  const [employeeName, approverName] = await Promise.all([nameOf(updated.userid), nameOf(p.by)]);
  await audit({
    actor: p.by, actorKind: clicker && hasRole(clicker, 'hr') && p.by !== updated.approverUserid ? 'hr' : 'manager',
    action: `leave.${p.decision === 'approved' ? 'approve' : 'reject'}`, subjectKind: 'leave-request', subjectId: String(updated._id), channel: ctx.actor.channel,
  });
  const span = w.spanText(updated);
  const typeName = leaveTypeName(updated.leaveType);
  const actions: Action[] = [
    ...(await cardUpdates(updated, p.decision === 'approved' ? w.CARD_APPROVED : w.CARD_REJECTED, deps.outbox, tapped)),
    sendTo(wecomUser(updated.userid), p.decision === 'approved'
      ? w.employeeApproved(typeName, span, updated.days, approverName)
      : w.employeeRejected(typeName, span, approverName)),
  ];
  if (p.decision === 'rejected') {
    actions.push(toActor(ctx, w.askRejectReason(employeeName)));
    return { actions, awaiting: { kind: 'leave.reject_reason', data: { requestId: String(updated._id) }, until: new Date(ctx.now.getTime() + REASON_WINDOW_MS).toISOString() } };
  }
  return { actions };
}

async function reason(p: z.infer<typeof reasonSchema>, ctx: EffectContext): Promise<EffectOutcome> {
  const updated = await LeaveRequestModel.findOneAndUpdate(
    { _id: p.requestId, status: 'rejected', decidedBy: p.by, decisionNote: { $exists: false } },
    { $set: { decisionNote: p.reason } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) return { actions: [toActor(ctx, w.REASON_SKIPPED)] };
  const [employeeName, approverName] = await Promise.all([nameOf(updated.userid), nameOf(p.by)]);
  return {
    actions: [
      sendTo(wecomUser(updated.userid), w.employeeRejectReason(approverName, p.reason)),
      toActor(ctx, w.reasonForwarded(employeeName)),
    ],
  };
}

async function withdraw(p: z.infer<typeof withdrawSchema>, ctx: EffectContext, deps: LeaveEffectDeps, raced = false): Promise<EffectOutcome> {
  if (!Types.ObjectId.isValid(p.requestId)) return { actions: [toActor(ctx, w.REQUEST_NOT_FOUND)] };
  const request = await LeaveRequestModel.findOne({ _id: p.requestId, userid: p.userid }).lean();
  if (!request) return { actions: [toActor(ctx, w.REQUEST_NOT_FOUND)] };
  const today: IsoDate = localDate(ctx.now, ctx.tz);
  let next: LeaveStatus;
  if (request.status === 'pending') next = 'withdrawn';
  else if (request.status === 'approved') {
    if (request.start <= today) return { actions: [toActor(ctx, w.CANNOT_CANCEL_STARTED)] };
    next = 'cancelled';
  } else {
    await settleLedger(request, 'system');
    return { actions: [toActor(ctx, request.decidedBy === p.userid && request.status === 'withdrawn' ? w.withdrawn(describe({ leaveType: request.leaveType, start: request.start, end: request.end, startPeriod: request.startPeriod, endPeriod: request.endPeriod })) : w.withdrawTooLate(request.status))] };
  }
  const updated = await LeaveRequestModel.findOneAndUpdate(
    { _id: request._id, status: request.status, ...(next === 'cancelled' ? { start: { $gt: today } } : {}) },
    { $set: { status: next, decidedBy: next === 'withdrawn' ? p.userid : request.decidedBy, decidedAt: next === 'withdrawn' ? ctx.now : request.decidedAt, ...(next === 'cancelled' ? { decisionNote: '员工取消' } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const current = (await LeaveRequestModel.findById(request._id).lean()) ?? request;
    // Approved at the same moment: decide again on the new status, as if the approval had come first.
    if (!raced && request.status === 'pending' && current.status === 'approved') return withdraw(p, ctx, deps, true);
    return { actions: [toActor(ctx, w.withdrawTooLate(current.status))] };
  }
  await settleLedger(updated, p.userid);
  await audit({ actor: p.userid, actorKind: 'employee', action: `leave.${next === 'withdrawn' ? 'withdraw' : 'cancel'}`, subjectKind: 'leave-request', subjectId: String(updated._id), channel: ctx.actor.channel });
  const line = describe({ leaveType: updated.leaveType, start: updated.start, startPeriod: updated.startPeriod, end: updated.end, endPeriod: updated.endPeriod });
  const employeeName = await nameOf(p.userid);
  return {
    actions: [
      ...(next === 'withdrawn' ? await cardUpdates(updated, w.CARD_WITHDRAWN, deps.outbox) : []),
      sendTo(wecomUser(updated.approverUserid), next === 'withdrawn' ? w.approverToldWithdrawn(employeeName, line) : w.approverToldCancelled(employeeName, line)),
      toActor(ctx, next === 'withdrawn' ? w.withdrawn(line) : w.cancelledApproved(line)),
    ],
  };
}

/** SpStatus → the transition it means for a request submitted to WeCom 审批. */
const WECOM_TRANSITIONS: Record<number, { from: LeaveStatus; to: LeaveStatus } | undefined> = {
  2: { from: 'pending', to: 'approved' },
  3: { from: 'pending', to: 'rejected' },
  4: { from: 'pending', to: 'withdrawn' },
  6: { from: 'approved', to: 'cancelled' },
  7: { from: 'pending', to: 'withdrawn' },
};

async function wecomStatus(p: z.infer<typeof wecomStatusSchema>, ctx: EffectContext): Promise<EffectOutcome> {
  const t = WECOM_TRANSITIONS[p.spStatus];
  if (!t) return {};
  const updated = await LeaveRequestModel.findOneAndUpdate(
    { spNo: p.spNo, status: t.from },
    { $set: { status: t.to, decidedBy: p.actor ?? 'wecom', decidedAt: ctx.now, ...(p.comment ? { decisionNote: p.comment } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    ctx.logger.info({ spNo: p.spNo, spStatus: p.spStatus }, 'approval change already applied or unknown sp_no');
    const current = await LeaveRequestModel.findOne({ spNo: p.spNo }).lean();
    if (current) await settleLedger(current, 'wecom');
    return {};
  }
  await settleLedger(updated, p.actor ?? 'wecom');
  await audit({ actor: p.actor ?? 'wecom', actorKind: 'manager', action: `leave.wecom.${t.to}`, subjectKind: 'leave-request', subjectId: String(updated._id), channel: 'wecom-approval', details: { spNo: p.spNo, spStatus: p.spStatus } });
  const span = w.spanText(updated);
  const typeName = leaveTypeName(updated.leaveType);
  const approverName = await nameOf(p.actor ?? updated.approverUserid);
  const text =
    t.to === 'approved' ? w.employeeApproved(typeName, span, updated.days, approverName)
      : t.to === 'rejected' ? `${w.employeeRejected(typeName, span, approverName)}${p.comment ? `\n${w.employeeRejectReason(approverName, p.comment)}` : ''}`
        : w.employeeWecomRevoked(typeName, span);
  return { actions: [sendTo(wecomUser(updated.userid), text)] };
}
