/**
 * Which days a question is about, from the NLU slots. Pure.
 * 这个月 / 10月 → a month (up to today); 上周 → its days; 昨天 → one day;
 * nothing said → this month so far.
 */
import { addDays, daysInMonth, formatChineseDate, type IsoDate } from '../../lib/time.js';
import type { Slots } from '../nlu/types.js';

export interface AskedPeriod {
  readonly from: IsoDate;
  /** Inclusive, never after today. */
  readonly to: IsoDate;
  /** One day asked (我昨天打卡了吗): the answer lists the punches. */
  readonly single: boolean;
  /** How to name it in the answer: 11月 / 11月9日至11月13日 / 昨天（11月21日） … */
  readonly label: string;
}

export type PeriodResult = { readonly ok: true; readonly period: AskedPeriod } | { readonly ok: false; readonly reason: 'future'; readonly label: string };

function monthLabel(month: string, today: IsoDate): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return today.startsWith(`${y}-`) ? `${m}月` : `${y}年${m}月`;
}

export function dayLabel(date: IsoDate, today: IsoDate): string {
  if (date === today) return `今天（${formatChineseDate(date)}）`;
  if (date === addDays(today, -1)) return `昨天（${formatChineseDate(date)}）`;
  return formatChineseDate(date);
}

export function resolvePeriod(slots: Pick<Slots, 'month' | 'start' | 'end'>, today: IsoDate): PeriodResult {
  if (slots.start !== undefined) {
    const from = slots.start;
    const end = slots.end !== undefined && slots.end >= from ? slots.end : from;
    if (from > today) return { ok: false, reason: 'future', label: from === end ? formatChineseDate(from) : `${formatChineseDate(from, false)}至${formatChineseDate(end, false)}` };
    const to = end > today ? today : end;
    if (from === to) return { ok: true, period: { from, to, single: true, label: dayLabel(from, today) } };
    return { ok: true, period: { from, to, single: false, label: `${formatChineseDate(from, false)}至${formatChineseDate(to, false)}` } };
  }
  const month = slots.month ?? today.slice(0, 7);
  const from = `${month}-01`;
  const last = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
  if (from > today) return { ok: false, reason: 'future', label: monthLabel(month, today) };
  const to = last > today ? today : last;
  const label = to === last ? monthLabel(month, today) : `${monthLabel(month, today)}（截至${formatChineseDate(to, false)}）`;
  return { ok: true, period: { from, to, single: false, label } };
}
