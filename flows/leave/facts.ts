/**
 * The data the leave flows reason over, loaded before each pure step.
 */
import { addDays, type IsoDate } from '../../lib/time.js';
import type { HolidayLookup } from '../../lib/workdays.js';
import { holidayLookup, calendarYears } from '../../models/calendar.js';
import { EmployeeModel, type Employee } from '../../models/employee.js';
import { LeaveTypeModel, type LeaveType, type LeaveTypeCode } from '../../models/leaveType.js';
import { LeaveAccountModel } from '../../models/leaveAccount.js';
import { LeaveRequestModel, type LeaveStatus } from '../../models/leaveRequest.js';

export interface ActiveRequest {
  readonly id: string;
  readonly leaveType: LeaveTypeCode;
  readonly start: IsoDate;
  readonly startPeriod?: 'am' | 'pm' | undefined;
  readonly end: IsoDate;
  readonly endPeriod?: 'am' | 'pm' | undefined;
  readonly days: number;
  readonly status: LeaveStatus;
  readonly approverUserid: string;
  readonly approvalMode: 'local' | 'wecom';
  readonly createdAt: string;
}

export interface Person {
  readonly userid: string;
  readonly name: string;
}

export interface LeaveFacts {
  readonly leaveTypes: readonly LeaveType[];
  /** Available days per type (pending requests already reserved). */
  readonly balances: Readonly<Partial<Record<LeaveTypeCode, number>>>;
  /** Days reserved by pending requests, per type. */
  readonly reserved: Readonly<Partial<Record<LeaveTypeCode, number>>>;
  readonly calendar: HolidayLookup;
  /** Years the holiday calendar covers. */
  readonly calendarYears: readonly number[];
  /** Requests that are pending or approved, recent or future, and the recent rest (for status). */
  readonly requests: readonly ActiveRequest[];
  readonly approver: Person | undefined;
  /** Names of the people who appear in requests (approvers). */
  readonly names: Readonly<Record<string, string>>;
}

/** Who approves `employee`'s leave: the manager, else an HR person (not themselves). */
export async function findApprover(employee: Employee): Promise<Person | undefined> {
  if (employee.managerUserid && employee.managerUserid !== employee.userid) {
    const m = await EmployeeModel.findOne({ userid: employee.managerUserid, active: true }, { userid: 1, name: 1 }).lean();
    if (m) return { userid: m.userid, name: m.name };
  }
  const hr = await EmployeeModel.findOne({ roles: 'hr', active: true, userid: { $ne: employee.userid } }, { userid: 1, name: 1 }).sort({ userid: 1 }).lean();
  return hr ? { userid: hr.userid, name: hr.name } : undefined;
}

export async function loadLeaveFacts(employee: Employee, today: IsoDate): Promise<LeaveFacts> {
  const [types, accounts, requests, calendar, years, approver] = await Promise.all([
    LeaveTypeModel.find({ active: true }).lean(),
    LeaveAccountModel.find({ userid: employee.userid }, { leaveType: 1, balance: 1 }).lean(),
    LeaveRequestModel.find({ userid: employee.userid, $or: [{ end: { $gte: addDays(today, -90) } }, { status: 'pending' }] })
      .sort({ createdAt: -1 }).limit(50).lean(),
    holidayLookup(addDays(today, -60), addDays(today, 400)),
    calendarYears(),
    findApprover(employee),
  ]);
  const balances: Partial<Record<LeaveTypeCode, number>> = {};
  for (const a of accounts) balances[a.leaveType] = a.balance;
  const reserved: Partial<Record<LeaveTypeCode, number>> = {};
  const typeByCode = new Map(types.map((t) => [t.code, t]));
  for (const r of requests) {
    if (r.status === 'pending' && typeByCode.get(r.leaveType)?.requiresBalance) reserved[r.leaveType] = (reserved[r.leaveType] ?? 0) + r.days;
  }
  const people = [...new Set(requests.map((r) => r.approverUserid))];
  const named = await EmployeeModel.find({ userid: { $in: people } }, { userid: 1, name: 1 }).lean();
  return {
    leaveTypes: types,
    balances,
    reserved,
    calendar,
    calendarYears: years,
    requests: requests.map((r) => ({
      id: String(r._id), leaveType: r.leaveType, start: r.start, startPeriod: r.startPeriod, end: r.end, endPeriod: r.endPeriod,
      days: r.days, status: r.status, approverUserid: r.approverUserid, approvalMode: r.approvalMode, createdAt: r.createdAt.toISOString(),
    })),
    approver,
    names: Object.fromEntries(named.map((n) => [n.userid, n.name])),
  };
}
