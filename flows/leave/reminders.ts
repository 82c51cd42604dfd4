/**
 * Pending approvals: a reminder to the approver after 24 h, and after 48 h an
 * escalation that gives HR a card of their own. Each request is stamped by a
 * guarded update, so it is reminded and escalated once, whatever runs it.
 */
import { EmployeeModel } from '../../models/employee.js';
import { LeaveRequestModel } from '../../models/leaveRequest.js';
import { getBalance } from '../../models/leaveLedger.js';
import { LeaveTypeModel } from '../../models/leaveType.js';
import { localDate } from '../../lib/time.js';
import type { Logger } from '../../lib/logger.js';
import type { OutboxPort } from '../ports.js';
import { wecomUser } from '../flow.js';
import { approvalCard, taskIdFor } from './approval.js';
import * as w from './wording.js';

export const REMIND_AFTER_MS = 24 * 3600_000;
export const ESCALATE_AFTER_MS = 48 * 3600_000;

export interface ReminderDeps {
  readonly outbox: OutboxPort;
  readonly tz: string;
  readonly logger: Logger;
  /** HR userids from configuration; falls back to employees with the hr role. */
  readonly hrAdmins: readonly string[];
}

export async function runLeaveReminders(now: Date, deps: ReminderDeps): Promise<{ reminded: number; escalated: number }> {
  const day = localDate(now, deps.tz);
  // Reminders, one message per approver.
  const due = await LeaveRequestModel.find({ status: 'pending', approvalMode: 'local', createdAt: { $lte: new Date(now.getTime() - REMIND_AFTER_MS) }, remindedAt: { $exists: false } }).lean();
  const byApprover = new Map<string, Date[]>();
  for (const r of due) {
    const claimed = await LeaveRequestModel.updateOne({ _id: r._id, status: 'pending', remindedAt: { $exists: false } }, { $set: { remindedAt: now } });
    if (claimed.modifiedCount !== 1) continue;
    byApprover.set(r.approverUserid, [...(byApprover.get(r.approverUserid) ?? []), r.createdAt]);
  }
  for (const [approver, created] of byApprover) {
    const oldest = Math.min(...created.map((d) => d.getTime()));
    await deps.outbox.send(`leave-remind:${approver}:${day}`, wecomUser(approver), { kind: 'text', text: w.reminder(created.length, (now.getTime() - oldest) / 3600_000) });
  }

  // Escalations: HR gets a card of their own and can decide.
  const late = await LeaveRequestModel.find({ status: 'pending', approvalMode: 'local', createdAt: { $lte: new Date(now.getTime() - ESCALATE_AFTER_MS) }, escalatedAt: { $exists: false } }).lean();
  let escalated = 0;
  for (const r of late) {
    const hr = await hrPeople(deps.hrAdmins, r.userid, r.approverUserid);
    if (hr.length === 0) {
      deps.logger.warn({ requestId: String(r._id) }, 'no HR person to escalate a pending leave request to');
      continue;
    }
    const claimed = await LeaveRequestModel.updateOne({ _id: r._id, status: 'pending', escalatedAt: { $exists: false } }, { $set: { escalatedAt: now } });
    if (claimed.modifiedCount !== 1) continue;
    escalated += 1;
    const [employee, approver, type] = await Promise.all([
      EmployeeModel.findOne({ userid: r.userid }, { name: 1 }).lean(),
      EmployeeModel.findOne({ userid: r.approverUserid }, { name: 1 }).lean(),
      LeaveTypeModel.findOne({ code: r.leaveType }, { requiresBalance: 1 }).lean(),
    ]);
    const balanceAfter = type?.requiresBalance ? await getBalance(r.userid, r.leaveType) : undefined;
    for (const [i, userid] of hr.entries()) {
      const taskId = taskIdFor(String(r._id), `hr${i + 1}`);
      const outboxKey = `leave:${r._id}:card:${userid}`;
      await LeaveRequestModel.updateOne({ _id: r._id, 'cards.taskId': { $ne: taskId } }, { $push: { cards: { taskId, userid, outboxKey } } });
      const hours = (now.getTime() - r.createdAt.getTime()) / 3600_000;
      await deps.outbox.send(`leave-escalate:${r._id}:${userid}:note`, wecomUser(userid), { kind: 'text', text: w.escalation(employee?.name ?? r.userid, approver?.name ?? r.approverUserid, hours) });
      await deps.outbox.send(outboxKey, wecomUser(userid), approvalCard({ ...r, id: String(r._id), employeeName: employee?.name ?? r.userid, balanceAfter }, taskId));
    }
  }
  return { reminded: due.length, escalated };
}

async function hrPeople(configured: readonly string[], ...exclude: string[]): Promise<string[]> {
  const list = configured.length > 0
    ? configured
    : (await EmployeeModel.find({ roles: 'hr', active: true }, { userid: 1 }).sort({ userid: 1 }).lean()).map((e) => e.userid);
  return list.filter((u) => !exclude.includes(u)).slice(0, 3);
}
