/**
 * Approved leave in this app, per person and day, so a day on leave is not
 * counted as absent or as missing punches. Half days say which half.
 */
import { addDays, daysBetween, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup, type Period } from '../../lib/workdays.js';
import { LeaveRequestModel, type LeaveRequest } from '../../models/leaveRequest.js';

/** The part of a day on leave: the whole day, or the morning / afternoon only. */
export type LeavePart = 'full' | Period;

type Span = Pick<LeaveRequest, 'start' | 'startPeriod' | 'end' | 'endPeriod'>;

/** Pure: each working date of a request with the part taken that day. */
export function leaveParts(r: Span, calendar: HolidayLookup): Array<{ date: IsoDate; part: LeavePart }> {
  const total = daysBetween(r.start, r.end);
  const out: Array<{ date: IsoDate; part: LeavePart }> = [];
  for (let i = 0; i <= total; i += 1) {
    const date = addDays(r.start, i);
    if (!isWorkingDay(date, calendar)) continue;
    let am = true;
    let pm = true;
    if (i === 0 && r.startPeriod === 'pm') am = false;
    if (i === total && r.endPeriod === 'am') pm = false;
    if (total === 0 && r.startPeriod === 'am' && r.endPeriod === 'am') pm = false;
    if (total === 0 && r.startPeriod === 'pm' && r.endPeriod === 'pm') am = false;
    if (am || pm) out.push({ date, part: am && pm ? 'full' : am ? 'am' : 'pm' });
  }
  return out;
}

/** Merges two parts of the same day (a morning and an afternoon request make a full day). */
export function mergeParts(a: LeavePart | undefined, b: LeavePart): LeavePart {
  if (a === undefined || a === b) return b;
  return 'full';
}

/** `userid → date → part` for approved requests overlapping [from, to]. */
export async function approvedLeave(userids: readonly string[], from: IsoDate, to: IsoDate, calendar: HolidayLookup): Promise<Map<string, Map<IsoDate, LeavePart>>> {
  const requests = await LeaveRequestModel.find(
    { userid: { $in: [...userids] }, status: 'approved', start: { $lte: to }, end: { $gte: from } },
    { userid: 1, start: 1, startPeriod: 1, end: 1, endPeriod: 1 },
  ).lean();
  const out = new Map<string, Map<IsoDate, LeavePart>>();
  for (const r of requests) {
    const days = out.get(r.userid) ?? new Map<IsoDate, LeavePart>();
    for (const { date, part } of leaveParts(r, calendar)) {
      if (date < from || date > to) continue;
      days.set(date, mergeParts(days.get(date), part));
    }
    out.set(r.userid, days);
  }
  return out;
}
