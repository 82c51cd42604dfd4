/**
 * 打卡 APIs (doc 90262 / 93374 / 90263) over a `CheckinSource`: raw punches,
 * day reports and the attendance rule, in WeCom's shapes, with its limits
 * (at most 100 members and 30 days per call; 301024 for a bad interval).
 */
import { addDays, localDate, startOfLocalDay, type IsoDate } from '../lib/time.js';
import { Errors, withHint, type WecomError } from './errors.js';
import type { SimContext } from './context.js';
import type { CheckinDay } from './checkinSource.js';
import { isObject, num, strings, type Json } from './http.js';

const DAY = 86_400;
const MAX_USERS = 100;
const MAX_DAYS = 30;

const OFFICE = {
  location_title: '示例科技大厦',
  location_detail: '上海市浦东新区世纪大道 100 号',
  wifiname: 'Demo-Office',
  wifimac: '3c:46:d8:0c:7a:70',
  lat: 31234567,
  lng: 121512345,
};

function users(ctx: SimContext, body: Json): string[] | WecomError {
  const list = strings(body, 'useridlist');
  if (!list || list.length === 0) return withHint(Errors.invalidParameter, 'useridlist required');
  if (list.length > MAX_USERS) return withHint(Errors.invalidParameter, `at most ${MAX_USERS} users per call`);
  return list.flatMap((id) => {
    const u = ctx.directory.user(id);
    return u ? [u.userid] : [];
  });
}

function datesBetween(ctx: SimContext, startS: number, endS: number): IsoDate[] {
  const first = localDate(new Date(startS * 1000), ctx.tz);
  const last = localDate(new Date(endS * 1000), ctx.tz);
  const out: IsoDate[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

function lateOrEarly(p: { kind: 'on' | 'off'; scheduledAt: number; at: number | undefined }): boolean {
  if (p.at === undefined) return false;
  return p.kind === 'on' ? p.at > p.scheduledAt : p.at < p.scheduledAt;
}

/** `checkin/getcheckindata`: one record per punch (a missed punch is a 未打卡 record). */
export function checkinData(ctx: SimContext, body: unknown): { readonly checkindata: Json[] } | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  const type = num(body, 'opencheckindatatype');
  const start = num(body, 'starttime');
  const end = num(body, 'endtime');
  if (type !== 1 && type !== 2 && type !== 3) return withHint(Errors.invalidParameter, 'opencheckindatatype must be 1, 2 or 3');
  if (start === undefined || end === undefined || start > end || end - start > MAX_DAYS * DAY) return Errors.checkinInterval;
  const list = users(ctx, body);
  if (!Array.isArray(list)) return list;
  const source = ctx.checkins;
  const rule = source?.rule;
  const out: Json[] = [];
  if (!source || !rule || type === 2) return { checkindata: out };
  for (const userid of list) {
    for (const date of datesBetween(ctx, start, end)) {
      const day = source.day(userid, date);
      for (const p of day?.punches ?? []) {
        const time = p.at ?? p.scheduledAt;
        if (time < start || time > end) continue;
        const missed = p.at === undefined;
        out.push({
          userid,
          groupname: rule.groupName,
          checkin_type: p.kind === 'on' ? '上班打卡' : '下班打卡',
          exception_type: missed ? '未打卡' : lateOrEarly(p) ? '时间异常' : '',
          checkin_time: time,
          location_title: missed ? '' : OFFICE.location_title,
          location_detail: missed ? '' : OFFICE.location_detail,
          wifiname: missed ? '' : OFFICE.wifiname,
          notes: '',
          wifimac: missed ? '' : OFFICE.wifimac,
          mediaids: [],
          lat: missed ? 0 : OFFICE.lat,
          lng: missed ? 0 : OFFICE.lng,
          deviceid: missed ? '' : `device-${userid.toLowerCase()}`,
          sch_checkin_time: p.scheduledAt,
          groupid: rule.groupId,
          schedule_id: 0,
          timeline_id: 1,
        });
      }
    }
  }
  return { checkindata: out };
}

/** `checkin/getcheckin_daydata`: one report per member and day. */
export function checkinDayData(ctx: SimContext, body: unknown): { readonly datas: Json[] } | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  const start = num(body, 'starttime');
  const end = num(body, 'endtime');
  if (start === undefined || end === undefined || start > end || (end - start) / DAY + 1 > MAX_DAYS) return Errors.checkinInterval;
  const list = users(ctx, body);
  if (!Array.isArray(list)) return list;
  const source = ctx.checkins;
  const out: Json[] = [];
  if (!source) return { datas: out };
  for (const userid of list) {
    const user = ctx.directory.user(userid);
    for (const date of datesBetween(ctx, start, end)) {
      const day = source.day(userid, date);
      if (!day || !user) continue;
      out.push(dayReport(ctx, day, user.name, ctx.directory.mainDepartmentName(user)));
    }
  }
  return { datas: out };
}

