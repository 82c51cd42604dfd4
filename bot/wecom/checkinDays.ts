/**
 * WeCom 打卡 responses → `AttendanceDay` documents. Pure.
 *
 * The day report (`getcheckin_daydata`) gives the verdicts: exception_infos
 * 1 迟到, 2 早退, 3 缺卡, 4 旷工 (count + seconds), ot_info overtime, sp_items
 * leave. The raw punches (`getcheckindata`) say *which* punch was late or
 * missing (a missed punch is a record with exception 未打卡), which matters
 * for half-day leave and for "我昨天打卡了吗".
 */
import { addDays, localDate, type IsoDate } from '../../lib/time.js';
import type { CheckinDayData, CheckinRecord } from './api/checkin-types.js';
import type { Punch } from '../../models/attendanceDay.js';

const EXCEPTION = { late: 1, early: 2, missing: 3, absent: 4 } as const;
/** sp_items.type 1 is 请假. */
const SP_LEAVE = 1;
/** Hour-based leave is turned into a share of an 8-hour day. */
const WORKDAY_HOURS = 8;

import type { DayDoc } from '../../flows/ports.js';

export type { DayDoc };

function minutes(seconds: number): number {
  return Math.ceil(Math.max(0, seconds) / 60);
}

function leaveShare(items: CheckinDayData['sp_items']): number {
  let days = 0;
  for (const i of items ?? []) {
    if (i.type !== SP_LEAVE || i.duration <= 0) continue;
    days += i.time_type === 1 ? i.duration / 3600 / WORKDAY_HOURS : i.duration / 86_400;
  }
  // Half-day steps, at most one day.
  return Math.min(1, Math.round(days * 2) / 2);
}

function overtimeSeconds(ot: CheckinDayData['ot_info']): number {
  const d = ot?.['ot_duration'];
  return typeof d === 'number' && d > 0 ? d : 0;
}

function toPunch(r: CheckinRecord): Punch | undefined {
  const kind = r.checkin_type === '上班打卡' ? 'on' : r.checkin_type === '下班打卡' ? 'off' : undefined;
  if (!kind) return undefined;
  const missed = r.exception_type.includes('未打卡');
  return {
    kind,
    ...(r.sch_checkin_time ? { scheduledAt: new Date(r.sch_checkin_time * 1000) } : {}),
    ...(!missed && r.checkin_time ? { at: new Date(r.checkin_time * 1000) } : {}),
    ...(r.exception_type ? { exception: r.exception_type } : {}),
  };
}

/** The local day a punch belongs to: its scheduled time when known (a night shift ends the next day). */
function punchDate(r: CheckinRecord, tz: string): IsoDate {
  return localDate(new Date((r.sch_checkin_time || r.checkin_time) * 1000), tz);
}

/**
 * One document per requested user and date. A user/date WeCom said nothing
 * about is stored as untracked, so asking again does not call WeCom again.
 */
export function toAttendanceDays(
  input: { readonly userids: readonly string[]; readonly from: IsoDate; readonly to: IsoDate; readonly dayData: readonly CheckinDayData[]; readonly records: readonly CheckinRecord[] },
  tz: string,
  fetchedAt: Date,
): DayDoc[] {
  const reports = new Map<string, CheckinDayData>();
  for (const d of input.dayData) reports.set(`${d.base_info.acctid}/${localDate(new Date(d.base_info.date * 1000), tz)}`, d);
  const punches = new Map<string, Punch[]>();
  for (const r of input.records) {
    const p = toPunch(r);
    if (!p) continue;
    const key = `${r.userid}/${punchDate(r, tz)}`;
    punches.set(key, [...(punches.get(key) ?? []), p]);
  }
  const out: DayDoc[] = [];
  for (const userid of input.userids) {
    for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
      const key = `${userid}/${date}`;
      const report = reports.get(key);
      const ps = (punches.get(key) ?? []).sort((a, b) => (a.scheduledAt?.getTime() ?? 0) - (b.scheduledAt?.getTime() ?? 0));
      if (!report) {
        out.push({
          userid, date, tracked: ps.length > 0, workday: ps.length > 0, punches: ps,
          lateCount: 0, lateMinutes: 0, earlyCount: 0, earlyMinutes: 0,
          missingPunches: ps.filter((p) => !p.at).length, absent: false, overtimeMinutes: 0, leaveShare: 0, onLeave: false,
          source: 'wecom', fetchedAt,
        });
        continue;
      }
      const ex = (code: number) => (report.exception_infos ?? []).find((e) => e.exception === code);
      const share = leaveShare(report.sp_items);
      out.push({
        userid,
        date,
        tracked: true,
        workday: report.base_info.day_type === 0,
        punches: ps,
        lateCount: ex(EXCEPTION.late)?.count ?? 0,
        lateMinutes: minutes(ex(EXCEPTION.late)?.duration ?? 0),
        earlyCount: ex(EXCEPTION.early)?.count ?? 0,
        earlyMinutes: minutes(ex(EXCEPTION.early)?.duration ?? 0),
        missingPunches: ex(EXCEPTION.missing)?.count ?? 0,
        absent: (ex(EXCEPTION.absent)?.count ?? 0) > 0,
        overtimeMinutes: minutes(overtimeSeconds(report.ot_info)),
        leaveShare: share,
        onLeave: share >= 1,
        source: 'wecom',
        fetchedAt,
      });
    }
  }
  return out;
}
