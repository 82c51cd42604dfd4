/**
 * HR moving or calling off an interview by chat, pure:
 * 把张伟的面试改到周三上午10点 / 取消张伟的面试. The interview is found by the
 * candidate's name (a numbered choice when several match); the new time goes
 * to the `interview.reschedule` effect, which checks the calendar and either
 * applies it or offers free slots (picked by number, `interview.hr`).
 */
import type { AwaitingHandler } from '../engine.js';
import { effect, reply, type Awaiting, type ConversationState, type StepResult, type TextTurn } from '../flow.js';
import { requestedMoment } from './candidateReplies.js';
import { changeTarget, type InterviewFacts } from './facts.js';
import { HR_AWAITING } from './invitation.js';
import type { InterviewRow } from './listing.js';
import { parseChoice } from './parse.js';
import * as w from './wording.js';

export type HrOp = 'reschedule' | 'cancel';

export interface HrAwaitingData {
  readonly stage: 'which' | 'time' | 'pick';
  readonly op?: HrOp;
  readonly interviewId?: string;
  readonly interviewIds?: readonly string[];
  /** Clock times `HH:mm` of the interviews, same order as the ids (a day alone keeps the clock). */
  readonly clocks?: readonly string[];
  readonly clock?: string;
  readonly at?: string;
  readonly options?: readonly string[];
}

const WINDOW_MS = 30 * 60_000;

function awaitingOf(turn: TextTurn, data: HrAwaitingData): Awaiting {
  return { kind: HR_AWAITING, data: data as unknown as Readonly<Record<string, unknown>>, until: new Date(turn.now.getTime() + WINDOW_MS).toISOString() };
}

function label(r: InterviewRow, tz: string): string {
  return `${r.candidateName} · ${r.jobTitle} · ${w.slotText(r.startAt, r.endAt, tz)}（${w.STATUS_TEXT[r.status]}）`;
}

function act(op: HrOp, interviewId: string, at: Date | undefined): ReturnType<typeof effect> {
  return op === 'cancel' ? effect('interview.cancel', { interviewId }) : effect('interview.reschedule', { interviewId, at: at!.toISOString() });
}

export function hrChange(state: ConversationState, turn: TextTurn, facts: InterviewFacts, op: HrOp): StepResult {
  const name = changeTarget(turn);
  if (!name) return { state, actions: [reply(turn, op === 'cancel' ? w.HR_ASK_WHICH_CANCEL : w.HR_ASK_WHICH_CANDIDATE)] };
  const rows = facts.matches ?? [];
  if (rows.length === 0) return { state, actions: [reply(turn, w.HR_NO_SUCH_INTERVIEW(name))] };
  const clocks = rows.map((r) => w.clockText(r.startAt, turn.tz));
  if (rows.length > 1) {
    const at = op === 'reschedule' ? requestedMoment(turn, undefined) : undefined;
    const data: HrAwaitingData = { stage: 'which', op, interviewIds: rows.map((r) => r.id), clocks, ...(at ? { at: at.toISOString() } : {}) };
    return { state: { ...state, awaiting: awaitingOf(turn, data) }, actions: [reply(turn, w.HR_CHOOSE_INTERVIEW(w.numbered(rows.map((r) => label(r, turn.tz)))))] };
  }
  const row = rows[0]!;
  if (op === 'cancel') return { state, actions: [act('cancel', row.id, undefined)] };
  const at = requestedMoment(turn, clocks[0]);
  if (at) return { state, actions: [act('reschedule', row.id, at)] };
  const data: HrAwaitingData = { stage: 'time', op, interviewId: row.id, clock: clocks[0] };
  return { state: { ...state, awaiting: awaitingOf(turn, data) }, actions: [reply(turn, w.HR_ASK_NEW_TIME(row.candidateName, w.slotText(row.startAt, row.endAt, turn.tz)))] };
}

/** HR's answer to "which one?", "what time?" or "pick a slot"; anything else routes normally. */
export const hrAwaitingHandler: AwaitingHandler = (state, awaiting, turn) => {
  if (turn.user.channel !== 'wecom') return undefined;
  const d = awaiting.data as unknown as HrAwaitingData;
  const text = turn.text.trim();
  const op = d.op ?? 'reschedule';
  const cleared: ConversationState = { ...state, awaiting: undefined };

  if (d.stage === 'which' && d.interviewIds) {
    const i = parseChoice(text, d.interviewIds.length);
    if (i === undefined) return undefined;
    const id = d.interviewIds[i]!;
    if (op === 'cancel') return { state: cleared, actions: [act('cancel', id, undefined)] };
    if (d.at) return { state: cleared, actions: [act('reschedule', id, new Date(d.at))] };
    const next: HrAwaitingData = { stage: 'time', op, interviewId: id, ...(d.clocks?.[i] ? { clock: d.clocks[i] } : {}) };
    return { state: { ...state, awaiting: awaitingOf(turn, next) }, actions: [reply(turn, w.HR_ASK_TIME)] };
  }
  if (!d.interviewId) return undefined;
  if (d.stage === 'pick' && d.options) {
    const i = parseChoice(text, d.options.length);
    if (i !== undefined) return { state: cleared, actions: [act('reschedule', d.interviewId, new Date(d.options[i]!))] };
  }
  const at = requestedMoment(turn, d.clock);
  if (at) return { state: cleared, actions: [act('reschedule', d.interviewId, at)] };
  return undefined;
};
