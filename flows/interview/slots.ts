/**
 * Interview slots, pure: working hours, clashes with the interviewer's other
 * interviews, and the nearest free slots to offer instead. Moments are UTC
 * `Date`s; wall-clock reasoning names the business time zone.
 *
 * Working hours are 09:00–18:00 on working days (holiday-aware, 调休 Saturdays
 * count), without the 12:00–13:30 lunch break; suggested slots start on the
 * half hour.
 */
import { addDays, localDate, localParts, zonedTime, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup } from '../../lib/workdays.js';

export const WORK_START_MIN = 9 * 60;
export const WORK_END_MIN = 18 * 60;
export const LUNCH: readonly [number, number] = [12 * 60, 13 * 60 + 30];
export const SLOT_STEP_MIN = 30;
export const DEFAULT_DURATION_MIN = 45;

/** An interval the interviewer is taken, from another interview. */
export interface Busy {
  readonly start: Date;
  readonly end: Date;
  readonly interviewId: string;
  readonly interviewerUserid: string;
}

/** Why a time is outside working hours (a warning when HR insists, a reason to propose otherwise). */
export type OffHours = 'non_working_day' | 'before_hours' | 'after_hours' | 'lunch';

export function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** The interviewer's first clash with [start, end), ignoring `exceptId` (the interview being moved). */
export function findClash(interviewer: string, start: Date, end: Date, busy: readonly Busy[], exceptId?: string): Busy | undefined {
  return busy.find((b) => b.interviewerUserid === interviewer && b.interviewId !== exceptId && overlaps({ start, end }, b));
}

export function offHours(start: Date, durationMin: number, tz: string, lookup: HolidayLookup): OffHours | undefined {
  const day = localDate(start, tz);
  if (!isWorkingDay(day, lookup)) return 'non_working_day';
  const p = localParts(start, tz);
  const from = p.hour * 60 + p.minute;
  const to = from + durationMin;
  if (from < WORK_START_MIN) return 'before_hours';
  if (to > WORK_END_MIN || localDate(new Date(start.getTime() + durationMin * 60_000), tz) !== day) return 'after_hours';
  if (from < LUNCH[1] && LUNCH[0] < to) return 'lunch';
  return undefined;
}

/** `YYYY-MM-DDTHH:mm` (the NLU's `time` slot) → the instant in `tz`. */
export function instantOf(local: string, tz: string): Date {
  const [date, time] = local.split('T') as [IsoDate, string];
  return zonedTime(date, time, tz);
}

export interface SuggestInput {
  readonly interviewer: string;
  /** Slots are ordered by closeness to this moment (the time that was asked for). */
  readonly around: Date;
  /** No slot starts before this (e.g. now, or now + 24 h for candidates). */
  readonly notBefore: Date;
  readonly durationMin: number;
  readonly busy: readonly Busy[];
  readonly lookup: HolidayLookup;
  readonly tz: string;
  readonly exceptId?: string | undefined;
  readonly count?: number;
  /** How far to look, in calendar days from `notBefore`. */
  readonly horizonDays?: number;
}

/**
 * The free working-hour slots nearest to `around` (earlier or later), in time
 * order. Empty when the horizon holds none.
 */
export function nearestFreeSlots(input: SuggestInput): Date[] {
  const count = input.count ?? 3;
  const horizon = input.horizonDays ?? 14;
  const first = localDate(input.notBefore, input.tz);
  const around = input.around.getTime();
  const found: Date[] = [];
  // Only this interviewer's other interviews matter; filter once, not per slot.
  const mine = input.busy.filter((b) => b.interviewerUserid === input.interviewer && b.interviewId !== input.exceptId);
  const lengthMs = input.durationMin * 60_000;
  for (let d = 0; d <= horizon; d += 1) {
    const day = addDays(first, d);
    if (!isWorkingDay(day, input.lookup)) continue;
    // Offsets from local noon: clocks change at night, so 09:00–18:00 is exact even on a DST day.
    const noon = zonedTime(day, '12:00', input.tz).getTime();
    for (let m = WORK_START_MIN; m + input.durationMin <= WORK_END_MIN; m += SLOT_STEP_MIN) {
      if (m < LUNCH[1] && LUNCH[0] < m + input.durationMin) continue;
      const start = noon + (m - 12 * 60) * 60_000;
      if (start < input.notBefore.getTime()) continue;
      if (mine.some((b) => start < b.end.getTime() && b.start.getTime() < start + lengthMs)) continue;
      found.push(new Date(start));
    }
  }
  return found
    .sort((a, b) => Math.abs(a.getTime() - around) - Math.abs(b.getTime() - around) || a.getTime() - b.getTime())
    .slice(0, count)
    .sort((a, b) => a.getTime() - b.getTime());
}
