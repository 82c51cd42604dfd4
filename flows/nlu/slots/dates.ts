/**
 * Turns date findings into slots, read the way each kind of request means them:
 * - leave: a day or a range of days with half-day markers (lib/workdays.ts convention);
 * - interview: one moment, `time` = `YYYY-MM-DDTHH:mm`;
 * - period (payslip, attendance): a month looking back, or a range of days;
 * - any: all of the above, for `extractSlots` when the intent is not known.
 */
import { addDays, pad2, type IsoDate } from '../../../lib/time.js';
import type { DayPart, ScanContext } from '../dates/atoms.js';
import type { DateFindings, DateMention, Moment } from '../dates/phrases.js';
import type { Period, Slots } from '../types.js';

export type DateReading = 'leave' | 'interview' | 'period' | 'any';

function periodOf(part: DayPart | undefined, hour: number | undefined): Period | undefined {
  if (part === 'afternoon' || part === 'evening' || part === 'noon') return 'pm';
  if (part === 'morning' || part === 'early') return 'am';
  if (hour !== undefined) return hour >= 12 ? 'pm' : 'am';
  return undefined;
}

/** The first mention that names a day; a following bare 下午 lends it its part (明天请一下午). */
function firstDay(mentions: readonly DateMention[]): DateMention | undefined {
  const i = mentions.findIndex((m) => m.start.date !== undefined);
  if (i < 0) {
    // 下午请半天 with no day: today.
    return mentions.find((m) => m.start.part !== undefined && m.end === undefined);
  }
  const m = mentions[i]!;
  const next = mentions[i + 1];
  if (m.end === undefined && m.start.part === undefined && next && next.start.date === undefined && next.end === undefined && next.start.part !== undefined) {
    return { ...m, start: { ...m.start, part: next.start.part }, to: next.to };
  }
  return m;
}

/** The last of the days that follow `m` one calendar day apart, joined by nothing, 、 or 和. */
function consecutiveEnd(mentions: readonly DateMention[], m: DateMention, text: string): IsoDate | undefined {
  let i = mentions.indexOf(m);
  if (i < 0 || m.start.date === undefined) return undefined;
  let last = m.start.date;
  let to = m.to;
  for (i += 1; i < mentions.length; i += 1) {
    const next = mentions[i]!;
    if (next.end !== undefined || next.start.date !== addDays(last, 1) || !/^[,和及与\s]?$/.test(text.slice(to, next.from))) break;
    last = next.start.date;
    to = next.to;
  }
  return last === m.start.date ? undefined : last;
}

/** Words after a single day that make it the first of several: 明天开始 / 下周一起. */
const OPEN_ENDED = /^(开始|起|之后|以后|往后)/;

function leaveSlots(f: DateFindings, text: string, days: number | undefined, ctx: ScanContext): Slots {
  const m = firstDay(f.mentions);
  if (!m) return {};
  const start = m.start.date ?? ctx.today;
  const out: Slots = { start };
  const sp = periodOf(m.start.part, m.start.hour);
  if (m.wholeWeek && days !== undefined) return out; // 下周请三天: which three days is still open
  if (m.end?.date !== undefined) {
    out.end = m.end.date;
    const ep = periodOf(m.end.part, m.end.hour);
    if (start === out.end && sp === ep && sp !== undefined) {
      out.startPeriod = sp; // 明天上午9点到11点: one morning
      out.endPeriod = sp;
    } else {
      if (sp === 'pm') out.startPeriod = 'pm';
      if (ep === 'am') out.endPeriod = 'am';
    }
    return out;
  }
  // 周四周五 / 下周一、周二: days named one after another make a range.
  const lastInRow = consecutiveEnd(f.mentions, m, text);
  if (lastInRow !== undefined) {
    out.end = lastInRow;
    if (sp === 'pm') out.startPeriod = 'pm';
    return out;
  }
  // 明天开始 / 明天以后 opens a range; 3点以后 only says when the day's leave starts.
  const openEnded = (m.start.hour === undefined && OPEN_ENDED.test(text.slice(m.to))) || (days !== undefined && days > 0.5);
  if (openEnded) {
    if (sp === 'pm') out.startPeriod = 'pm';
    return out;
  }
  out.end = start;
  if (sp !== undefined) {
    out.startPeriod = sp;
    out.endPeriod = sp;
  }
  return out;
}

/** A bare hour with no 上午/下午 is read as office hours: 3点 → 15:00, 9点 → 09:00. */
function officeHour(moment: Moment): number {
  const h = moment.hour ?? 0;
  return !moment.hourCertain && h >= 1 && h <= 6 ? h + 12 : h;
}

/** The last moment named wins: 把周四的面试改成周五 means Friday. */
function interviewSlots(f: DateFindings, ctx: ScanContext): Slots {
  const timed = f.mentions.findLast((m) => m.start.hour !== undefined && !m.wholeWeek);
  if (timed) {
    const hour = officeHour(timed.start);
    const minute = timed.start.minute ?? 0;
    let date: IsoDate | undefined = timed.start.date;
    if (date === undefined) {
      // 下午3点 with no day: the next time the clock shows it.
      const dayBefore = f.mentions.find((m) => m.start.date !== undefined && m.from < timed.from);
      date = dayBefore?.start.date ?? (hour * 60 + minute > ctx.minuteOfDay ? ctx.today : addDays(ctx.today, 1));
    }
    if (hour >= 24) return { time: `${addDays(date, 1)}T${pad2(hour - 24)}:${pad2(minute)}` };
    return { time: `${date}T${pad2(hour)}:${pad2(minute)}` };
  }
  // 下周 alone is no interview time: the flow asks for the day.
  const dated = f.mentions.findLast((m) => m.start.date !== undefined && !m.wholeWeek);
  return dated?.start.date !== undefined ? { start: dated.start.date } : {};
}

function periodSlots(f: DateFindings): Slots {
  const out: Slots = {};
  if (f.months[0] !== undefined) out.month = f.months[0];
  const m = f.mentions.find((x) => x.start.date !== undefined);
  if (m?.start.date !== undefined) {
    out.start = m.start.date;
    out.end = m.end?.date ?? m.start.date;
  }
  return out;
}

export function dateSlots(f: DateFindings, reading: DateReading, text: string, days: number | undefined, ctx: ScanContext): Slots {
  switch (reading) {
    case 'leave': return leaveSlots(f, text, days, ctx);
    case 'interview': return interviewSlots(f, ctx);
    case 'period': return periodSlots(f);
    case 'any': {
      const out: Slots = { ...leaveSlots(f, text, days, ctx) };
      const time = interviewSlots(f, ctx).time;
      if (time !== undefined) out.time = time;
      if (f.months[0] !== undefined) out.month = f.months[0];
      return out;
    }
  }
}
