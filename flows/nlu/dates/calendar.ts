/**
 * Calendar rules the Chinese date words follow, on `YYYY-MM-DD` strings (no
 * clock, no process time zone).
 *
 * The week rule: a week runs Monday to Sunday.
 * - 本周X / 这周X: day X of the week that contains today, even when it is
 *   already past (on Sunday 2026-11-22, 本周五 is 2026-11-20): the words say so.
 * - 下周X: day X of the following week (on Sunday 2026-11-22, 下周一 is
 *   2026-11-23, the very next day); 下下周X two weeks on; 上周X one week back.
 * - 周X alone: the nearest such day looking forward, today included (or looking
 *   back, today included, when the message is about the past, e.g. attendance).
 */
import {
  addDays, addMonths, daysInMonth, formatDate, isIsoDate, isoWeekday, type IsoDate, type IsoMonth,
} from '../../../lib/time.js';

/** Which way an under-specified date (周五, 3月5日, 15号, 10月) points. */
export type Direction = 'future' | 'past';

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Day `weekday` (1 = Monday … 7 = Sunday) of the week `weekOffset` weeks from today's. */
export function weekdayInWeek(today: IsoDate, weekOffset: number, weekday: number): IsoDate {
  return addDays(mondayOf(today), weekOffset * 7 + weekday - 1);
}

/** 周五 alone: the nearest Friday from today in `direction` (today counts). */
export function nearestWeekday(today: IsoDate, weekday: number, direction: Direction): IsoDate {
  const diff = weekday - isoWeekday(today);
  if (direction === 'future') return addDays(today, diff >= 0 ? diff : diff + 7);
  return addDays(today, diff <= 0 ? diff : diff - 7);
}

/** Parts of a `YYYY-MM-DD` string as numbers. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** A date or undefined when the day does not exist (2月30日). */
export function makeDate(year: number, month: number, day: number): IsoDate | undefined {
  const d = formatDate(year, month, day);
  return isIsoDate(d) ? d : undefined;
}

/**
 * 3月5日 without a year: the next such date (today included) for leave and
 * interviews, the last one (today included) for questions about the past.
 */
export function monthDayNearest(today: IsoDate, month: number, day: number, direction: Direction): IsoDate | undefined {
  const { year } = dateParts(today);
  const years = direction === 'future' ? [year, year + 1, year + 2, year + 3, year + 4] : [year, year - 1, year - 2, year - 3, year - 4];
  for (const y of years) {
    const d = makeDate(y, month, day);
    if (d === undefined) continue; // 2月29日 outside a leap year: try the next one
    if (direction === 'future' ? d >= today : d <= today) return d;
  }
  return undefined;
}

/** 15号 alone: the next (or last) 15th, today included; skips months too short for 31号. */
export function dayOfMonthNearest(today: IsoDate, day: number, direction: Direction): IsoDate | undefined {
  const month = today.slice(0, 7);
  for (let i = 0; i < 12; i += 1) {
    const m = addMonths(month, direction === 'future' ? i : -i);
    const d = dayInMonth(m, day);
    if (d !== undefined && (direction === 'future' ? d >= today : d <= today)) return d;
  }
  return undefined;
}

export function dayInMonth(month: IsoMonth, day: number): IsoDate | undefined {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return makeDate(y, m, day);
}

export function lastDayOfMonth(month: IsoMonth): IsoDate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/**
 * 10月 without a year: the most recent such month (this month included) when
 * looking back (payslips, attendance), the next one when looking forward.
 */
export function monthNearest(today: IsoDate, month: number, direction: Direction): IsoMonth {
  const { year, month: current } = dateParts(today);
  let y = year;
  if (direction === 'past' && month > current) y -= 1;
  if (direction === 'future' && month < current) y += 1;
  return `${y}-${String(month).padStart(2, '0')}`;
}
