/**
 * Domain queries over the holiday calendar: a lookup for a date range, so the
 * pure working-day functions in lib/workdays.ts can be used with real data.
 */
import { addDays, type IsoDate } from '../lib/time.js';
import { lookupFromEntries, type HolidayLookup, type DayKind } from '../lib/workdays.js';
import { HolidayModel } from './holiday.js';

/** Calendar entries between two dates (inclusive), padded a little for weekday math near the ends. */
export async function holidayLookup(from: IsoDate, to: IsoDate): Promise<HolidayLookup> {
  const rows = await HolidayModel.find({ date: { $gte: addDays(from, -7), $lte: addDays(to, 31) } }, { date: 1, kind: 1 }).lean();
  return lookupFromEntries(rows.map((r) => ({ date: r.date, kind: r.kind as DayKind })));
}

/** Years present in the calendar, so a request in an unknown year can be flagged. */
export async function calendarYears(): Promise<number[]> {
  const dates = await HolidayModel.distinct('date');
  return [...new Set(dates.map((d) => Number(String(d).slice(0, 4))))].sort();
}
