/**
 * Public holidays by name (春节后第一天, 中秋节前一天, 国庆后): the spans come
 * from the holiday calendar (HR imports each year's schedule), because the
 * lunar ones move every year and even the fixed ones shift with 调休.
 */
import { addDays, type IsoDate } from '../../../lib/time.js';
import type { Direction } from './calendar.js';

export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

export interface HolidaySpan {
  readonly name: HolidayName;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** The word people use → the calendar's name. */
const ALIASES: Readonly<Record<string, HolidayName>> = {
  元旦: '元旦', 春节: '春节', 过年: '春节', 清明: '清明节', 清明节: '清明节', 五一: '劳动节', 劳动节: '劳动节',
  端午: '端午节', 端午节: '端午节', 中秋: '中秋节', 中秋节: '中秋节', 国庆: '国庆节', 国庆节: '国庆节', 十一: '国庆节',
};

/** Every word for a holiday, longest first (for building the date scanner's patterns). */
export const HOLIDAY_WORDS: readonly string[] = Object.keys(ALIASES).sort((a, b) => b.length - a.length);

export function holidayNamed(word: string): HolidayName | undefined {
  return ALIASES[word];
}

/**
 * Consecutive `holiday` days per name. A row may carry two names when the
 * holidays merge (国庆节、中秋节): the span then counts for both.
 */
export function holidaySpans(rows: ReadonlyArray<{ readonly date: string; readonly kind: string; readonly name: string }>): HolidaySpan[] {
  const holidays = rows.filter((r) => r.kind === 'holiday');
  const days = holidays.map((r) => r.date).sort();
  const namesOf = new Map(holidays.map((r) => [r.date, HOLIDAY_NAMES.filter((n) => r.name.includes(n.replace(/节$/, '')))]));
  const spans: HolidaySpan[] = [];
  const open = new Map<HolidayName, { start: IsoDate; end: IsoDate }>();
  const close = (name: HolidayName) => {
    const s = open.get(name);
    if (s) spans.push({ name, ...s });
    open.delete(name);
  };
  for (const date of days) {
    const names = namesOf.get(date) ?? [];
    for (const [name, s] of [...open]) if (!names.includes(name) || addDays(s.end, 1) !== date) close(name);
    for (const name of names) {
      const s = open.get(name);
      open.set(name, s ? { start: s.start, end: date } : { start: date, end: date });
    }
  }
  for (const name of [...open.keys()]) close(name);
  return spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The holidays that always begin on the same day (元旦, 五一, 国庆) and the usual first day back, for when the calendar lacks the year. */
export const FIXED_HOLIDAYS: Readonly<Partial<Record<HolidayName, { readonly first: readonly [number, number]; readonly after: readonly [number, number] }>>> = {
  元旦: { first: [1, 1], after: [1, 2] },
  劳动节: { first: [5, 1], after: [5, 6] },
  国庆节: { first: [10, 1], after: [10, 8] },
};

// 十一 alone is too often a number (十一点) to count as naming 国庆 here.
const NAMED = new RegExp(`(${HOLIDAY_WORDS.filter((w) => w !== '十一').join('|')})`, 'g');

/**
 * A holiday the text names that the calendar cannot place (its next
 * occurrence is not imported yet): the leave form then says why it asks.
 */
export function unplacedHoliday(text: string, spans: readonly HolidaySpan[], today: IsoDate): HolidayName | undefined {
  for (const m of text.matchAll(NAMED)) {
    const name = holidayNamed(m[1]!);
    if (name && !FIXED_HOLIDAYS[name] && !nearestHoliday(spans, name, today, 'future')) return name;
  }
  return undefined;
}

/**
 * The occurrence meant: looking ahead, the one not yet over (today counts);
 * looking back, the latest one already begun.
 */
export function nearestHoliday(spans: readonly HolidaySpan[], name: HolidayName, today: IsoDate, direction: Direction): HolidaySpan | undefined {
  const same = spans.filter((s) => s.name === name);
  return direction === 'future' ? same.find((s) => s.end >= today) : same.filter((s) => s.start <= today).at(-1);
}
