/**
 * The demo company's recent leave: a few approved requests this month (one of
 * them running through today), and two still waiting for a manager. Dates are
 * counted in working days from the day the demo was first seeded (the anchor),
 * so the story is the same whenever the demo starts. The seed writes them as
 * LeaveRequests; the check-in generator leaves those days without punches.
 * Approvers are deliberately not 李娜, whose chat stays free for the walkthrough.
 */
import { addDays, type IsoDate } from '../../lib/time.js';
import { countWorkingDays, isWorkingDay, type HolidayLookup, type Period } from '../../lib/workdays.js';
import type { LeaveTypeCode } from '../../models/leaveType.js';

export interface DemoLeave {
  readonly key: string;
  readonly userid: string;
  readonly leaveType: LeaveTypeCode;
  readonly start: IsoDate;
  readonly startPeriod?: Period | undefined;
  readonly end: IsoDate;
  readonly endPeriod?: Period | undefined;
  readonly days: number;
  readonly reason: string;
  readonly approver: string;
  readonly status: 'approved' | 'pending';
  /** Hours before the anchor the request was made. */
  readonly askedHoursBefore: number;
}

/** The nth working day before `anchor` (n ≥ 1), or on/after it (n ≥ 0 with `after`). */
function workday(anchor: IsoDate, n: number, lookup: HolidayLookup, after = false): IsoDate {
  let d = anchor;
  let left = n;
  if (after) {
    while (!isWorkingDay(d, lookup)) d = addDays(d, 1);
    while (left > 0) {
      d = addDays(d, 1);
      if (isWorkingDay(d, lookup)) left -= 1;
    }
    return d;
  }
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d, lookup)) left -= 1;
  }
  return d;
}

export function demoLeaves(anchor: IsoDate, lookup: HolidayLookup): DemoLeave[] {
  const before = (n: number) => workday(anchor, n, lookup);
  const after = (n: number) => workday(anchor, n, lookup, true);
  const raw: Array<Omit<DemoLeave, 'days'>> = [
    { key: 'zhangwei-annual', userid: 'ZhangWei', leaveType: 'annual', start: before(8), end: before(7), reason: '回老家办事', approver: 'ZhaoMin', status: 'approved', askedHoursBefore: 24 * 20 },
    { key: 'zhouxin-sick', userid: 'ZhouXin', leaveType: 'sick', start: before(5), end: before(5), reason: '发烧', approver: 'HuangLei', status: 'approved', askedHoursBefore: 24 * 7 },
    { key: 'sunhao-personal', userid: 'SunHao', leaveType: 'personal', start: before(3), startPeriod: 'pm', end: before(3), endPeriod: 'pm', reason: '办理房产手续', approver: 'XuQiang', status: 'approved', askedHoursBefore: 24 * 6 },
    { key: 'gaojing-annual', userid: 'GaoJing', leaveType: 'annual', start: before(12), end: before(12), reason: '家里有事', approver: 'HeYan', status: 'approved', askedHoursBefore: 24 * 18 },
    { key: 'wuting-comp', userid: 'WuTing', leaveType: 'compensatory', start: before(2), end: before(2), reason: '周末加班调休', approver: 'HuangLei', status: 'approved', askedHoursBefore: 24 * 4 },
    { key: 'liuyang-sick', userid: 'LiuYang', leaveType: 'sick', start: before(10), end: before(9), reason: '肠胃炎，已就医', approver: 'ZhaoMin', status: 'approved', askedHoursBefore: 24 * 14 },
    { key: 'malin-annual', userid: 'MaLin', leaveType: 'annual', start: before(1), end: after(1), reason: '出游', approver: 'XuQiang', status: 'approved', askedHoursBefore: 24 * 10 },
    { key: 'zhutao-annual', userid: 'ZhuTao', leaveType: 'annual', start: after(4), end: after(5), reason: '陪家人体检', approver: 'XuQiang', status: 'pending', askedHoursBefore: 30 },
    { key: 'gaojing-personal', userid: 'GaoJing', leaveType: 'personal', start: after(2), end: after(2), reason: '孩子学校开家长会', approver: 'HeYan', status: 'pending', askedHoursBefore: 3 },
  ];
  return raw.map((l) => ({ ...l, days: countWorkingDays(l, lookup) }));
}

/** The share of `date` a member is away on approved demo leave (0, 0.5 or 1), and which half. */
export function leaveOn(leaves: readonly DemoLeave[], userid: string, date: IsoDate): { leave: DemoLeave; half: Period | undefined } | undefined {
  for (const l of leaves) {
    if (l.userid !== userid || l.status !== 'approved' || date < l.start || date > l.end) continue;
    if (date === l.start && l.startPeriod === 'pm') return { leave: l, half: 'pm' };
    if (date === l.end && l.endPeriod === 'am') return { leave: l, half: 'am' };
    return { leave: l, half: undefined };
  }
  return undefined;
}
