/**
 * Attendance days for people and dates, through the cache. Cached days that
 * are fresh enough (freshness.ts) are used as they are; the rest is fetched
 * from WeCom in one pass — the API client splits it into ≤ 100 people ×
 * ≤ 30 days per call and paces the calls — and written back.
 */
import { addDays, localDate, type IsoDate } from '../../lib/time.js';
import type { Logger } from '../../lib/logger.js';
import { AttendanceDayModel, type AttendanceDay } from '../../models/attendanceDay.js';
import { needsRefresh } from './freshness.js';
import type { CheckinPort, DayDoc } from '../ports.js';

/** Above this many people the cache is read by date range alone. */
const IN_LIMIT = 50;
const BATCH = 500;

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: Array<{ code?: unknown }> };
  return e?.code === 11000 || (Array.isArray(e?.writeErrors) && e.writeErrors.every((w) => w.code === 11000));
}

/** New days are inserted (cheaper); days already cached are replaced. Another instance racing us is harmless. */
async function save(days: readonly DayDoc[], cached: (d: DayDoc) => boolean): Promise<void> {
  const fresh = days.filter((d) => !cached(d));
  const known = days.filter(cached);
  for (let i = 0; i < fresh.length; i += BATCH) {
    await AttendanceDayModel.insertMany(fresh.slice(i, i + BATCH), { ordered: false }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }
  for (let i = 0; i < known.length; i += BATCH) {
    await AttendanceDayModel.bulkWrite(known.slice(i, i + BATCH).map((d) => ({
      updateOne: { filter: { userid: d.userid, date: d.date }, update: { $set: d }, upsert: true },
    })), { ordered: false });
  }
}

export interface AttendanceSourceDeps {
  readonly checkin: CheckinPort;
  readonly tz: string;
  readonly now: () => Date;
  readonly logger: Logger;
}

export interface LoadedDays {
  /** Every cached or fetched day in the range (untracked days included). */
  readonly days: readonly AttendanceDay[];
  /** WeCom could not be reached: `days` is what the cache had. */
  readonly stale: boolean;
}

/** Days of `userids` from `from` to `to` (clipped to today). */
export async function loadAttendance(userids: readonly string[], from: IsoDate, to: IsoDate, deps: AttendanceSourceDeps): Promise<LoadedDays> {
  const now = deps.now();
  const today = localDate(now, deps.tz);
  const last = to > today ? today : to;
  if (userids.length === 0 || from > last) return { days: [], stale: false };
  const wanted = new Set(userids);
  const cached = (await AttendanceDayModel.find({
    // Many people (a digest, a big team): scan the dates and filter here — a long $in costs more than it saves.
    ...(userids.length > IN_LIMIT ? {} : { userid: { $in: [...userids] } }),
    date: { $gte: from, $lte: last },
  }).lean()).filter((d) => wanted.has(d.userid));
  const byKey = new Map<string, AttendanceDay>(cached.map((d) => [`${d.userid}/${d.date}`, d]));

  // Who needs what: the union of stale dates, fetched for the people who need any of them.
  const staleUsers = new Set<string>();
  let first: IsoDate | undefined;
  let end: IsoDate | undefined;
  for (const userid of userids) {
    for (let date = from; date <= last; date = addDays(date, 1)) {
      if (!needsRefresh(date, byKey.get(`${userid}/${date}`)?.fetchedAt, now, today, deps.tz)) continue;
      staleUsers.add(userid);
      if (first === undefined || date < first) first = date;
      if (end === undefined || date > end) end = date;
    }
  }
  if (staleUsers.size === 0 || first === undefined || end === undefined) return { days: cached, stale: false };

  const list = [...staleUsers];
  let fetched: DayDoc[];
  try {
    fetched = await deps.checkin.fetchDays(list, first, end);
  } catch (err) {
    deps.logger.warn({ err, people: list.length, from: first, to: end }, 'attendance fetch from WeCom failed; answering from cache');
    return { days: cached, stale: true };
  }
  // Keep final cached days as they are; write the rest.
  const keep = fetched.filter((d) => needsRefresh(d.date, byKey.get(`${d.userid}/${d.date}`)?.fetchedAt, now, today, deps.tz));
  await save(keep, (d) => byKey.has(`${d.userid}/${d.date}`));
  for (const d of keep) byKey.set(`${d.userid}/${d.date}`, d);
  const days = [...byKey.values()].filter((d) => wanted.has(d.userid) && d.date >= from && d.date <= last);
  return { days, stale: false };
}
