/**
 * 请假 as a slot-filling form: pre-filled from the first message, asking only
 * for what is missing, validating each answer with a helpful message, showing a
 * summary, and submitting only after 确认. Pure: facts come in, state and
 * actions go out.
 */
import { addDays, daysBetween, type IsoDate } from '../../lib/time.js';
import { countWorkingDays, endForDuration, type Period } from '../../lib/workdays.js';
import { leaveTypeName, type LeaveTypeCode } from '../../models/leaveType.js';
import type { Slots } from '../nlu/types.js';
import { effect, reply, type ConversationState, type Flow, type FormState, type StepResult, type TextTurn } from '../flow.js';
import { loadLeaveFacts, type LeaveFacts, type ActiveRequest } from './facts.js';
import * as w from './wording.js';

export interface LeaveValues {
  leaveType?: LeaveTypeCode | undefined;
  start?: IsoDate | undefined;
  startPeriod?: Period | undefined;
  end?: IsoDate | undefined;
  endPeriod?: Period | undefined;
  /** A duration as said (两天半); the end is derived from it in working days. */
  days?: number | undefined;
  reason?: string | undefined;
}

type AskSlot = 'leaveType' | 'start' | 'end' | 'reason';

/** A complete, valid request ready to submit. */
export interface LeaveDraft {
  leaveType: LeaveTypeCode;
  start: IsoDate;
  startPeriod: Period | undefined;
  end: IsoDate;
  endPeriod: Period | undefined;
  days: number;
  reason: string | undefined;
}

export type Validation =
  | { readonly ok: true; readonly draft: LeaveDraft; readonly note: string | undefined }
  | { readonly ok: false; readonly ask: AskSlot; readonly message: string };

const FLOW = 'leave.request';
const RANGE_MARKER = /到|至|~|～|—|-|直到|为止/;
const REASON_RE = /(?:因为|由于|原因是?|理由是?|事由是?)[：:，,\s]*([^。！!]{2,100})/;

/** Folds what the user just said into the form's values. */
export function mergeSlots(values: LeaveValues, slots: Slots, text: string, asking: string | undefined, facts: LeaveFacts): LeaveValues {
  const v: LeaveValues = { ...values };
  if (slots.leaveType) v.leaveType = slots.leaveType;

  if (slots.start) {
    v.start = slots.start;
    v.startPeriod = slots.startPeriod;
    // "明天" on its own also reads as end = start (one day); "明天到周三" names an end.
    const explicitEnd = slots.end !== undefined && (slots.end !== slots.start || RANGE_MARKER.test(text));
    const previousDays = spanDaysOf(values, facts);
    if (slots.days !== undefined) {
      v.days = slots.days;
      v.end = undefined;
      v.endPeriod = undefined;
    } else if (explicitEnd) {
      v.end = slots.end;
      v.endPeriod = slots.endPeriod;
      v.days = undefined;
    } else if (values.days !== undefined) {
      v.end = undefined; // a duration said earlier still holds; the end follows the new start
      v.endPeriod = undefined;
    } else if (previousDays !== undefined && previousDays > 1 && asking !== 'end') {
      v.days = previousDays; // the start moved: keep the length of the span
      v.end = undefined;
      v.endPeriod = undefined;
    } else if (slots.end !== undefined) {
      v.end = slots.end;
      v.endPeriod = slots.endPeriod;
    } else if (v.end !== undefined && v.end < slots.start) {
      v.end = undefined;
      v.endPeriod = undefined;
    }
  } else if (slots.end) {
    v.end = slots.end;
    v.endPeriod = slots.endPeriod;
    v.days = undefined;
  } else if (slots.days !== undefined) {
    v.days = slots.days;
    v.end = undefined;
    v.endPeriod = undefined;
  } else if (slots.endPeriod && asking === 'end' && v.start) {
    v.endPeriod = slots.endPeriod;
  }

  const reason = REASON_RE.exec(text)?.[1]?.trim();
  if (reason) v.reason = reason;
  else if (asking === 'reason' && !slots.start && !slots.leaveType && slots.days === undefined) v.reason = text.trim().slice(0, 200);
  return v;
}

/** Days of the span the values describe now, when they describe a whole one. */
function spanDaysOf(v: LeaveValues, facts: LeaveFacts): number | undefined {
  if (!v.start || !v.end || v.end < v.start) return undefined;
  try {
    return countWorkingDays({ start: v.start, startPeriod: v.startPeriod, end: v.end, endPeriod: v.endPeriod }, facts.calendar);
  } catch {
    return undefined;
  }
}

/** Half-day ordinal bounds of a span, for overlap checks. */
function bounds(r: { start: IsoDate; startPeriod?: Period | undefined; end: IsoDate; endPeriod?: Period | undefined }): [number, number] {
  const s = daysBetween('2000-01-01', r.start) * 2 + (r.startPeriod === 'pm' ? 1 : 0);
  const e = daysBetween('2000-01-01', r.end) * 2 + (r.endPeriod === 'am' ? 1 : 2);
  return [s, e];
}

