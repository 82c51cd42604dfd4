/**
 * Joins scanned atoms into moments and ranges:
 *   下周二 + 下午 + 3点            → one moment
 *   3月5日 + 到 + 7日              → a range whose end borrows the month
 *   明天 + 下午 + 2点 + 到 + 4点   → a range whose end borrows the day and 下午
 * (the last two are exactly where chrono-node goes wrong).
 */
import type { IsoDate, IsoMonth } from '../../../lib/time.js';
import { dateParts, dayInMonth, dayOfMonthNearest, makeDate, nearestWeekday } from './calendar.js';
import { scanAtoms, type Atom, type DayPart, type ScanContext } from './atoms.js';

/** A point in time as precise as the words made it. */
export interface Moment {
  date?: IsoDate;
  part?: DayPart;
  /** 0–24 on the 24-hour clock once `part` has been applied (下午3点 → 15). */
  hour?: number;
  minute?: number;
  /** True when the hour came with a part of day or in 24-hour form (15:30), so it is not ambiguous. */
  hourCertain?: boolean;
}

export interface DateMention {
  start: Moment;
  /** Set for ranges (到 / 至 / ~ / -, 下周, 周末). */
  end?: Moment;
  /** The range is a whole week or weekend (下周), not two days the user named. */
  wholeWeek?: boolean;
  from: number;
  to: number;
}

export interface DateFindings {
  mentions: DateMention[];
  months: IsoMonth[];
  /** Character spans taken by dates, months and times (so other parsers skip them). */
  spans: Array<readonly [number, number]>;
}

type Head = Extract<Atom, { kind: 'date' | 'day' | 'span' | 'instant' }>;
interface Phrase { head?: Head; part?: DayPart; clock?: { hour: number; minute: number }; from: number; to: number }

const JOIN_GAP = /^[\s的,在]*$/;
const RANGE_GAP = /^[\s]*$/;
/** 明天开始请假到周五: a few words may stand between the start and 到 (not punctuation). */
const RANGE_LEFT_GAP = /^[^\d,。!?;:()]{0,8}$/;

/** Hour on the 24-hour clock given the part of day: 下午3点 → 15, 中午1点 → 13, 上午10点 → 10. */
export function applyPart(hour: number, part: DayPart | undefined): number {
  if (part === 'afternoon' || part === 'evening') return hour < 12 ? hour + 12 : hour;
  if (part === 'noon') return hour <= 3 ? hour + 12 : hour;
  return hour;
}

function isHead(a: Atom): a is Head {
  return a.kind === 'date' || a.kind === 'day' || a.kind === 'span' || a.kind === 'instant';
}

type Item = Phrase | Extract<Atom, { kind: 'sep' | 'month' }>;

/** Groups atoms into phrases (head? part? clock?), separators and months. */
function group(atoms: readonly Atom[], text: string): Item[] {
  const out: Item[] = [];
  let current: Phrase | undefined;
  const close = (): void => {
    if (current) out.push(current);
    current = undefined;
  };
  /** The phrase a part or clock joins: the open one when allowed, else a new one. */
  const phraseFor = (a: Atom, canJoin: boolean): Phrase => {
    if (canJoin && current) return current;
    close();
    current = { from: a.from, to: a.to };
    return current;
  };
  for (const a of atoms) {
    if (a.kind === 'sep' || a.kind === 'month') {
      close();
      out.push(a);
      continue;
    }
    if (isHead(a)) {
      close();
      current = { head: a, from: a.from, to: a.to };
      if (a.kind === 'date' && a.part) current.part = a.part;
      continue;
    }
    const joinable = current !== undefined && JOIN_GAP.test(text.slice(current.to, a.from));
    if (a.kind === 'part') {
      const p = phraseFor(a, joinable && current?.part === undefined && current?.clock === undefined);
      p.part = a.part;
      p.to = a.to;
    } else {
      const p = phraseFor(a, joinable && current?.clock === undefined);
      p.clock = { hour: a.hour, minute: a.minute };
      p.to = a.to;
    }
  }
  close();
  return out;
}

