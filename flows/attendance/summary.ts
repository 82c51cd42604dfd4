/**
 * What one person's attendance over a period comes to. Pure.
 *
 * WeCom's verdicts per day (late, early, missing punches, absence, overtime)
 * are adjusted with what this app knows:
 * - which days are working days: WeCom's day_type when it tracked the person
 *   (it knows their 排班, so a scheduled Saturday shift counts and a weekday off
 *   does not), never a statutory holiday of the calendar (a 缺卡 on 国庆 is not
 *   one, whatever the 打卡 rule says); the calendar alone for untracked days;
 * - a day on approved leave is not absent and needs no punches; a morning off
 *   excuses the morning punch and lateness, an afternoon off the evening punch
 *   and leaving early;
 * - today is not over: today's missing evening punch or absence is not counted.
 */
import { addDays, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup } from '../../lib/workdays.js';
import type { AttendanceDay, Punch } from '../../models/attendanceDay.js';
import type { LeavePart } from './leaves.js';

/** `half` is a half day WeCom reports without saying which half. */
export type DayLeave = LeavePart | 'half';
export type PunchKind = 'on' | 'off' | 'unknown';

export interface DayOutcome {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly tracked: boolean;
  readonly leave: DayLeave | undefined;
  readonly lateMinutes: number;
  readonly lateCount: number;
  readonly earlyMinutes: number;
  readonly earlyCount: number;
  /** Punches missed (after leave excused some). */
  readonly missing: readonly PunchKind[];
  /** 0, 0.5 or 1. */
  readonly absent: number;
  readonly overtimeMinutes: number;
  readonly punches: readonly Punch[];
}

export interface PersonSummary {
  readonly userid: string;
  readonly name: string;
  /** Working days in the period (holiday calendar). */
  readonly workdays: number;
  readonly late: { readonly count: number; readonly minutes: number; readonly dates: readonly IsoDate[] };
  readonly early: { readonly count: number; readonly minutes: number; readonly dates: readonly IsoDate[] };
  readonly missing: { readonly count: number; readonly days: ReadonlyArray<{ readonly date: IsoDate; readonly which: readonly PunchKind[] }> };
  readonly absent: { readonly days: number; readonly dates: ReadonlyArray<{ readonly date: IsoDate; readonly share: number }> };
  readonly overtimeMinutes: number;
  readonly leave: ReadonlyArray<{ readonly date: IsoDate; readonly part: DayLeave }>;
  /** False when WeCom had no 打卡 data for any working day (not in a rule). */
  readonly tracked: boolean;
  readonly days: readonly DayOutcome[];
}

export interface PersonInput {
  readonly userid: string;
  readonly name: string;
  readonly days: readonly AttendanceDay[];
  /** Approved leave in this app. */
  readonly leave: ReadonlyMap<IsoDate, LeavePart> | undefined;
}

function wecomLeave(rec: AttendanceDay | undefined): DayLeave | undefined {
  if (!rec) return undefined;
  if (rec.onLeave || rec.leaveShare >= 1) return 'full';
  return rec.leaveShare > 0 ? 'half' : undefined;
}

function combine(ours: LeavePart | undefined, theirs: DayLeave | undefined): DayLeave | undefined {
  if (ours === 'full' || theirs === 'full') return 'full';
  if (ours && theirs && theirs !== 'half' && ours !== theirs) return 'full';
  return ours ?? theirs;
}

/**
 * Which punches were missed: the 未打卡 records say so; when WeCom counts more
 * 缺卡 than records show, the kinds with no punch at all fill in, then `unknown`.
 */
function missedPunches(rec: AttendanceDay): PunchKind[] {
  const missed: PunchKind[] = rec.punches.filter((p) => !p.at).map((p) => p.kind);
  const done = new Set(rec.punches.filter((p) => p.at).map((p) => p.kind));
  for (const kind of ['on', 'off'] as const) {
    if (missed.length >= rec.missingPunches) break;
    if (!done.has(kind) && !missed.includes(kind)) missed.push(kind);
  }
  while (missed.length < rec.missingPunches) missed.push('unknown');
  return missed;
}

/** One day, adjusted. */
export function dayOutcome(date: IsoDate, rec: AttendanceDay | undefined, ours: LeavePart | undefined, calendar: HolidayLookup, today: IsoDate): DayOutcome {
  const tracked = rec?.tracked ?? false;
  const working = rec && tracked ? rec.workday && calendar(date) !== 'holiday' : isWorkingDay(date, calendar);
  const leave = working ? combine(ours, wecomLeave(rec)) : undefined;
  const base = {
    date, working, tracked, leave, punches: rec?.punches ?? [], overtimeMinutes: rec?.overtimeMinutes ?? 0,
    lateMinutes: 0, lateCount: 0, earlyMinutes: 0, earlyCount: 0, missing: [] as PunchKind[], absent: 0,
  };
  if (!rec || !tracked || !working || leave === 'full') return base;

  let missing = missedPunches(rec);
  let late = { count: rec.lateCount, minutes: rec.lateMinutes };
  let early = { count: rec.earlyCount, minutes: rec.earlyMinutes };
  if (leave === 'am') {
    missing = missing.filter((k) => k !== 'on');
    late = { count: 0, minutes: 0 };
  } else if (leave === 'pm') {
    missing = missing.filter((k) => k !== 'off');
    early = { count: 0, minutes: 0 };
  } else if (leave === 'half') {
    missing = missing.slice(1);
  }
  let absent = rec.absent ? (leave ? 0.5 : 1) : 0;
  if (absent > 0) missing = []; // WeCom reports a day without punches as 旷工, not also as 缺卡
  if (date === today) {
    // The day is not over: only what already happened counts.
    absent = 0;
    missing = [];
  }
  return { ...base, lateCount: late.count, lateMinutes: late.minutes, earlyCount: early.count, earlyMinutes: early.minutes, missing, absent };
}

export function summarize(person: PersonInput, from: IsoDate, to: IsoDate, calendar: HolidayLookup, today: IsoDate): PersonSummary {
  const byDate = new Map(person.days.filter((d) => d.userid === person.userid).map((d) => [d.date, d]));
  const days: DayOutcome[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push(dayOutcome(date, byDate.get(date), person.leave?.get(date), calendar, today));
  const working = days.filter((d) => d.working);
  const late = working.filter((d) => d.lateCount > 0);
  const early = working.filter((d) => d.earlyCount > 0);
  const missing = working.filter((d) => d.missing.length > 0);
  const absent = working.filter((d) => d.absent > 0);
  return {
    userid: person.userid,
    name: person.name,
    workdays: working.length,
    late: { count: sum(late.map((d) => d.lateCount)), minutes: sum(late.map((d) => d.lateMinutes)), dates: late.map((d) => d.date) },
    early: { count: sum(early.map((d) => d.earlyCount)), minutes: sum(early.map((d) => d.earlyMinutes)), dates: early.map((d) => d.date) },
    missing: { count: sum(missing.map((d) => d.missing.length)), days: missing.map((d) => ({ date: d.date, which: d.missing })) },
    absent: { days: sum(absent.map((d) => d.absent)), dates: absent.map((d) => ({ date: d.date, share: d.absent })) },
    overtimeMinutes: sum(days.map((d) => d.overtimeMinutes)),
    leave: working.flatMap((d) => (d.leave ? [{ date: d.date, part: d.leave }] : [])),
    tracked: working.length === 0 || working.some((d) => d.tracked),
    days,
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Anything to point out (for team lists and the digest). */
export function hasIssues(s: PersonSummary): boolean {
  return s.late.count + s.early.count + s.missing.count + s.absent.days > 0;
}
