/**
 * After an onsite or online interview the interviewer gets a card: did it
 * take place? 已面试 marks it completed, 候选人未到场 a no-show. The tap is pure
 * here; `interview.held` does the guarded update.
 */
import type { CardHandler } from '../engine.js';
import { effect, reply } from '../flow.js';
import type { OutMessage } from '../types.js';
import * as w from './wording.js';

export function heldTaskId(interviewId: string): string {
  return `interview-${interviewId}-held`;
}

export function interviewIdOfTask(taskId: string): string | undefined {
  return /^interview-([0-9a-f]{24})-held$/.exec(taskId)?.[1];
}

export function heldCard(a: { interviewId: string; candidateName: string; jobTitle: string; when: string; kindText: string }): OutMessage {
  return {
    kind: 'button_card',
    taskId: heldTaskId(a.interviewId),
    title: w.HELD_CARD_TITLE(a.candidateName),
    description: '请告诉我结果，候选人没来的话 HR 会跟进。',
    fields: [
      { label: '候选人', value: a.candidateName },
      { label: '岗位', value: a.jobTitle },
      { label: '时间', value: a.when },
      { label: '形式', value: a.kindText },
    ],
    buttons: [
      { key: 'held', text: w.HELD_YES, style: 'primary' },
      { key: 'noshow', text: w.HELD_NO, style: 'default' },
    ],
    source: 'HR 助手 · 面试',
  };
}

export const interviewCardHandler: CardHandler = (state, turn) => {
  const interviewId = interviewIdOfTask(turn.card.taskId);
  const held = turn.card.actionKey === 'held' ? true : turn.card.actionKey === 'noshow' ? false : undefined;
  if (!interviewId || held === undefined) return { state, actions: [reply(turn, w.NO_INTERVIEW_FOR_YOU)] };
  return {
    state,
    actions: [effect('interview.held', { interviewId, held, taskId: turn.card.taskId, ...(turn.card.responseCode ? { responseCode: turn.card.responseCode } : {}) })],
  };
};