function isPhrase(x: unknown): x is Phrase {
  return typeof x === 'object' && x !== null && !('kind' in x);
}

function momentOf(p: Phrase, ctx: ScanContext, startDate?: IsoDate): Moment {
  const m: Moment = {};
  const h = p.head;
  if (h?.kind === 'date') {
    m.date = h.weekday !== undefined && startDate !== undefined ? nearestWeekday(startDate, h.weekday, 'future') : h.date;
  }
  if (h?.kind === 'instant') {
    m.date = h.date;
    m.hour = h.hour;
    m.minute = h.minute;
    m.hourCertain = true;
  }
  if (h?.kind === 'day') {
    m.date = resolveDay(h.day, ctx, startDate);
  }
  if (p.part) m.part = p.part;
  if (p.clock) {
    m.hour = applyPart(p.clock.hour, p.part);
    m.minute = p.clock.minute;
    m.hourCertain = p.part !== undefined || p.clock.hour === 0 || p.clock.hour > 12;
  }
  return m;
}

/** 7日 after 3月5日到: same month (the next one if 7 < 5); alone: by direction. */
function resolveDay(day: number, ctx: ScanContext, startDate: IsoDate | undefined): IsoDate | undefined {
  if (startDate === undefined) return dayOfMonthNearest(ctx.today, day, ctx.direction);
  const same = dayInMonth(startDate.slice(0, 7), day);
  if (same !== undefined && same >= startDate) return same;
  const { year, month } = dateParts(startDate);
  return month === 12 ? makeDate(year + 1, 1, day) : makeDate(year, month + 1, day);
}

/** The end of a range borrows what it leaves out from the start. */
function completeEnd(start: Moment, end: Moment, endPhrase: Phrase): Moment {
  const e: Moment = { ...end };
  if (e.date === undefined && start.date !== undefined) e.date = start.date;
  if (endPhrase.clock && endPhrase.part === undefined && start.part !== undefined && start.hour !== undefined) {
    e.part = start.part;
    e.hour = applyPart(endPhrase.clock.hour, start.part);
    e.hourCertain = start.hourCertain ?? false;
  }
  if (e.hour !== undefined && start.hour !== undefined && e.date === start.date && e.hour < start.hour && e.hour < 12) {
    e.hour += 12; // 9点到5点 → 09:00–17:00
  }
  // A range that ends before it starts and was given without a year: the end is next year.
  if (e.date !== undefined && start.date !== undefined && e.date < start.date) {
    const { year, month, day } = dateParts(e.date);
    const next = makeDate(year + 1, month, day);
    if (next !== undefined && next >= start.date) e.date = next;
  }
  return e;
}

/** Finds every date, range, time and month in normalised text. */
export function findDates(text: string, ctx: ScanContext): DateFindings {
  const atoms = scanAtoms(text, ctx);
  const items = group(atoms, text);
  const mentions: DateMention[] = [];
  const months: IsoMonth[] = [];
  const spans = atoms.filter((a) => a.kind !== 'sep').map((a) => [a.from, a.to] as const);
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    if (!isPhrase(item)) {
      if (item.kind === 'month') months.push(item.month);
      continue;
    }
    if (item.head?.kind === 'span') {
      mentions.push({ start: { date: item.head.start }, end: { date: item.head.end }, wholeWeek: true, from: item.from, to: item.to });
      continue;
    }
    const start = momentOf(item, ctx);
    const sep = items[i + 1];
    const next = items[i + 2];
    if (sep && !isPhrase(sep) && sep.kind === 'sep' && isPhrase(next)
      && RANGE_LEFT_GAP.test(text.slice(item.to, sep.from)) && RANGE_GAP.test(text.slice(sep.to, next.from))) {
      const endRaw = next.head?.kind === 'span'
        ? { date: next.head.end }
        : momentOf(next, ctx, start.date);
      mentions.push({ start, end: completeEnd(start, endRaw, next), from: item.from, to: next.to });
      i += 2;
      continue;
    }
    mentions.push({ start, from: item.from, to: item.to });
  }
  return { mentions, months, spans };
}