function dayReport(ctx: SimContext, day: CheckinDay, name: string, dept: string): Json {
  const rule = ctx.checkins!.rule;
  const midnight = Math.floor(startOfLocalDay(day.date, ctx.tz).getTime() / 1000);
  const done = day.punches.filter((p) => p.at !== undefined);
  const on = day.punches.find((p) => p.kind === 'on');
  const off = day.punches.find((p) => p.kind === 'off');
  const exceptions: Json[] = [];
  if (on?.at !== undefined && on.at > on.scheduledAt) exceptions.push({ exception: 1, count: 1, duration: on.at - on.scheduledAt });
  if (off?.at !== undefined && off.at < off.scheduledAt) exceptions.push({ exception: 2, count: 1, duration: off.scheduledAt - off.at });
  const missing = day.punches.filter((p) => p.at === undefined).length;
  const standard = day.workday && !day.leave ? rule.offWorkSec - rule.workSec : 0;
  if (day.workday && !day.leave && done.length === 0 && day.punches.length > 0) {
    exceptions.push({ exception: 4, count: 1, duration: standard });
  } else if (missing > 0) {
    exceptions.push({ exception: 3, count: missing, duration: 0 });
  }
  const regular = on?.at !== undefined && off?.at !== undefined ? Math.max(0, off.at - on.at) : 0;
  const times = done.map((p) => p.at! - midnight).sort((a, b) => a - b);
  return {
    base_info: {
      date: midnight,
      record_type: 1,
      name,
      name_ex: '',
      departs_name: dept,
      acctid: day.userid,
      rule_info: {
        groupid: rule.groupId,
        groupname: rule.groupName,
        scheduleid: 0,
        schedulename: '',
        checkintime: [{ work_sec: rule.workSec, off_work_sec: rule.offWorkSec }],
      },
      day_type: day.workday ? 0 : 1,
    },
    summary_info: {
      checkin_count: done.length,
      regular_work_sec: regular,
      standard_work_sec: standard,
      earliest_time: times[0] ?? 0,
      lastest_time: times[times.length - 1] ?? 0,
    },
    holiday_infos: [],
    exception_infos: exceptions,
    ot_info: { ot_status: 0, ot_duration: 0, exception_duration: [] },
    sp_items: day.leave
      ? [{ count: 1, duration: day.leave.seconds, time_type: 0, type: 1, vacation_id: day.leave.vacationId, name: day.leave.name }]
      : [],
  };
}

/** `checkin/getcheckinoption`: the fixed-time rule every member follows. */
export function checkinOption(ctx: SimContext, body: unknown): { readonly info: Json[] } | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  if (num(body, 'datetime') === undefined) return withHint(Errors.invalidParameter, 'datetime required');
  const list = users(ctx, body);
  if (!Array.isArray(list)) return list;
  const rule = ctx.checkins?.rule;
  if (!rule) return { info: [] };
  return {
    info: list.map((userid) => ({
      userid,
      group: {
        grouptype: 1,
        groupid: rule.groupId,
        groupname: rule.groupName,
        checkindate: [
          {
            workdays: [1, 2, 3, 4, 5],
            checkintime: [{ work_sec: rule.workSec, off_work_sec: rule.offWorkSec, remind_work_sec: rule.workSec - 600, remind_off_work_sec: rule.offWorkSec }],
            noneed_offwork: false,
            limit_aheadtime: 10800000,
            flex_on_duty_time: 0,
            flex_off_duty_time: 0,
          },
        ],
        spe_workdays: [],
        spe_offdays: [],
        sync_holidays: true,
        need_photo: false,
        note_can_use_local_pic: true,
        allow_checkin_offworkday: false,
        allow_apply_offworkday: true,
        wifimac_infos: [{ wifiname: OFFICE.wifiname, wifimac: OFFICE.wifimac }],
        loc_infos: [{ lat: OFFICE.lat, lng: OFFICE.lng, loc_title: OFFICE.location_title, loc_detail: OFFICE.location_detail, distance: 300 }],
      },
    })),
  };
}