export function findOverlap(draft: Pick<LeaveDraft, 'start' | 'startPeriod' | 'end' | 'endPeriod'>, requests: readonly ActiveRequest[], exceptId?: string): ActiveRequest | undefined {
  const [s, e] = bounds(draft);
  return requests.find((r) => {
    if (r.id === exceptId || (r.status !== 'pending' && r.status !== 'approved')) return false;
    const [rs, re] = bounds(r);
    return s < re && rs < e;
  });
}

export function describe(r: { leaveType: LeaveTypeCode; start: IsoDate; startPeriod?: Period | undefined; end: IsoDate; endPeriod?: Period | undefined; status?: string }): string {
  return `${w.spanText(r)} 的${leaveTypeName(r.leaveType)}${r.status ? `（${w.STATUS_TEXT[r.status as keyof typeof w.STATUS_TEXT] ?? r.status}）` : ''}`;
}

/** Checks the values in the order a person would fix them. */
export function validate(v: LeaveValues, facts: LeaveFacts, today: IsoDate): Validation {
  if (!v.leaveType) return { ok: false, ask: 'leaveType', message: w.ASK_TYPE(typeOptions(facts)) };
  const type = facts.leaveTypes.find((t) => t.code === v.leaveType);
  if (!type) return { ok: false, ask: 'leaveType', message: w.BAD_TYPE };
  if (!v.start) return { ok: false, ask: 'start', message: w.ASK_START };

  let start = v.start;
  let end = v.end;
  let endPeriod = v.endPeriod;
  if (!end) {
    if (v.days === undefined) return { ok: false, ask: 'end', message: w.ASK_END };
    const derived = endForDuration(v.start, v.startPeriod, v.days, facts.calendar);
    start = derived.start;
    end = derived.end;
    endPeriod = derived.endPeriod;
  }
  if (end < start) return { ok: false, ask: 'end', message: w.END_BEFORE_START };
  if (start === end && v.startPeriod === 'pm' && endPeriod === 'am') return { ok: false, ask: 'end', message: w.SAME_DAY_PM_AM };
  if (start < addDays(today, -type.backdateDays)) return { ok: false, ask: 'start', message: w.tooFarBack(type.name, type.backdateDays) };
  if (daysBetween(start, end) + 1 > type.maxSpanDays) return { ok: false, ask: 'end', message: w.tooLong(type.name, type.maxSpanDays) };

  const span = { start, startPeriod: v.startPeriod, end, endPeriod };
  const days = countWorkingDays(span, facts.calendar);
  if (days <= 0) return { ok: false, ask: 'start', message: w.NO_WORKING_DAYS };
  if (type.unit === 'day' && !Number.isInteger(days)) {
    return { ok: false, ask: 'end', message: `${type.name}按整天申请，请把时间调整成整天。` };
  }
  const clash = findOverlap(span, facts.requests);
  if (clash) return { ok: false, ask: 'start', message: w.overlaps(describe(clash)) };
  if (type.requiresBalance) {
    const available = facts.balances[type.code] ?? 0;
    if (days > available) return { ok: false, ask: 'end', message: w.insufficient(type.name, available, days) };
  }
  if (type.code === 'personal' && !v.reason) return { ok: false, ask: 'reason', message: w.ASK_REASON };

  const years = [...new Set([start.slice(0, 4), end.slice(0, 4)].map(Number))].filter((y) => !facts.calendarYears.includes(y));
  return {
    ok: true,
    draft: { leaveType: type.code, start, startPeriod: v.startPeriod, end, endPeriod, days, reason: v.reason },
    note: years.length > 0 ? w.calendarMissing(years) : undefined,
  };
}

function typeOptions(facts: LeaveFacts): string {
  return facts.leaveTypes
    .map((t) => (t.requiresBalance && (facts.balances[t.code] ?? 0) > 0 ? `${t.name}（可用 ${w.daysText(facts.balances[t.code] ?? 0)}）` : t.requiresBalance ? '' : t.name))
    .filter(Boolean)
    .join('、');
}

function summaryText(draft: LeaveDraft, note: string | undefined, facts: LeaveFacts): string {
  const type = facts.leaveTypes.find((t) => t.code === draft.leaveType);
  const available = facts.balances[draft.leaveType] ?? 0;
  return w.summary({
    typeName: type?.name ?? leaveTypeName(draft.leaveType),
    span: draft,
    days: draft.days,
    approverName: facts.approver?.name ?? '—',
    reason: draft.reason,
    balanceAfter: type?.requiresBalance ? { available, after: available - draft.days } : undefined,
    note,
  });
}

