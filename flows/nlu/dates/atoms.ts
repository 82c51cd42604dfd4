/**
 * The date scanner: finds the smallest meaningful pieces of dates and times in
 * normalised text (明天, 下周二, 3月5日, 15号, 下午, 3点半, 到 …). Each piece
 * keeps its position so `phrases.ts` can join neighbours (下周二 + 下午 + 3点)
 * and ranges (3月5日 + 到 + 7日).
 *
 * The scanner resolves what a piece alone can say, in the business calendar
 * (`today` is a `YYYY-MM-DD` in the configured zone); anything that needs a
 * neighbour (7日 after 3月5日到) stays unresolved until then.
 */
import { addDays, addMonths, type IsoDate, type IsoMonth } from '../../../lib/time.js';
import {
  dayInMonth, dayOfMonthNearest, lastDayOfMonth, makeDate, monthDayNearest, monthNearest, nearestWeekday,
  weekdayInWeek, dateParts, type Direction,
} from './calendar.js';
import { FIXED_HOLIDAYS, HOLIDAY_WORDS, holidayNamed, nearestHoliday, type HolidaySpan } from './holidays.js';

/** Part of the day a word names; decides am/pm and how to read a bare hour. */
export type DayPart = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening';

/** What a piece means, before its position is attached. */
export type AtomBody =
  /** A day; `part` when the word carries one (明早, 今晚). */
  | { kind: 'date'; date: IsoDate; part?: DayPart; weekday?: number }
  /** 7日 / 15号: a day of month, resolved against the range start or by direction. */
  | { kind: 'day'; day: number }
  /** 下周 (Mon–Fri), 周末 (Sat–Sun). */
  | { kind: 'span'; start: IsoDate; end: IsoDate }
  | { kind: 'month'; month: IsoMonth }
  | { kind: 'part'; part: DayPart }
  | { kind: 'clock'; hour: number; minute: number }
  /** 两小时后: a moment relative to now, already in local wall-clock terms. */
  | { kind: 'instant'; date: IsoDate; hour: number; minute: number }
  /** 到 / 至 / ~ / - between two ends of a range. */
  | { kind: 'sep' };
export type Atom = AtomBody & { readonly from: number; readonly to: number };

export interface ScanContext {
  readonly today: IsoDate;
  /** Local wall clock now, minutes after midnight (for 两小时后). */
  readonly minuteOfDay: number;
  readonly direction: Direction;
  /** Holiday spans from the calendar, for 春节后 / 中秋节前一天; without them only the fixed-date ones resolve. */
  readonly holidays?: readonly HolidaySpan[];
}

type Made = AtomBody;
type Handler = (m: RegExpExecArray, ctx: ScanContext) => Made | undefined;

const WEEKDAY: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7,
};
const RELATIVE_DAY: Readonly<Record<string, number>> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 昨儿: -1, 今天: 0, 今日: 0, 今儿: 0, 当天: 0,
  明天: 1, 明日: 1, 明儿: 1, 后天: 2, 大后天: 3, 大大后天: 4,
};
const DAY_WITH_PART: Readonly<Record<string, readonly [number, DayPart]>> = {
  今早: [0, 'morning'], 今晨: [0, 'morning'], 今晚: [0, 'evening'], 明早: [1, 'morning'], 明晨: [1, 'morning'],
  明晚: [1, 'evening'], 昨晚: [-1, 'evening'],
};
const PART: Readonly<Record<string, DayPart>> = {
  凌晨: 'early', 早上: 'morning', 早晨: 'morning', 清晨: 'morning', 一早: 'morning', 上午: 'morning',
  中午: 'noon', 午后: 'afternoon', 下午: 'afternoon', 傍晚: 'evening', 晚上: 'evening', 夜里: 'evening', 晚间: 'evening',
};

/** Week offset of 下下 / 下 / 上 / 本 … prefixes. */
function weekOffset(prefix: string | undefined): number {
  if (!prefix) return 0;
  if (prefix.startsWith('下下')) return 2;
  if (prefix.startsWith('下')) return 1;
  if (prefix.startsWith('上上')) return -2;
  if (prefix.startsWith('上')) return -1;
  return 0;
}

