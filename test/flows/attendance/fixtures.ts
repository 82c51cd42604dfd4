/**
 * 打卡 fixtures in WeCom's own response shapes (field for field as in the
 * `getcheckin_daydata` / `getcheckindata` samples of the docs), and a nock
 * stand-in for both APIs that answers from them and records every call.
 */
import nock from 'nock';
import { addDays, startOfLocalDay, type IsoDate } from '../../../lib/time.js';
import type { CheckinDayData, CheckinRecord } from '../../../bot/wecom/api/checkin-types.js';
import { createWecomClient, memoryTokenStore, type WecomClient } from '../../../bot/wecom/api/index.js';
import { silentLogger } from '../../../lib/logger.js';

export const TZ = 'Asia/Shanghai';
export const API = 'https://qyapi.checkin.test';
const WORK_SEC = 9 * 3600;
const OFF_SEC = 18 * 3600;

const midnight = (date: IsoDate) => Math.floor(startOfLocalDay(date, TZ).getTime() / 1000);

export interface DaySpec {
  readonly userid: string;
  readonly date: IsoDate;
  /** 0 workday (the default), 1 rest day — as WeCom's rule sees it. */
  readonly dayType?: 0 | 1;
  /** Seconds after scheduled start; undefined = on time. */
  readonly lateBy?: number;
  /** Seconds before scheduled end. */
  readonly earlyBy?: number;
  readonly missOn?: boolean;
  readonly missOff?: boolean;
  /** No punch at all: WeCom reports 旷工. */
  readonly absent?: boolean;
  readonly overtimeSec?: number;
  /** WeCom 请假 (sp_items), in days (0.5 or 1). */
  readonly wecomLeaveDays?: number;
}

export interface CheckinFixture {
  readonly days: CheckinDayData[];
  readonly records: CheckinRecord[];
}

function record(userid: string, date: IsoDate, kind: 'on' | 'off', at: number | undefined, exception: string): CheckinRecord {
  const sch = midnight(date) + (kind === 'on' ? WORK_SEC : OFF_SEC);
  const missed = at === undefined;
  return {
    userid,
    groupname: '打卡一组',
    checkin_type: kind === 'on' ? '上班打卡' : '下班打卡',
    exception_type: exception,
    checkin_time: at ?? sch,
    location_title: missed ? '' : '示例科技大厦',
    location_detail: missed ? '' : '上海市浦东新区世纪大道100号附近',
    wifiname: missed ? '' : '办公一区',
    notes: '',
    wifimac: missed ? '' : '3c:46:d8:0c:7a:70',
    mediaids: [],
    lat: missed ? 0 : 31234567,
    lng: missed ? 0 : 121512345,
    deviceid: missed ? '' : 'E5FA89F6-3926-4972-BE4F-4A7ACF4701E2',
    sch_checkin_time: sch,
    groupid: 1,
    schedule_id: 0,
    timeline_id: 1,
  };
}

export function buildFixture(specs: readonly DaySpec[]): CheckinFixture {
  const days: CheckinDayData[] = [];
  const records: CheckinRecord[] = [];
  for (const s of specs) {
    const m = midnight(s.date);
    const workday = (s.dayType ?? 0) === 0;
    const exceptions: Array<{ count: number; duration: number; exception: number }> = [];
    let onAt: number | undefined = m + WORK_SEC - 600 + (s.lateBy ? 600 + s.lateBy : 0);
    let offAt: number | undefined = m + OFF_SEC + 300 - (s.earlyBy ? 300 + s.earlyBy : 0);
    if (s.missOn || s.absent) onAt = undefined;
    if (s.missOff || s.absent) offAt = undefined;
    if (s.lateBy) exceptions.push({ count: 1, duration: s.lateBy, exception: 1 });
    if (s.earlyBy) exceptions.push({ count: 1, duration: s.earlyBy, exception: 2 });
    if (s.absent) exceptions.push({ count: 1, duration: OFF_SEC - WORK_SEC, exception: 4 });
    else if (s.missOn || s.missOff) exceptions.push({ count: (s.missOn ? 1 : 0) + (s.missOff ? 1 : 0), duration: 0, exception: 3 });
    const spItems = [
      ...(s.wecomLeaveDays ? [{ count: 1, duration: s.wecomLeaveDays * 86_400, time_type: 0, type: 1, vacation_id: 2, name: '年假' }] : []),
      { count: 0, duration: 0, time_type: 0, type: 100, vacation_id: 0, name: '外勤次数' },
    ];
    const done = [onAt, offAt].filter((x): x is number => x !== undefined);
    days.push({
      base_info: {
        date: m, record_type: 1, name: s.userid, name_ex: '', departs_name: '产品部', acctid: s.userid,
        rule_info: { groupid: 1, groupname: '打卡一组', scheduleid: 0, schedulename: '', checkintime: [{ work_sec: WORK_SEC, off_work_sec: OFF_SEC }] },
        day_type: s.dayType ?? 0,
      },
      summary_info: {
        checkin_count: done.length,
        regular_work_sec: onAt !== undefined && offAt !== undefined ? offAt - onAt : 0,
        standard_work_sec: workday ? OFF_SEC - WORK_SEC : 0,
        earliest_time: done.length ? Math.min(...done) - m : 0,
        lastest_time: done.length ? Math.max(...done) - m : 0,
      },
      holiday_infos: [],
      exception_infos: exceptions,
      ot_info: { ot_status: s.overtimeSec ? 1 : 0, ot_duration: s.overtimeSec ?? 0, exception_duration: [] },
      sp_items: spItems,
    });
    if (!workday && !s.overtimeSec) continue;
    if (s.wecomLeaveDays === 1) continue;
    records.push(record(s.userid, s.date, 'on', onAt, onAt === undefined ? '未打卡' : s.lateBy ? '时间异常' : ''));
    records.push(record(s.userid, s.date, 'off', offAt, offAt === undefined ? '未打卡' : s.earlyBy ? '时间异常' : ''));
  }
  return { days, records };
}

