/**
 * A month of 打卡 for the demo company, on WeCom's side. Every working day
 * (the 2026 calendar, 调休 included) each member punches in around 9:00 and out
 * around 18:00; a few arrive late, leave early or forget to punch, and one or
 * two are absent. Everything is derived from a hash of (member, day), so the
 * same day always looks the same — across restarts and in the seeded
 * AttendanceDay cache. Days of approved demo leave have no punches; today has
 * only the punches whose time has passed.
 */
import { addDays, localDate, zonedTime, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup } from '../../lib/workdays.js';
import type { CheckinDay, CheckinRule, CheckinSource, Punch } from '../checkinSource.js';
import { leaveOn, type DemoLeave } from './leaves.js';
import { DEMO_VACATION_IDS } from './vacationTypes.js';

export const DEMO_RULE: CheckinRule = { groupId: 1, groupName: '总部固定班（9:00-18:00）', workSec: 9 * 3600, offWorkSec: 18 * 3600 };

/** How many days before the anchor the data starts. */
export const HISTORY_DAYS = 31;

/** Chances per working day; a few people are less punctual than the rest. */
const LATE: Readonly<Record<string, number>> = { SunHao: 0.22, ZhouXin: 0.14, LiuYang: 0.12 };
const DEFAULT_LATE = 0.05;
const EARLY = 0.03;
const MISS_ON = 0.02;
const MISS_OFF = 0.03;
const ABSENT = 0.006;

/** Scripted days so the walkthrough has something to show (counted in working days before the anchor). */
const SCRIPTED: ReadonlyArray<{ userid: string; workdaysBefore: number; what: 'late' | 'miss_off' | 'absent' | 'early' }> = [
  { userid: 'WangFang', workdaysBefore: 4, what: 'late' },
  { userid: 'WangFang', workdaysBefore: 9, what: 'late' },
  { userid: 'WangFang', workdaysBefore: 6, what: 'miss_off' },
  { userid: 'GuoPeng', workdaysBefore: 1, what: 'miss_off' },
  { userid: 'SunHao', workdaysBefore: 7, what: 'absent' },
  { userid: 'ZhuTao', workdaysBefore: 2, what: 'early' },
];

export interface DemoCheckinOptions {
  readonly anchor: IsoDate;
  readonly tz: string;
  readonly lookup: HolidayLookup;
  readonly leaves: readonly DemoLeave[];
  readonly userids: readonly string[];
  readonly now: () => Date;
}

export function demoCheckins(o: DemoCheckinOptions): CheckinSource {
  const first = addDays(o.anchor, -HISTORY_DAYS);
  const known = new Set(o.userids);
  const scripted = new Map<string, (typeof SCRIPTED)[number]['what']>();
  for (const s of SCRIPTED) {
    let d = o.anchor;
    for (let left = s.workdaysBefore; left > 0; ) {
      d = addDays(d, -1);
      if (isWorkingDay(d, o.lookup)) left -= 1;
    }
    scripted.set(`${s.userid}|${d}`, s.what);
  }

  return {
    rule: DEMO_RULE,
    day(userid, date) {
      const now = o.now();
      const today = localDate(now, o.tz);
      if (!known.has(userid) || date < first || date > today) return undefined;
      return generateDay(userid, date, o, scripted.get(`${userid}|${date}`), date === today ? Math.floor(now.getTime() / 1000) : undefined);
    },
  };
}

function generateDay(
  userid: string,
  date: IsoDate,
  o: DemoCheckinOptions,
  script: (typeof SCRIPTED)[number]['what'] | undefined,
  /** Set for today: punches after this moment have not happened yet. */
  cutoff: number | undefined,
): CheckinDay {
  if (!isWorkingDay(date, o.lookup)) return { userid, date, workday: false, punches: [] };
  const at = (hhmm: string, plusSec = 0) => Math.floor(zonedTime(date, hhmm, o.tz).getTime() / 1000) + plusSec;
  const onSched = at('09:00');
  const offSched = at('18:00');
  const away = leaveOn(o.leaves, userid, date);
  const leave = away
    ? { vacationId: DEMO_VACATION_IDS[away.leave.leaveType], name: leaveName(away.leave.leaveType), seconds: away.half ? 43_200 : 86_400 }
    : undefined;
  if (away && !away.half) return { userid, date, workday: true, punches: [], leave };

  const rnd = random(`${userid}|${date}`);
  const r = { late: rnd(), early: rnd(), missOn: rnd(), missOff: rnd(), absent: rnd(), jitterOn: rnd(), jitterOff: rnd() };
  let onAt: number | undefined = onSched - 60 * Math.round(3 + r.jitterOn * 45);
  let offAt: number | undefined = offSched + 60 * Math.round(2 + r.jitterOff * 80);
  if (script === 'late' || (!script && r.late < (LATE[userid] ?? DEFAULT_LATE))) onAt = onSched + 60 * Math.round(4 + r.jitterOn * 35);
  if (script === 'early' || (!script && r.early < EARLY)) offAt = offSched - 60 * Math.round(10 + r.jitterOff * 50);
  if (!script && r.missOn < MISS_ON) onAt = undefined;
  if (script === 'miss_off' || (!script && r.missOff < MISS_OFF)) offAt = undefined;
  if (script === 'absent' || (!script && r.absent < ABSENT)) (onAt = undefined), (offAt = undefined);

  // Half a day away: only the other half is punched (around noon).
  let punches: Punch[];
  if (away?.half === 'pm') punches = [{ kind: 'on', scheduledAt: onSched, at: onAt }, { kind: 'off', scheduledAt: at('12:00'), at: at('12:00', 60 * Math.round(2 + r.jitterOff * 20)) }];
  else if (away?.half === 'am') punches = [{ kind: 'on', scheduledAt: at('13:30'), at: at('13:30', -60 * Math.round(3 + r.jitterOn * 20)) }, { kind: 'off', scheduledAt: offSched, at: offAt }];
  else punches = [{ kind: 'on', scheduledAt: onSched, at: onAt }, { kind: 'off', scheduledAt: offSched, at: offAt }];

  if (cutoff !== undefined) {
    // Today: a punch exists once it happened; a missed one only once the day is over.
    punches = punches.filter((p) => p.at !== undefined && p.at <= cutoff);
  }
  return { userid, date, workday: true, punches, leave };
}

function leaveName(code: keyof typeof DEMO_VACATION_IDS): string {
  return { annual: '年假', sick: '病假', personal: '事假', compensatory: '调休', marriage: '婚假', maternity: '产假', paternity: '陪产假', bereavement: '丧假' }[code];
}

/** mulberry32 over an FNV-1a hash of the seed text: small, fast, reproducible. */
function random(seedText: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seedText.length; i += 1) {
    h ^= seedText.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