/** Month offset of 上个月 / 这个月 / 下个月 … */
function monthOffset(word: string): number {
  if (word.startsWith('下下')) return 2;
  if (word.startsWith('下')) return 1;
  if (word.startsWith('上上')) return -2;
  if (word.startsWith('上')) return -1;
  return 0;
}

function yearWord(word: string | undefined, today: IsoDate): number | undefined {
  const { year } = dateParts(today);
  switch (word) {
    case '今年': return year;
    case '明年': return year + 1;
    case '去年': return year - 1;
    case '后年': return year + 2;
    case '前年': return year - 2;
    default: return undefined;
  }
}

function dateAtom(date: IsoDate | undefined, part?: DayPart): Made | undefined {
  if (date === undefined) return undefined;
  return part ? { kind: 'date', date, part } : { kind: 'date', date };
}

function clock(hour: number, minute: number): Made | undefined {
  if (hour > 24 || minute > 59) return undefined;
  return { kind: 'clock', hour, minute };
}

const REL_MONTH = '(下下个?月|下个?月|上上个?月|上个?月|这个月|本月|当月)';
const NOT_DIGIT_BEFORE = '(?<![\\d.])';
/** Days that are no public holiday (the holidays go through `holidayDay`). */
const FIXED_DAYS: ReadonlyArray<readonly [string, number, number]> = [
  ['平安夜', 12, 24],
  ['圣诞节?', 12, 25],
];

const HOLIDAY_WORD = `(${HOLIDAY_WORDS.join('|')})`;
/** Words that name the holiday's day itself: not 十一 (a number: 十一点), not 过年 (a season). */
const HOLIDAY_DAY_WORD = `(${HOLIDAY_WORDS.filter((w) => w !== '十一' && w !== '过年').join('|')})`;
const HOLIDAY_BREAK = '(?:假期|长假|小长假|黄金周|放假)?';

/** A holiday by name, through the calendar: `at` picks the day relative to its span. */
function holidayDay(word: string, ctx: ScanContext, at: 'first' | 'after' | 'before'): Made | undefined {
  const name = holidayNamed(word);
  if (!name) return undefined;
  const span = ctx.holidays ? nearestHoliday(ctx.holidays, name, ctx.today, ctx.direction) : undefined;
  if (span) return dateAtom(at === 'first' ? span.start : at === 'after' ? addDays(span.end, 1) : addDays(span.start, -1));
  // Not in the calendar: only the fixed-date ones can still be placed.
  const fixed = FIXED_HOLIDAYS[name];
  if (!fixed) return undefined;
  const [month, day] = at === 'after' ? fixed.after : fixed.first;
  const date = monthDayNearest(ctx.today, month, day, ctx.direction);
  return dateAtom(date && at === 'before' ? addDays(date, -1) : date);
}