function values(form: FormState): LeaveValues {
  return form.values as LeaveValues;
}

/** Moves the form on after new values: ask the next thing, or show the summary. */
function advance(state: ConversationState, turn: TextTurn, facts: LeaveFacts, v: LeaveValues, prev: FormState | undefined, answered: boolean): StepResult {
  if (!facts.approver) return { state: { ...state, form: undefined }, actions: [reply(turn, '还没有找到你的审批人（上级或 HR），请联系 HR 设置后再申请。')] };
  const check = validate(v, facts, turn.today);
  if (check.ok) {
    const form: FormState = { flow: FLOW, values: { ...v }, asking: undefined, reasks: {}, stage: 'confirming' };
    return { state: { ...state, form }, actions: [reply(turn, summaryText(check.draft, check.note, facts))] };
  }
  // Asking the same thing again without a usable answer counts as a re-ask.
  const same = prev?.asking === check.ask && !answered;
  const count = same ? (prev?.reasks[check.ask] ?? 0) + 1 : 0;
  const form: FormState = { flow: FLOW, values: { ...v }, asking: check.ask, reasks: { ...(prev?.reasks ?? {}), [check.ask]: count }, stage: 'filling' };
  const asked = same ? `${badAnswer(check.ask, check.message)}${count >= 2 ? w.REASK_SUFFIX : ''}` : check.message;
  // 春节后… when the calendar does not hold next year yet: say why the date is asked for.
  const message = check.ask === 'start' && turn.nlu.unplacedHoliday ? w.UNPLACED_HOLIDAY(turn.nlu.unplacedHoliday) : asked;
  return { state: { ...state, form }, actions: [reply(turn, message)] };
}

function badAnswer(slot: AskSlot, fallback: string): string {
  if (slot === 'leaveType') return w.BAD_TYPE;
  if (slot === 'start') return fallback === w.ASK_START ? w.BAD_START : fallback;
  if (slot === 'end') return fallback === w.ASK_END ? w.BAD_END : fallback;
  return fallback;
}

/** Did this turn give the slot being asked anything? */
function answersAsked(asking: string | undefined, before: LeaveValues, after: LeaveValues): boolean {
  if (!asking) return false;
  if (asking === 'end') return after.end !== before.end || after.days !== before.days || after.endPeriod !== before.endPeriod;
  if (asking === 'start') return after.start !== before.start || after.startPeriod !== before.startPeriod;
  return JSON.stringify(after[asking as keyof LeaveValues]) !== JSON.stringify(before[asking as keyof LeaveValues]);
}

function hasSlots(slots: Slots): boolean {
  return ['leaveType', 'start', 'end', 'days', 'startPeriod', 'endPeriod'].some((k) => slots[k as keyof Slots] !== undefined);
}

export const leaveRequestFlow: Flow<LeaveFacts> = {
  name: FLOW,
  intents: ['leave.request'],
  allowed: (turn) => turn.employee !== undefined,
  loadFacts: (turn) => loadLeaveFacts(turn.employee!, turn.today),

  start(state, turn, facts) {
    const v = mergeSlots({}, turn.nlu.slots, turn.text, undefined, facts);
    return advance(state, turn, facts, v, undefined, true);
  },

  resume(state, form, turn, facts) {
    const before = values(form);
    const { nlu } = turn;
    if (form.stage === 'confirming') {
      if (nlu.intent === 'confirm' && !hasSlots(nlu.slots)) {
        const check = validate(before, facts, turn.today);
        if (!check.ok) return advance(state, turn, facts, before, form, true);
        return {
          state: { ...state, form: undefined },
          actions: [effect('leave.submit', { userid: turn.employee!.userid, ...stripUndefined(check.draft) })],
        };
      }
      if (!hasSlots(nlu.slots)) {
        return { state, actions: [reply(turn, nlu.intent === 'deny' || nlu.correction ? w.WHAT_TO_CHANGE : w.CONFIRM_OR_CHANGE)] };
      }
      const after = mergeSlots(before, nlu.slots, turn.text, undefined, facts);
      return advance(state, turn, facts, after, form, true);
    }
    const after = mergeSlots(before, nlu.slots, turn.text, form.asking, facts);
    return advance(state, turn, facts, after, form, answersAsked(form.asking, before, after));
  },

  resumePrompt(form) {
    if (form.stage === 'confirming') return '请假信息还等你确认，回复“确认”提交。';
    return { leaveType: '请哪种假？', start: w.ASK_START, end: w.ASK_END, reason: w.ASK_REASON }[form.asking as AskSlot] ?? '请继续。';
  },

  formHelp(form) {
    const step = this.resumePrompt?.(form) ?? '';
    return `正在帮你申请请假。${step}\n可以随时改：“改成后天”“改成事假”“到周四”；回复“取消”结束。`;
  },
};

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
