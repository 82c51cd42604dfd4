/**
 * The candidate's side of the chat (Wechaty), pure. After the invitation the
 * candidate's conversation expects an answer (`interview.candidate`):
 * 确认 → confirmed; a new time (改期至下周一下午2点) → the reschedule policy;
 * 取消 → asked once more, then declined; a number → one of the proposed slots.
 * Anything else gets a short reminder of what they can say. The expectation
 * stays until a week after the slot, so later replies still land here.
 */
import type { AwaitingHandler } from '../engine.js';
import { effect, reply, type Awaiting, type ConversationState, type StepResult, type TextTurn } from '../flow.js';
import type { InterviewFacts } from './facts.js';
import { CANDIDATE_AWAITING } from './invitation.js';
import { parseChoice } from './parse.js';
import { instantOf } from './slots.js';
import * as w from './wording.js';

export interface CandidateAwaitingData {
  readonly interviewId: string;
  /** 「产品经理」的面试（11月24日（周二）15:00–15:45） */
  readonly label: string;
  readonly link: string;
  /** The slot's current clock time `HH:mm`: "改到周三" keeps it. */
  readonly clock: string;
  /** Proposed slots (ISO instants) after a request the policy could not apply. */
  readonly options?: readonly string[];
  readonly optionLabels?: readonly string[];
  readonly stage?: 'decline';
}

const RESCHEDULE_WORDS = /改期|改时间|改到|改成|换个时间|换时间|换到|推迟|推到|延后|提前|挪到|调到|调整/;
const DECLINE_WORDS = /不参加|不去了|去不了|来不了|参加不了|放弃|取消面试|不面了|不考虑/;
const CONFIRM_WORDS = /准时|会参加|能参加|可以参加|没问题|一定到|会到/;

/**
 * The moment a message asks for, if it asks for one: a full time, or a day
 * (keeping the current clock) when the message is about changing the time.
 */
export function requestedMoment(turn: TextTurn, currentClock: string | undefined): Date | undefined {
  const s = turn.nlu.slots;
  if (turn.nlu.intent === 'confirm') return undefined;
  if (s.time) return instantOf(s.time, turn.tz);
  if (s.start && currentClock && (turn.nlu.intent === 'interview.reschedule' || RESCHEDULE_WORDS.test(turn.text))) {
    return instantOf(`${s.start}T${currentClock}`, turn.tz);
  }
  return undefined;
}

function dataOf(a: Awaiting): CandidateAwaitingData {
  return a.data as unknown as CandidateAwaitingData;
}

function withData(a: Awaiting, data: CandidateAwaitingData): Awaiting {
  return { ...a, data: data as unknown as Readonly<Record<string, unknown>> };
}

function plain(d: CandidateAwaitingData): CandidateAwaitingData {
  return { interviewId: d.interviewId, label: d.label, link: d.link, clock: d.clock };
}

/** One step for a candidate's message while their conversation expects an answer. */
export function candidateStep(state: ConversationState, awaiting: Awaiting, turn: TextTurn): StepResult {
  const d = dataOf(awaiting);
  const text = turn.text.trim();
  const { nlu } = turn;
  const keep = (data: CandidateAwaitingData): ConversationState => ({ ...state, awaiting: withData(awaiting, data) });

  if (d.options && d.options.length > 0) {
    const i = parseChoice(text, d.options.length);
    if (i !== undefined) return { state: keep(plain(d)), actions: [effect('interview.reschedule', { interviewId: d.interviewId, at: d.options[i]! })] };
  }
  const at = requestedMoment(turn, d.clock);
  if (at) return { state: keep(plain(d)), actions: [effect('interview.reschedule', { interviewId: d.interviewId, at: at.toISOString() })] };
  if (nlu.intent === 'interview.reschedule' || RESCHEDULE_WORDS.test(text)) return { state: keep(plain(d)), actions: [reply(turn, w.ASK_NEW_TIME)] };

  if (d.stage === 'decline') {
    if (nlu.intent === 'confirm') return { state: keep(plain(d)), actions: [effect('interview.decline', { interviewId: d.interviewId })] };
    if (nlu.intent === 'deny' || nlu.intent === 'cancel') return { state: keep(plain(d)), actions: [reply(turn, w.DECLINE_KEPT)] };
  }
  const negative = DECLINE_WORDS.test(text) || nlu.intent === 'cancel' || nlu.intent === 'deny';
  if (!negative && (nlu.intent === 'confirm' || CONFIRM_WORDS.test(text))) {
    return { state: keep(plain(d)), actions: [effect('interview.confirm', { interviewId: d.interviewId })] };
  }
  if (negative) return { state: keep({ ...plain(d), stage: 'decline' }), actions: [reply(turn, w.ASK_DECLINE)] };
  return { state: keep(d), actions: [reply(turn, w.candidateHelp(d.label, d.link))] };
}

export const candidateAwaitingHandler: AwaitingHandler = (state, awaiting, turn) => {
  // Only candidates (Wechaty contacts) have this expectation; anyone else routes normally.
  if (turn.user.channel !== 'wechaty') return undefined;
  return candidateStep(state, awaiting, turn);
};

/**
 * A candidate writes without an open expectation (it lapsed, or they wrote
 * first): find their interview, answer, and open the expectation again.
 */
export function candidateStart(state: ConversationState, turn: TextTurn, facts: InterviewFacts): StepResult {
  const row = facts.mine?.[0];
  if (!row || !row.link) return { state, actions: [reply(turn, w.NO_INTERVIEW_FOR_YOU)] };
  const clock = w.clockText(row.startAt, turn.tz);
  const awaiting: Awaiting = {
    kind: CANDIDATE_AWAITING,
    data: { interviewId: row.id, label: `「${row.jobTitle}」的面试（${w.slotText(row.startAt, row.endAt, turn.tz)}）`, link: row.link, clock },
    until: new Date(row.endAt.getTime() + 7 * 24 * 3600_000).toISOString(),
  };
  return candidateStep({ ...state, awaiting }, awaiting, turn);
}