/** Every piece the scanner knows, tried at each position; the longest match wins. */
const MATCHERS: ReadonlyArray<readonly [RegExp, Handler]> = [
  // 2026年3月5日, 2026-03-05, 2026/3/5, 2026.3.5
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?`, 'y'), (m) =>
    dateAtom(makeDate(Number(m[1]), Number(m[2]), Number(m[3])))],
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)`, 'y'), (m) =>
    dateAtom(makeDate(Number(m[1]), Number(m[2]), Number(m[3])))],
  // 今年3月5日, 3月5日, 3月5号, 3月5
  [new RegExp(`(今年|明年|去年|后年|前年)?${NOT_DIGIT_BEFORE}(\\d{1,2})月(\\d{1,2})(?:[日号]|(?![\\d天个点:]))`, 'y'), (m, c) => {
    const y = yearWord(m[1], c.today);
    const month = Number(m[2]);
    const day = Number(m[3]);
    return dateAtom(y !== undefined ? makeDate(y, month, day) : monthDayNearest(c.today, month, day, c.direction));
  }],
  // 3.5, 11/30 (not 2.5天, not 3.5个小时)
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2})[./](\\d{1,2})(?![\\d./]|天|日|个|小时|倍|%|元|块|号)`, 'y'), (m, c) => {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    return dateAtom(monthDayNearest(c.today, month, day, c.direction));
  }],
  // 下个月1号, 这个月15日
  [new RegExp(`${REL_MONTH}(\\d{1,2})[日号]`, 'y'), (m, c) =>
    dateAtom(dayInMonth(addMonths(c.today.slice(0, 7), monthOffset(m[1]!)), Number(m[2])))],
  // 下个月底, 月底, 月末, 月初, 月中
  // 3月底 (month resolved by direction)
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2})月(底|末|初|中)(?!午)`, 'y'), (m, c) =>
    monthPartDate(monthNearest(c.today, Number(m[1]), c.direction), m[2]!)],
  [new RegExp(`(?:${REL_MONTH}|月)(底|末|初|中)(?!午)`, 'y'), (m, c) => {
    if (m[1]) return monthPartDate(addMonths(c.today.slice(0, 7), monthOffset(m[1])), m[2]!);
    // 月初 / 月中 alone: the next (or last) 1st / 15th; 月底: this month's last day.
    if (m[2] === '底' || m[2] === '末') return dateAtom(lastDayOfMonth(c.today.slice(0, 7)));
    return dateAtom(dayOfMonthNearest(c.today, m[2] === '中' ? 15 : 1, c.direction));
  }],
  // 15号, 7日
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2})[日号](?!\\d)`, 'y'), (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 ? { kind: 'day', day } : undefined;
  }],
  [/(大大后天|大后天|大前天|前天|昨天|昨日|昨儿|今天|今日|今儿|当天|明天|明日|明儿|后天)/y, (m, c) =>
    dateAtom(addDays(c.today, RELATIVE_DAY[m[1]!] ?? 0))],
  [/(今早|今晨|今晚|明早|明晨|明晚|昨晚)/y, (m, c) => {
    const [offset, part] = DAY_WITH_PART[m[1]!] ?? [0, 'morning'];
    return dateAtom(addDays(c.today, offset), part);
  }],
  // 3天后, 10天之后, 2天前, 1周后
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,3})个?(天|日|周|星期|礼拜)(之后|以后|后|之前|以前|前)`, 'y'), (m, c) => {
    const n = Number(m[1]) * (m[2] === '天' || m[2] === '日' ? 1 : 7);
    return dateAtom(addDays(c.today, m[3]!.endsWith('后') ? n : -n));
  }],
  // 两小时后, 半小时后, 30分钟后
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2}|半)个?(小时|钟头|分钟)(之后|以后|后)`, 'y'), (m, c) => {
    const n = m[1] === '半' ? 30 : Number(m[1]) * (m[2] === '分钟' ? 1 : 60);
    const total = c.minuteOfDay + n;
    return {
      kind: 'instant', date: addDays(c.today, Math.floor(total / 1440)),
      hour: Math.floor((total % 1440) / 60), minute: total % 60,
    };
  }],
  // 下周二, 本周五, 这周五, 星期五, 礼拜天, 下下周一
  [/(下下个?|下个?|上上个?|上个?|本|这个?)?(周|星期|礼拜)([1-7一二三四五六日天])/y, (m, c) => {
    const wd = WEEKDAY[m[3]!] ?? 1;
    if (m[1]) return dateAtom(weekdayInWeek(c.today, weekOffset(m[1]), wd));
    // A bare weekday keeps its number: as the end of a range it counts from the start (下周一到周三).
    return { kind: 'date', date: nearestWeekday(c.today, wd, c.direction), weekday: wd };
  }],
  // 下周 / 本周 (Mon–Fri), 周末 (Sat–Sun)
  [/(下下个?|下个?|上上个?|上个?|本|这个?)(周|星期|礼拜)(?![1-7一二三四五六日天末])/y, (m, c) => {
    const off = weekOffset(m[1]);
    return { kind: 'span', start: weekdayInWeek(c.today, off, 1), end: weekdayInWeek(c.today, off, 5) };
  }],
  [/(下下个?|下个?|上个?|本|这个?)?(周末)/y, (m, c) => {
    const off = weekOffset(m[1]);
    return { kind: 'span', start: weekdayInWeek(c.today, off, 6), end: weekdayInWeek(c.today, off, 7) };
  }],
  // 春节后 / 国庆节假期结束后第一天 / 中秋前一天 / 端午节: from the calendar, or the fixed date when it lacks the year
  [new RegExp(`${HOLIDAY_WORD}${HOLIDAY_BREAK}(?:之后|以后|后|结束后|回来|收假后?)(?:的?第[1一]天|上班第[1一]天|第[1一]个工作日)?`, 'y'), (m, c) => holidayDay(m[1]!, c, 'after')],
  [new RegExp(`${HOLIDAY_WORD}${HOLIDAY_BREAK}(?:之?前[1一]天|之?前最后[1一]天|前夕)`, 'y'), (m, c) => holidayDay(m[1]!, c, 'before')],
  [new RegExp(`${HOLIDAY_DAY_WORD}(?:假期|长假|小长假|黄金周|当天|那天)?`, 'y'), (m, c) => holidayDay(m[1]!, c, 'first')],
  ...FIXED_DAYS.map(([re, month, day]): readonly [RegExp, Handler] => [new RegExp(re, 'y'), (_m, c) =>
    dateAtom(monthDayNearest(c.today, month, day, c.direction))]),
  // Months: 2026年9月, 今年3月, 10月份, 上个月, 本月
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{4})年(\\d{1,2})月份?(?!\\d)`, 'y'), (m) => monthAtom(Number(m[1]), Number(m[2]))],
  [/(今年|去年|明年|前年)(\d{1,2})月份?(?!\d)/y, (m, c) => monthAtom(yearWord(m[1], c.today) ?? 0, Number(m[2]))],
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2})月份?(?!\\d)`, 'y'), (m, c) => {
    const month = Number(m[1]);
    // A month alone is asked about after the fact (payslip, attendance): 12月 in November is last December.
    return month >= 1 && month <= 12 ? { kind: 'month', month: monthNearest(c.today, month, 'past') } : undefined;
  }],
  [new RegExp(`${REL_MONTH}份?`, 'y'), (m, c) => ({ kind: 'month', month: addMonths(c.today.slice(0, 7), monthOffset(m[1]!)) })],
  // Parts of the day
  [/(凌晨|早上|早晨|清晨|一早|上午|中午|午后|下午|傍晚|晚上|夜里|晚间)/y, (m) => ({ kind: 'part', part: PART[m[1]!] ?? 'morning' })],
  // Clock: 3点, 3点半, 3点15, 3点15分, 3点1刻, 15:30, 9时
  [new RegExp(`${NOT_DIGIT_BEFORE}(\\d{1,2})(?:点|时(?!间|候)|:(?=\\d{2}))(?:([13])刻|(\\d{1,2})分?|(半))?钟?`, 'y'), (m) => {
    const minute = m[2] ? Number(m[2]) * 15 : m[3] ? Number(m[3]) : m[4] ? 30 : 0;
    return clock(Number(m[1]), minute);
  }],
  [/(?:一直到|直到|到|至|~|-)(?!手|岗|底|账|时候|时间|期|少|今)/y, () => ({ kind: 'sep' })],
];

function monthPartDate(month: IsoMonth, part: string): Made | undefined {
  if (part === '底' || part === '末') return dateAtom(lastDayOfMonth(month));
  return dateAtom(dayInMonth(month, part === '中' ? 15 : 1));
}

function monthAtom(year: number, month: number): Made | undefined {
  if (year < 1900 || month < 1 || month > 12) return undefined;
  return { kind: 'month', month: `${year}-${String(month).padStart(2, '0')}` };
}

/** Words ending in 到 that are not a range: 迟到, 报到, 收到 … */
const NOT_A_RANGE_BEFORE = /[迟报收看想做得达签遇提找等听回走轮]$/;

/** Scans normalised text into atoms, left to right, longest match first. */
export function scanAtoms(text: string, ctx: ScanContext): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < text.length) {
    let best: { made: Made; to: number } | undefined;
    let longest = i;
    for (const [re, handler] of MATCHERS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      const to = i + m[0].length;
      longest = Math.max(longest, to);
      if (best && to <= best.to) continue;
      const made = handler(m, ctx);
      if (made) best = { made, to };
    }
    if (best && best.made.kind === 'sep' && NOT_A_RANGE_BEFORE.test(text.slice(0, i))) best = undefined;
    if (best && best.to >= longest) {
      atoms.push({ ...best.made, from: i, to: best.to });
      i = best.to;
    } else {
      // 2月30日 / 13月5日 look like a date but are none: skip the whole of it,
      // so its tail (30日) is not read as a date of its own.
      i = Math.max(i + 1, longest);
    }
  }
  return atoms;
}
