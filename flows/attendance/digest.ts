/**
 * The daily attendance digest (scheduler/jobs/attendanceDigest.ts runs it on
 * working days): everyone with a missing punch on the previous working day
 * gets one message suggesting a 补卡 request, and each manager gets a summary
 * of their team when there is something to see. Nothing is sent on holidays
 * or weekends off. Outbox keys name the day and the person, so a second run
 * (another instance, a retried tick) sends nothing new.
 */
import { addDays, localDate, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup } from '../../lib/workdays.js';
import type { Logger } from '../../lib/logger.js';
import { holidayLookup } from '../../models/calendar.js';
import { EmployeeModel } from '../../models/employee.js';
import { wecomUser } from '../flow.js';
import type { OutboxPort } from '../ports.js';
import { approvedLeave } from './leaves.js';
import { loadAttendance, type AttendanceSourceDeps } from './source.js';
import { dayOutcome, type DayOutcome } from './summary.js';
import { isInTeam, loadDepartmentTree, managedDepartments } from './team.js';
import * as w from './wording.js';

export interface DigestDeps {
  readonly outbox: OutboxPort;
  readonly source: AttendanceSourceDeps;
  readonly tz: string;
  readonly logger: Logger;
}

export type DigestResult =
  | { readonly kind: 'not_a_working_day'; readonly today: IsoDate }
  | { readonly kind: 'sent'; readonly day: IsoDate; readonly employees: number; readonly managers: number; readonly checked: number };

/** The working day before `today` (Monday → Friday; after 国庆 → the last day before it). */
export function previousWorkingDay(today: IsoDate, calendar: HolidayLookup): IsoDate {
  let d = addDays(today, -1);
  for (let i = 0; i < 60 && !isWorkingDay(d, calendar); i += 1) d = addDays(d, -1);
  return d;
}

export class AttendanceUnavailableError extends Error {
  override readonly name = 'AttendanceUnavailableError';
}

export async function runAttendanceDigest(now: Date, deps: DigestDeps): Promise<DigestResult> {
  const today = localDate(now, deps.tz);
  const calendar = await holidayLookup(addDays(today, -60), today);
  if (!isWorkingDay(today, calendar)) return { kind: 'not_a_working_day', today };
  const day = previousWorkingDay(today, calendar);

  const people = await EmployeeModel.find({ active: true }).sort({ userid: 1 }).lean();
  const ids = people.map((p) => p.userid);
  const [loaded, leave] = await Promise.all([loadAttendance(ids, day, day, deps.source), approvedLeave(ids, day, day, calendar)]);
  if (loaded.stale && loaded.days.length === 0 && ids.length > 0) throw new AttendanceUnavailableError(`no attendance data for ${day}: WeCom unreachable`);
  const byUser = new Map(loaded.days.map((d) => [d.userid, d]));
  const outcome = new Map<string, DayOutcome>();
  for (const p of people) outcome.set(p.userid, dayOutcome(day, byUser.get(p.userid), leave.get(p.userid)?.get(day), calendar, today));

  let employees = 0;
  for (const p of people) {
    const d = outcome.get(p.userid)!;
    if (!d.working || (d.missing.length === 0 && d.absent === 0)) continue;
    await deps.outbox.send(`attendance-digest:${day}:${p.userid}`, wecomUser(p.userid), { kind: 'text', text: w.digestEmployee(day, d) });
    employees += 1;
  }

  let managers = 0;
  const tree = await loadDepartmentTree();
  for (const m of people) {
    const scope = managedDepartments(m, tree);
    const team = people.filter((e) => isInTeam(m, e, scope));
    if (team.length === 0) continue;
    const rows = team.map((e) => ({ name: e.name, day: outcome.get(e.userid)! }));
    const notable = rows.some((r) => r.day.working && (r.day.missing.length > 0 || r.day.absent > 0 || r.day.lateCount > 0));
    if (!notable) continue;
    await deps.outbox.send(`attendance-digest-team:${day}:${m.userid}`, wecomUser(m.userid), { kind: 'text', text: w.digestManager(day, rows) });
    managers += 1;
  }
  return { kind: 'sent', day, employees, managers, checked: people.length };
}
