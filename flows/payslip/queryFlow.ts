/**
 * 查工资 / 上个月工资条 / 2026年9月的工资: the answer is a link card to the
 * payslip page, never a figure. The link is signed for the asker and expires
 * soon; the page signs them in through WeCom before showing anything.
 */
import { reply, type Flow, type StepResult, type TextTurn } from '../flow.js';
import type { ConversationState } from '../flow.js';
import { monthsWithSlip } from '../../models/payslip.js';
import * as w from './wording.js';

/** Builds the chat link to `userid`'s slip of `month` (signed, short-lived). */
export type ChatLinkFor = (userid: string, month: string, now: Date) => string;

export interface PayslipFacts {
  /** Published months with a slip for the asker, newest first. */
  readonly months: readonly string[];
}

/** Pure: which month to show, or what to say instead. */
export function answer(state: ConversationState, turn: TextTurn, facts: PayslipFacts, linkFor: ChatLinkFor): StepResult {
  const asked = turn.nlu.slots.month;
  const userid = turn.employee!.userid;
  if (asked !== undefined && asked > turn.today.slice(0, 7)) return { state, actions: [reply(turn, w.futureMonth(asked))] };
  const month = asked ?? facts.months[0];
  if (month === undefined) return { state, actions: [reply(turn, w.NONE_YET)] };
  if (!facts.months.includes(month)) {
    return { state, actions: [reply(turn, facts.months.length > 0 ? w.missingMonth(month, facts.months) : w.missingMonthNoneAtAll(month))] };
  }
  return {
    state,
    actions: [reply(turn, { kind: 'link_card', title: w.cardTitle(month), description: w.CARD_DESCRIPTION, url: linkFor(userid, month, turn.now), button: w.CARD_BUTTON })],
  };
}

export function payslipQueryFlow(linkFor: ChatLinkFor): Flow<PayslipFacts> {
  return {
    name: 'payslip.query',
    intents: ['payslip.query'],
    allowed: (turn) => turn.employee !== undefined,
    loadFacts: async (turn) => ({ months: await monthsWithSlip(turn.employee!.userid, { publishedOnly: true }) }),
    start: (state, turn, facts) => answer(state, turn, facts, linkFor),
  };
}