/** Ordinary days (on time, Monday–Friday) for `userid` from `from` to `to`, except the dates in `skip`. */
export function ordinaryDays(userid: string, from: IsoDate, to: IsoDate, skip: ReadonlySet<IsoDate> = new Set()): DaySpec[] {
  const out: DaySpec[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (skip.has(d)) continue;
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    out.push({ userid, date: d, dayType: wd === 0 || wd === 6 ? 1 : 0 });
  }
  return out;
}

export interface CheckinCall {
  readonly path: 'getcheckin_daydata' | 'getcheckindata';
  readonly body: { starttime: number; endtime: number; useridlist: string[]; opencheckindatatype?: number };
}

/** Answers both check-in APIs from the fixture, like WeCom would; records the calls (nock 15 hands reply functions a fetch Request). */
export function serveCheckins(fixture: () => CheckinFixture, calls: CheckinCall[] = [], opts: { fail?: () => boolean } = {}): CheckinCall[] {
  nock(API).persist().get('/cgi-bin/gettoken').query(true).reply(200, { errcode: 0, errmsg: 'ok', access_token: 'T', expires_in: 7200 });
  nock(API).persist().post('/cgi-bin/checkin/getcheckin_daydata').query(true).reply(async (req: Request) => {
    const body = (await req.json()) as CheckinCall['body'];
    calls.push({ path: 'getcheckin_daydata', body });
    if (opts.fail?.()) return [200, { errcode: -1, errmsg: 'system busy' }];
    const users = new Set(body.useridlist);
    const datas = fixture().days.filter((d) => users.has(d.base_info.acctid) && d.base_info.date >= body.starttime && d.base_info.date <= body.endtime);
    return [200, { errcode: 0, errmsg: 'ok', datas }];
  });
  nock(API).persist().post('/cgi-bin/checkin/getcheckindata').query(true).reply(async (req: Request) => {
    const body = (await req.json()) as CheckinCall['body'];
    calls.push({ path: 'getcheckindata', body });
    if (opts.fail?.()) return [200, { errcode: -1, errmsg: 'system busy' }];
    const users = new Set(body.useridlist);
    const checkindata = fixture().records.filter((r) => users.has(r.userid) && r.checkin_time >= body.starttime && r.checkin_time <= body.endtime);
    return [200, { errcode: 0, errmsg: 'ok', checkindata }];
  });
  return calls;
}

export function checkinClient(): WecomClient {
  return createWecomClient({
    corpId: 'wwcheckin', secret: 'secret', agentId: 1000002, apiBase: API, tokenStore: memoryTokenStore(), logger: silentLogger,
    sleep: async () => undefined, retry: { maxAttempts: 1 },
  });
}

/** 王芳's October 2026 (国庆 1–7, 调休 Saturday the 10th), as WeCom reports it. */
export function wangfangOctober(): DaySpec[] {
  const special: DaySpec[] = [
    // 国庆: WeCom's rule was not synced with the holidays and calls it a workday with 缺卡 — our calendar knows better.
    { userid: 'wangfang', date: '2026-10-01', missOn: true, missOff: true },
    { userid: 'wangfang', date: '2026-10-09', lateBy: 12 * 60 },
    { userid: 'wangfang', date: '2026-10-10', earlyBy: 30 * 60 },
    { userid: 'wangfang', date: '2026-10-12', missOff: true },
    // Full-day leave approved in this app; WeCom still reports 旷工.
    { userid: 'wangfang', date: '2026-10-13', absent: true },
    // Morning leave approved in this app; the morning punch is missing and that is fine.
    { userid: 'wangfang', date: '2026-10-14', missOn: true },
    { userid: 'wangfang', date: '2026-10-15', absent: true },
    { userid: 'wangfang', date: '2026-10-16', overtimeSec: 2 * 3600 },
    // 年假 recorded in WeCom 假勤 (not in this app).
    { userid: 'wangfang', date: '2026-10-20', wecomLeaveDays: 1, absent: true },
  ];
  const skip = new Set(special.map((s) => s.date));
  return [...ordinaryDays('wangfang', '2026-10-01', '2026-10-31', skip), ...special].map((s) => (s.date === '2026-10-10' ? { ...s, dayType: 0 as const } : s));
}
