/**
 * Calendar and clock helpers in the business time zone.
 *
 * Dates that mean a day (leave start, a payslip month) travel as `YYYY-MM-DD` /
 * `YYYY-MM` strings; moments travel as UTC `Date`s. Conversions between the two
 * always name the IANA zone, so the process TZ never matters.
 */

/** `YYYY-MM-DD` */
export type IsoDate = string;
/** `YYYY-MM` */
export type IsoMonth = string;
/** ISO weekday: 1 = Monday … 7 = Sunday (a Chinese week runs Monday to Sunday). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in `tz`. */
export function localParts(instant: Date, tz: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out['year']!, month: out['month']!, day: out['day']!,
    hour: out['hour']!, minute: out['minute']!, second: out['second']!,
  };
}

/** Offset of `tz` from UTC at `instant`, in minutes (Asia/Shanghai → 480). */
export function tzOffsetMinutes(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The business day an instant falls on. */
export function localDate(instant: Date, tz: string): IsoDate {
  const p = localParts(instant, tz);
  return formatDate(p.year, p.month, p.day);
}

export function localMonth(instant: Date, tz: string): IsoMonth {
  return localDate(instant, tz).slice(0, 7);
}

/** `YYYY-MM-DDTHH:mm` wall-clock time of an instant (the NLU `time` slot format). */
export function localDateTime(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${formatDate(p.year, p.month, p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): s is IsoDate {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isIsoMonth(s: string): s is IsoMonth {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

function toUtcNoon(date: IsoDate): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/** Calendar arithmetic on day strings (no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtcNoon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcNoon(b).getTime() - toUtcNoon(a).getTime()) / 86_400_000);
}

export function isoWeekday(date: IsoDate): IsoWeekday {
  const wd = toUtcNoon(date).getUTCDay();
  return (wd === 0 ? 7 : wd) as IsoWeekday;
}

export function addMonths(month: IsoMonth, n: number): IsoMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${pad2((total % 12) + 1)}`;
}

export function daysInMonth(month: IsoMonth): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The UTC instant of a wall-clock time in `tz`. Handles zones with DST by
 * correcting the first guess with the offset found at that guess.
 */
export function zonedTime(date: IsoDate, time: string, tz: string): Date {
  const dm = DATE_RE.exec(date);
  const tm = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!dm || !tm) throw new RangeError(`bad date/time: ${date} ${time}`);
  const naive = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0));
  let guess = naive - tzOffsetMinutes(new Date(naive), tz) * 60000;
  guess = naive - tzOffsetMinutes(new Date(guess), tz) * 60000;
  return new Date(guess);
}

/** Start of the business day `date` as a UTC instant. */
export function startOfLocalDay(date: IsoDate, tz: string): Date {
  return zonedTime(date, '00:00', tz);
}

/** 2026-11-23 → "11月23日（周一）" */
export function formatChineseDate(date: IsoDate, withWeekday = true): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = '一二三四五六日'[isoWeekday(date) - 1];
  return withWeekday ? `${m}月${d}日（周${wd}）` : `${m}月${d}日`;
}
