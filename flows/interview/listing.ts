/**
 * 今天有哪些面试 / 张伟的面试 / 这周的面试: what a list question covers (pure),
 * and the short answer. HR sees every interview; anyone else only the ones
 * they interview.
 */
import { addDays, formatChineseDate, isoWeekday, startOfLocalDay, type IsoDate } from '../../lib/time.js';
import type { InterviewKind, InterviewStatus } from '../../models/interview.js';
import * as w from './wording.js';

export interface ListScope {
  /** 今天（11月22日） / 张伟 / 本周 … as shown in the answer. */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
  readonly candidateName?: string | undefined;
}

/** One interview as lists and the reschedule step see it. */
export interface InterviewRow {
  readonly id: string;
  readonly candidateId: string;
  readonly candidateName: string;
  readonly jobTitle: string;
  readonly kind: InterviewKind;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly status: InterviewStatus;
  readonly interviewerUserid: string;
  readonly interviewerName: string;
  readonly hrUserid: string;
  readonly place: string | undefined;
  /** The candidate's current invitation link (only while it can still be used). */
  readonly link: string | undefined;
}

export const LIST_LIMIT = 10;

/** Reads the scope from the message: a candidate's name, a week, a day, or the coming 7 days. */
export function listScope(text: string, slots: { start?: string | undefined; candidateName?: string | undefined }, today: IsoDate, tz: string): ListScope {
  if (slots.candidateName && !/我(今天|明天|这周|本周|下周)?(有|的)/.test(text)) {
    return { label: slots.candidateName, from: startOfLocalDay(addDays(today, -60), tz), to: startOfLocalDay(addDays(today, 366), tz), candidateName: slots.candidateName };
  }
  const weekWord = /(这|本|下|上)(个)?(周|星期|礼拜)(?![一二三四五六日天])/.exec(text);
  if (weekWord) {
    const monday = addDays(today, 1 - isoWeekday(today));
    const shift = weekWord[1] === '下' ? 7 : weekWord[1] === '上' ? -7 : 0;
    const from = addDays(monday, shift);
    return { label: shift === 7 ? '下周' : shift === -7 ? '上周' : '本周', from: startOfLocalDay(from, tz), to: startOfLocalDay(addDays(from, 7), tz) };
  }
  if (slots.start) {
    const label = slots.start === today ? `今天（${formatChineseDate(today, false)}）`
      : slots.start === addDays(today, 1) ? `明天（${formatChineseDate(slots.start, false)}）` : formatChineseDate(slots.start);
    return { label, from: startOfLocalDay(slots.start, tz), to: startOfLocalDay(addDays(slots.start, 1), tz) };
  }
  return { label: '接下来 7 天', from: startOfLocalDay(today, tz), to: startOfLocalDay(addDays(today, 8), tz) };
}

export function listAnswer(scope: ListScope, rows: readonly InterviewRow[], tz: string): string {
  if (rows.length === 0) return w.listEmpty(scope.label);
  const shown = rows.slice(0, LIST_LIMIT);
  const lines = shown.map((r, i) => `${i + 1}. ${w.listLine({ ...r, start: r.startAt, tz })}`);
  return [w.listHeader(scope.label), ...lines, ...(rows.length > LIST_LIMIT ? [w.LIST_MORE(rows.length - LIST_LIMIT)] : [])].join('\n');
}
