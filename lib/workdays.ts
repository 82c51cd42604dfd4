/**
 * Working-day arithmetic, pure. The holiday calendar is passed in, so the same
 * code serves the leave flow, attendance and the digest scheduler.
 *
 * A day is a working day when the calendar says `workday` (调休 Saturdays and
 * Sundays), or when it is Monday–Friday and the calendar does not say `holiday`.
 */
import { addDays, daysBetween, isoWeekday, type IsoDate } from './time.js';

export type DayKind = 'holiday' | 'workday';
export type HolidayLookup = (date: IsoDate) => DayKind | undefined;

/**
 * Half-day markers. The first day starts in the morning unless `startPeriod` is
 * `pm`; the last day ends in the evening unless `endPeriod` is `am`. So one
 * afternoon is `{start: d, startPeriod: 'pm', end: d, endPeriod: 'pm'}`.
 */
export type Period = 'am' | 'pm';

export interface DaySpan {
  readonly start: IsoDate;
  readonly startPeriod?: Period | undefined;
  readonly end: IsoDate;
  readonly endPeriod?: Period | undefined;
}

export function isWorkingDay(date: IsoDate, lookup: HolidayLookup): boolean {
  const kind = lookup(date);
  if (kind === 'workday') return true;
  if (kind === 'holiday') return false;
  return isoWeekday(date) <= 5;
}

/** Each date of the span with the share of it taken (1 or 0.5), working days only. */
export function spanDays(span: DaySpan, lookup: HolidayLookup): Array<{ date: IsoDate; share: number }> {
  const total = daysBetween(span.start, span.end);
  if (total < 0) throw new RangeError('结束日期早于开始日期');
  if (total === 0 && span.startPeriod === 'pm' && span.endPeriod === 'am') {
    throw new RangeError('同一天不能从下午开始、上午结束');
  }
  const out: Array<{ date: IsoDate; share: number }> = [];
  for (let i = 0; i <= total; i += 1) {
    const date = addDays(span.start, i);
    if (!isWorkingDay(date, lookup)) continue;
    let share = 1;
    if (i === 0 && span.startPeriod === 'pm') share -= 0.5;
    if (i === total && span.endPeriod === 'am') share -= 0.5;
    if (total === 0 && span.startPeriod === 'am' && span.endPeriod === 'am') share = 0.5;
    if (total === 0 && span.startPeriod === 'pm' && span.endPeriod === 'pm') share = 0.5;
    out.push({ date, share });
  }
  return out;
}

/** Leave days in a span: working days, half days counted as 0.5. */
export function countWorkingDays(span: DaySpan, lookup: HolidayLookup): number {
  return spanDays(span, lookup).reduce((sum, d) => sum + d.share, 0);
}

/** The next working day on or after `date`. */
export function nextWorkingDay(date: IsoDate, lookup: HolidayLookup): IsoDate {
  let d = date;
  for (let i = 0; i < 366 && !isWorkingDay(d, lookup); i += 1) d = addDays(d, 1);
  return d;
}

/** The nth working day counting from `date` (n = 0 → `date` itself when it is one). */
export function addWorkingDays(date: IsoDate, n: number, lookup: HolidayLookup): IsoDate {
  let d = nextWorkingDay(date, lookup);
  for (let left = n; left > 0; left -= 1) d = nextWorkingDay(addDays(d, 1), lookup);
  return d;
}

/** Parses the `date,kind,name` CSV rows into a lookup (used by seeds and tests). */
export function lookupFromEntries(entries: Iterable<{ date: IsoDate; kind: DayKind }>): HolidayLookup {
  const map = new Map<IsoDate, DayKind>();
  for (const e of entries) map.set(e.date, e.kind);
  return (date) => map.get(date);
}

/**
 * Where a leave of `days` (in half-day steps) starting at `start` ends, counting
 * working days only: 2.5 days from Monday morning ends Wednesday at noon.
 */
export function endForDuration(
  start: IsoDate,
  startPeriod: Period | undefined,
  days: number,
  lookup: HolidayLookup,
): { start: IsoDate; end: IsoDate; endPeriod: Period | undefined } {
  const halves = Math.round(days * 2);
  if (halves < 1) throw new RangeError('请假时长至少半天');
  const first = nextWorkingDay(start, lookup);
  let date = first;
  // A non-working start moves to the next working day's morning.
  let half = startPeriod === 'pm' && first === start ? 1 : 0;
  for (let k = 1; k < halves; k += 1) {
    if (half === 0) half = 1;
    else {
      date = nextWorkingDay(addDays(date, 1), lookup);
      half = 0;
    }
  }
  // A whole last day needs no marker; a single afternoon is pm/pm as the NLU writes it.
  const endPeriod: Period | undefined = half === 0 ? 'am' : date === first && startPeriod === 'pm' ? 'pm' : undefined;
  return { start: first, end: date, endPeriod };
}
